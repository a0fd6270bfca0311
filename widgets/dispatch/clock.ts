// A request's next legal time as people say it ("12 min 5 s left", "overdue by 3 min"), from the
// clocks the API sent and the reader's clock (ReaderClock, ticking each second on the board), so the
// words move without asking the server again.
import type { Clock } from '../../domain/dispatch/types.ts';
import type { Translate } from '../core/i18n.ts';
import type { DispatchBoardMessageKey } from './board-messages.ts';

/** The unmet clock due first, or null when every clock is met. */
export function nextClock(clocks: readonly Clock[]): Clock | null {
  let next: Clock | null = null;
  for (const c of clocks) if (c.metAt === null && (next === null || c.dueAt < next.dueAt)) next = c;
  return next;
}

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

/** The two largest units of a span: "2 d 3 h", "1 h 20 min", "4 min 05 s", "9 s". */
export function spanText(t: Translate<DispatchBoardMessageKey>, ms: number): string {
  const d = Math.floor(ms / D);
  const h = Math.floor((ms % D) / H);
  const m = Math.floor((ms % H) / MIN);
  const s = Math.floor((ms % MIN) / S);
  if (d > 0) return `${d} ${t('unitD')} ${h} ${t('unitH')}`;
  if (h > 0) return `${h} ${t('unitH')} ${m} ${t('unitMin')}`;
  if (m > 0) return `${m} ${t('unitMin')} ${String(s).padStart(2, '0')} ${t('unitS')}`;
  return `${s} ${t('unitS')}`;
}

export function clockText(
  t: Translate<DispatchBoardMessageKey>,
  clock: Clock,
  now: number,
): { overdue: boolean; text: string } {
  const ms = clock.dueAt - now;
  const overdue = ms <= 0;
  return { overdue, text: t(overdue ? 'overdueBy' : 'left', { time: spanText(t, Math.abs(ms)) }) };
}
