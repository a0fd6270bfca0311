// Deadlines as people say them ("3 days left", "overdue by 2 days"), computed from the API's due
// instant (the first overdue one) and the reader's clock, which ticks once a minute so the words
// move while the page stays open. Units come in plural forms (Intl.PluralRules); Uzbek has no
// plural after numerals.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { type Catalogs, translate } from './i18n.ts';

const en = {
  dayOne: 'day',
  dayFew: 'days',
  dayMany: 'days',
  dayOther: 'days',
  hourOne: 'hour',
  hourFew: 'hours',
  hourMany: 'hours',
  hourOther: 'hours',
  left: '{n} {unit} left',
  overdueBy: 'Overdue by {n} {unit}',
} as const;

type Key = keyof typeof en;

const messages: Catalogs<Key> = {
  en,
  uz: {
    dayOne: 'kun',
    dayFew: 'kun',
    dayMany: 'kun',
    dayOther: 'kun',
    hourOne: 'soat',
    hourFew: 'soat',
    hourMany: 'soat',
    hourOther: 'soat',
    left: '{n} {unit} qoldi',
    overdueBy: 'Muddati {n} {unit} oʻtgan',
  },
  ru: {
    dayOne: 'день',
    dayFew: 'дня',
    dayMany: 'дней',
    dayOther: 'дня',
    hourOne: 'час',
    hourFew: 'часа',
    hourMany: 'часов',
    hourOther: 'часа',
    left: 'до срока: {n} {unit}',
    overdueBy: 'Просрочено на {n} {unit}',
  },
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PLURAL_LOCALE: Record<Language, string> = { uz: 'uz', ru: 'ru-RU', en: 'en-GB' };
const FORM: Record<string, 'One' | 'Few' | 'Many' | 'Other'> = {
  one: 'One',
  few: 'Few',
  many: 'Many',
  other: 'Other',
};

export interface Countdown {
  overdue: boolean;
  text: string;
}

/**
 * Whole days, rounded towards the deadline's side of the reader: 2 days 3 hours left is "3 days
 * left" (a day is still started), and 2 days 3 hours late is "overdue by 2 days". Under a day it
 * counts hours instead, at least one.
 */
export function countdown(lang: Language, dueAt: string, now: number): Countdown | null {
  const due = Date.parse(dueAt);
  if (!Number.isFinite(due)) return null;
  const ms = due - now;
  const overdue = ms <= 0;
  const span = Math.abs(ms);
  const inDays = overdue ? span >= DAY : span > DAY;
  const n = inDays
    ? overdue
      ? Math.floor(span / DAY)
      : Math.ceil(span / DAY)
    : Math.max(1, overdue ? Math.floor(span / HOUR) : Math.ceil(span / HOUR));
  const form = FORM[new Intl.PluralRules(PLURAL_LOCALE[lang]).select(n)] ?? 'Other';
  const unit = translate(messages, lang, `${inDays ? 'day' : 'hour'}${form}`);
  return { overdue, text: translate(messages, lang, overdue ? 'overdueBy' : 'left', { n, unit }) };
}

/**
 * The reader's clock, ticking so countdowns move while the page stays open: once a minute for days
 * and hours, each second where a legal time is counted in minutes (the dispatch board).
 */
export class ReaderClock implements ReactiveController {
  now = Date.now();
  readonly #host: ReactiveControllerHost;
  readonly #everyMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost, everyMs = 60_000) {
    this.#host = host;
    this.#everyMs = everyMs;
    host.addController(this);
  }

  hostConnected(): void {
    this.now = Date.now();
    this.#timer = setInterval(() => {
      this.now = Date.now();
      this.#host.requestUpdate();
    }, this.#everyMs);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
  }
}
