// Mail texts in the three languages of the system, Uzbek (Latin) first (docs/domain/identities.md).
// Templates are code, not data, so that a missing translation is a type error.
import type { Language } from '../../domain/common/language.ts';
import { OPEN_IN_PORTAL } from '../../domain/common/links.ts';
import type { RenderedMail } from '../../domain/common/rendered-mail.ts';
import type { RegistryFinding } from '../../domain/registry/reconcile.ts';

export type { RenderedMail };

export interface RegistryNoticeData {
  /** The building's card in the portal (domain/common/links.ts), where the data is corrected. */
  link?: string;
  organizationName: string;
  address: string;
  cadastralNumber: string;
  checkId: string;
  findings: RegistryFinding[];
}

/** Beyond this many, the mail says how many more there are: the registry page has the full list. */
export const MAX_LISTED_FINDINGS = 50;

const LOCALES: Record<Language, string> = { uz: 'uz-Latn-UZ', ru: 'ru-RU', en: 'en-GB' };

interface Strings {
  subject(address: string): string;
  greeting(org: string): string;
  intro(address: string, cadastral: string): string;
  finding(f: RegistryFinding, area: (n: number) => string): string;
  more(n: number): string;
  outro(checkId: string): string;
}

const STRINGS: Record<Language, Strings> = {
  uz: {
    subject: (a) => `Reyestr tekshiruvi: ${a} uyi boʻyicha nomuvofiqliklar`,
    greeting: (o) => `Hurmatli ${o}!`,
    intro: (a, c) =>
      `Mening Uyim tizimi ${a} uyining (kadastr raqami ${c}) reyestr maʼlumotlarini tekshirdi ` +
      'va quyidagi nomuvofiqliklarni aniqladi:',
    finding: (f, m) => {
      switch (f.kind) {
        case 'no_owner':
          return `${f.apartmentNumber}-xonadon: mulkdor koʻrsatilmagan`;
        case 'invalid_share':
          return `${f.apartmentNumber}-xonadon: notoʻgʻri ulush ${f.share.numerator}/${f.share.denominator}`;
        case 'shares_not_whole':
          return `${f.apartmentNumber}-xonadon: ulushlar yigʻindisi ${f.sum.numerator}/${f.sum.denominator}, 1 emas`;
        case 'apartments_exceed_living_area':
          return `Xonadonlar maydoni (${m(f.apartmentsArea)}) uyning yashash maydonidan (${m(f.livingArea)}) oshadi`;
        case 'apartments_exceed_total_area':
          return `Xonadonlar maydoni (${m(f.apartmentsArea)}) uyning umumiy maydonidan (${m(f.totalArea)}) oshadi`;
        case 'living_area_exceeds_total_area':
          return `Yashash maydoni (${m(f.livingArea)}) umumiy maydondan (${m(f.totalArea)}) katta`;
      }
    },
    more: (n) => `…va yana ${n} ta nomuvofiqlik.`,
    outro: (id) => `Iltimos, maʼlumotlarni tuzating. Tekshiruv raqami: ${id}.`,
  },
  ru: {
    subject: (a) => `Сверка реестра: расхождения по дому ${a}`,
    greeting: (o) => `Уважаемые коллеги, ${o}!`,
    intro: (a, c) =>
      `Система «Mening Uyim» сверила данные реестра по дому ${a} (кадастровый номер ${c}) ` +
      'и обнаружила расхождения:',
    finding: (f, m) => {
      switch (f.kind) {
        case 'no_owner':
          return `Квартира ${f.apartmentNumber}: не указан собственник`;
        case 'invalid_share':
          return `Квартира ${f.apartmentNumber}: недопустимая доля ${f.share.numerator}/${f.share.denominator}`;
        case 'shares_not_whole':
          return `Квартира ${f.apartmentNumber}: сумма долей ${f.sum.numerator}/${f.sum.denominator} вместо 1`;
        case 'apartments_exceed_living_area':
          return `Сумма площадей квартир (${m(f.apartmentsArea)}) превышает жилую площадь дома (${m(f.livingArea)})`;
        case 'apartments_exceed_total_area':
          return `Сумма площадей квартир (${m(f.apartmentsArea)}) превышает общую площадь дома (${m(f.totalArea)})`;
        case 'living_area_exceeds_total_area':
          return `Жилая площадь (${m(f.livingArea)}) больше общей площади (${m(f.totalArea)})`;
      }
    },
    more: (n) => `…и ещё расхождений: ${n}.`,
    outro: (id) => `Пожалуйста, исправьте данные. Номер проверки: ${id}.`,
  },
  en: {
    subject: (a) => `Registry check: discrepancies at ${a}`,
    greeting: (o) => `Dear ${o},`,
    intro: (a, c) =>
      `Mening Uyim checked the registry data of ${a} (cadastral number ${c}) and found these discrepancies:`,
    finding: (f, m) => {
      switch (f.kind) {
        case 'no_owner':
          return `Apartment ${f.apartmentNumber}: no owner recorded`;
        case 'invalid_share':
          return `Apartment ${f.apartmentNumber}: invalid share ${f.share.numerator}/${f.share.denominator}`;
        case 'shares_not_whole':
          return `Apartment ${f.apartmentNumber}: ownership shares sum to ${f.sum.numerator}/${f.sum.denominator}, not 1`;
        case 'apartments_exceed_living_area':
          return `Apartment areas (${m(f.apartmentsArea)}) exceed the building's living area (${m(f.livingArea)})`;
        case 'apartments_exceed_total_area':
          return `Apartment areas (${m(f.apartmentsArea)}) exceed the building's total area (${m(f.totalArea)})`;
        case 'living_area_exceeds_total_area':
          return `Living area (${m(f.livingArea)}) is larger than the total area (${m(f.totalArea)})`;
      }
    },
    more: (n) => `…and ${n} more.`,
    outro: (id) => `Please correct the data. Check reference: ${id}.`,
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderRegistryNotice(language: Language, d: RegistryNoticeData): RenderedMail {
  const s = STRINGS[language];
  const number = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 });
  const area = (n: number) => `${number.format(n)} m²`;
  const listed = d.findings.slice(0, MAX_LISTED_FINDINGS).map((f) => s.finding(f, area));
  const rest = d.findings.length - listed.length;
  const intro = s.intro(d.address, d.cadastralNumber);
  const text = [
    s.greeting(d.organizationName),
    '',
    intro,
    ...listed.map((l) => `- ${l}`),
    ...(rest > 0 ? [s.more(rest)] : []),
    '',
    s.outro(d.checkId),
    ...(d.link ? ['', `${OPEN_IN_PORTAL[language]} ${d.link}`] : []),
  ].join('\n');
  const html = [
    `<p>${escapeHtml(s.greeting(d.organizationName))}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<ul>${listed.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    rest > 0 ? `<p>${escapeHtml(s.more(rest))}</p>` : '',
    `<p>${escapeHtml(s.outro(d.checkId))}</p>`,
    d.link ? `<p><a href="${escapeHtml(d.link)}">${escapeHtml(OPEN_IN_PORTAL[language])}</a></p>` : '',
  ].join('\n');
  return { subject: s.subject(d.address), text, html };
}
