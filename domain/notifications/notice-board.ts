// The entrance notice board's list of owners no channel reached. A notice board is read by anyone
// in the stairwell, so it shows only what lets an owner recognise that the notice is theirs: the
// apartment number and the owner's initials. Never a full name, phone, e-mail or PINFL: the
// personal-data law allows publishing no more than the purpose needs, and the apartment number
// already tells the owner it is them.
import type { Language } from '../common/language.ts';

export interface BoardEntry {
  place: string | null;
  fullName: string;
  mailingId: string;
  /** The mailing's subject in each language it was written in. */
  titles: Partial<Record<Language, string>>;
  /** When the mailing was made (ISO instant). */
  mailedAt: string;
}

export interface BoardLine {
  place: string;
  initials: string;
}

export interface BoardSection {
  mailingId: string;
  title: string;
  /** Tashkent calendar day, DD.MM.YYYY. */
  day: string;
  lines: BoardLine[];
}

/** "Aliyev Karim Rustamovich" → "A. K. R."; letters of any script; the Uzbek ʻ (a modifier letter) is not an initial. */
export function initialsOf(fullName: string): string {
  return fullName
    .split(/\s+/)
    .map((w) => w.match(/[\p{Lu}\p{Ll}\p{Lt}\p{Lo}]/u)?.[0])
    .filter((c): c is string => Boolean(c))
    .map((c) => `${c.toLocaleUpperCase()}.`)
    .join(' ');
}

/** The Tashkent calendar day (UTC+5, no daylight saving) of an instant. */
export function tashkentDay(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 5 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

const APARTMENT_NUMBER = /\d+[\p{L}]?/u;

/** Orders apartments as people count them: 2 before 10. */
const byPlace = (a: BoardLine, b: BoardLine) =>
  a.place.localeCompare(b.place, undefined, { numeric: true }) || a.initials.localeCompare(b.initials);

/**
 * One section per mailing, newest first, each listing apartment numbers and initials once. The
 * title falls back to Uzbek, then any language it has, when the mailing lacks the reader's.
 */
export function noticeBoard(entries: BoardEntry[], lang: Language, unknownPlace: string): BoardSection[] {
  const sections = new Map<string, BoardSection & { at: string }>();
  for (const e of entries) {
    let s = sections.get(e.mailingId);
    if (!s) {
      const title = e.titles[lang] ?? e.titles.uz ?? Object.values(e.titles)[0] ?? '';
      s = { mailingId: e.mailingId, title, day: tashkentDay(e.mailedAt), lines: [], at: e.mailedAt };
      sections.set(e.mailingId, s);
    }
    const place = e.place?.match(APARTMENT_NUMBER)?.[0] ?? unknownPlace;
    const line = { place, initials: initialsOf(e.fullName) };
    if (!s.lines.some((l) => l.place === line.place && l.initials === line.initials)) s.lines.push(line);
  }
  return [...sections.values()]
    .sort((a, b) => b.at.localeCompare(a.at) || a.mailingId.localeCompare(b.mailingId))
    .map(({ at: _at, ...s }) => ({ ...s, lines: s.lines.sort(byPlace) }));
}

export const BOARD_WORDS: Record<
  Language,
  {
    title: string;
    intro: string;
    mailing: string;
    apartment: string;
    owner: string;
    none: string;
    unknownPlace: string;
    footer: (page: number, pages: number) => string;
  }
> = {
  uz: {
    title: 'Xabarnoma yetkazilmagan mulkdorlar',
    intro:
      'Quyidagi xonadonlar mulkdorlariga xabarnomani hech bir aloqa kanali orqali yetkazib boʻlmadi. Iltimos, boshqaruvchi tashkilotga murojaat qiling.',
    mailing: 'Xabarnoma',
    apartment: 'Xonadon',
    owner: 'Mulkdor (ism-sharif bosh harflari)',
    none: 'Yetkazilmagan xabarnomalar yoʻq.',
    unknownPlace: '—',
    footer: (p, n) => `Mening Uyim · ${p} / ${n}`,
  },
  ru: {
    title: 'Собственники, которым не доставлено уведомление',
    intro:
      'Собственникам следующих квартир уведомление не удалось доставить ни по одному каналу. Пожалуйста, обратитесь в управляющую организацию.',
    mailing: 'Уведомление',
    apartment: 'Квартира',
    owner: 'Собственник (инициалы)',
    none: 'Недоставленных уведомлений нет.',
    unknownPlace: '—',
    footer: (p, n) => `Mening Uyim · ${p} / ${n}`,
  },
  en: {
    title: 'Owners a notice could not reach',
    intro:
      'The notice could not be delivered by any channel to the owners of the apartments below. Please contact the management company.',
    mailing: 'Notice',
    apartment: 'Apartment',
    owner: 'Owner (initials)',
    none: 'No undelivered notices.',
    unknownPlace: '—',
    footer: (p, n) => `Mening Uyim · page ${p} of ${n}`,
  },
};
