// One spelling for the many ways residents type the same words: the emergency rules match on it,
// and the model's features are built from it.

// Uzbek Latin is typed with every apostrophe-like mark there is (oʻ, o', o`, o’, o‘); one is kept.
const APOSTROPHES = /[ʻʼ`’‘´ʹ′ʽ]/g;

/** Lower case, one apostrophe, spaces collapsed. Keeps the script. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(APOSTROPHES, "'").replace(/\s+/g, ' ').trim();
}

// Cyrillic to a loose Latin: Uzbek Cyrillic, Uzbek Latin and Russian typed in Latin letters meet in
// one spelling, so "лифт" and "lift", "газ ҳиди" and "gaz hidi" read the same. Letters residents
// confuse (қ/к, ҳ/х, ў/у in Cyrillic; x/h, q/k in Latin) collapse on purpose.
const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  // Russian writers drop the dots (льёт, льет); Uzbek ё is always yo (ёрилди, аёз).
  ё: 'yo',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ў: 'o',
  қ: 'k',
  ғ: 'g',
  ҳ: 'h',
};

/** A normalized text in one loose Latin spelling, without apostrophes. */
export function foldText(normalized: string): string {
  let out = '';
  for (const ch of normalized) out += TRANSLIT[ch] ?? ch;
  return out.replace(/'/g, '').replace(/x/g, 'h').replace(/q/g, 'k');
}

/** normalizeText then foldText. */
export function foldedText(text: string): string {
  return foldText(normalizeText(text));
}
