// How a resident's text becomes the tokens the classifiers learn from. Training and inference
// call the same functions, so a change here needs a retrain (the model file records FEATURES_VERSION).
import { foldText, normalizeText } from '../../domain/dispatch/text.ts';

/** Bumped whenever a token changes: a model trained on other tokens must not be loaded. */
export const FEATURES_VERSION = 2;

function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}']+/u).filter((w) => w.length > 0);
}

function charGrams(word: string, min: number, max: number, into: string[]): void {
  const padded = `<${word}>`;
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= padded.length; i++) into.push(padded.slice(i, i + n));
  }
}

// Greetings and forms of address, folded. They say nothing of the problem, yet the training's
// polite writers greet most in their long emergency messages, so a greeted "сув йўқ" leant towards
// an emergency; cross-validated on the training files, urgency macro-F1 rose without them.
const GREETINGS =
  /\b(assalomu?|assalamu?|alaykum|aleykum|alaikum|salom|privet|zdravstvuy(te)?|dobr\w* (den|dnya|vecher|vechera|utro|utra)|hayrli (kun|kech|tong)|hello|hi|hey|good (morning|afternoon|evening|day)|hurmatli|uvajaem\w*|dear)\b/g;

/** What the category and urgency classifiers read: folded words, word pairs and character n-grams. */
export function topicTokens(text: string): string[] {
  const folded = foldText(normalizeText(text)).replace(GREETINGS, ' ');
  const ws = words(folded);
  const tokens: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string;
    tokens.push(`w:${w}`);
    if (i + 1 < ws.length) tokens.push(`b:${w}_${ws[i + 1]}`);
    if (/^\d+$/.test(w)) continue;
    // A stem and the word's inner pieces: Uzbek and Russian glue endings on ("liftda", "лифте").
    if (w.length > 5) tokens.push(`p:${w.slice(0, 5)}`);
    charGrams(w, 4, 4, tokens);
  }
  if (/!{2,}/.test(text)) tokens.push('p:!!');
  return tokens;
}

const UZ_CYRILLIC_ONLY = /[ўқғҳ]/;
const RU_ONLY = /[ыщэъ]/;
const CYRILLIC = /[а-яёўқғҳ]/g;
const LATIN = /[a-z]/g;

/** What the language classifier reads: the script itself matters, so nothing is folded. */
export function languageTokens(text: string): string[] {
  const normalized = normalizeText(text);
  const tokens: string[] = [];
  const cyr = normalized.match(CYRILLIC)?.length ?? 0;
  const lat = normalized.match(LATIN)?.length ?? 0;
  const share = cyr + lat === 0 ? 0 : cyr / (cyr + lat);
  tokens.push(`s:cyr${Math.round(share * 4)}`);
  if (UZ_CYRILLIC_ONLY.test(normalized)) tokens.push('s:uzcyr', 's:uzcyr');
  if (RU_ONLY.test(normalized)) tokens.push('s:ruonly');
  if (normalized.includes("'")) tokens.push("s:'");
  for (const w of words(normalized)) {
    if (/^\d+$/.test(w)) continue;
    tokens.push(`w:${w}`);
    charGrams(w, 2, 3, tokens);
  }
  return tokens;
}
