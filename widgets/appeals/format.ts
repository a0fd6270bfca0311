// Deadlines as people say them ("3 days left", "overdue by 2 days"), computed from the API's dueAt
// (the first overdue instant) and the reader's clock, and the small label helpers all three share.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Language } from '../../domain/registry/types.ts';
import type { AppealMessageKey } from './messages.ts';
import { TIMELINE_ACTIONS, type TimelineAction } from './vocabulary.ts';

export type Translate = (key: AppealMessageKey, params?: Record<string, string | number>) => string;

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
export function countdown(t: Translate, lang: Language, dueAt: string, now: number): Countdown | null {
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
  const unit = t(`${inDays ? 'day' : 'hour'}${form}`);
  return { overdue, text: t(overdue ? 'overdueBy' : 'left', { n, unit }) };
}

/** YYYY-MM-DD as DD.MM.YYYY, the way portals here print calendar days. */
export const day = (date: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : date;
};

/** A timeline action in words, or the code when the API sent one this bundle does not know. */
export const actionText = (t: Translate, action: string): string =>
  (TIMELINE_ACTIONS as readonly string[]).includes(action) ? t(`action_${action as TimelineAction}`) : action;

/** Statuses in which the deadline still runs. */
export const isOpen = (status: string): boolean =>
  ['registered', 'in_progress', 'reopened', 'escalated'].includes(status);

/** The reader's clock, ticking once a minute so countdowns move while the page stays open. */
export class MinuteClock implements ReactiveController {
  now = Date.now();
  readonly #host: ReactiveControllerHost;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.now = Date.now();
    this.#timer = setInterval(() => {
      this.now = Date.now();
      this.#host.requestUpdate();
    }, 60_000);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
  }
}
