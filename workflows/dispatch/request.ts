// One dispatch request's way through its clocks. The workflow holds the timers: reminders to the
// organization before each clock is due, escalation to the chief engineer at a breach and to the
// district inspection later, the close after the resident confirms or stays silent. People's steps
// are written to PostgreSQL by the API under the row lock; a signal only wakes the workflow to read
// them, so its history grows by a few events per step, never per row.
import { ActivityFailure, condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { DispatchActivities } from '../../activities/dispatch/index.ts';
import { nextEscalation, reminderInstants } from '../../domain/dispatch/deadlines.ts';
import { MINUTE_MS } from '../../domain/dispatch/policy.ts';
import type { DispatchCommand } from '../../domain/dispatch/status.ts';
import { OPEN_DISPATCH_STATUSES } from '../../domain/dispatch/types.ts';
import { advisoryWork, bulkMail, databaseWork } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import { waitUntil } from '../common/wait.ts';
import {
  DISPATCH_FAILURES,
  type DispatchFlowState,
  dispatchStateQuery,
  requestChangedSignal,
} from './contract.ts';

const NON_RETRYABLE = nonRetryable(DISPATCH_FAILURES);
const db = proxyActivities<DispatchActivities>(databaseWork(NON_RETRYABLE));
const mail = proxyActivities<DispatchActivities>(bulkMail(NON_RETRYABLE));
const advice = proxyActivities<DispatchActivities>(advisoryWork);

type Next =
  | { kind: 'reminder'; at: number; key: string }
  | { kind: 'escalate'; at: number; key: string; command: DispatchCommand & { type: 'escalate' } }
  | { kind: 'close'; at: number; key: string };

/**
 * The next thing the clock owes this request, earliest first. `escalated` holds the escalations
 * this run has applied: a stored state that lost its escalation level (a triage confirmed before
 * the domain kept it) must not arm the same breach's timer again, which fired at once, found its
 * step done, and looped.
 */
function nextStep(s: DispatchFlowState, reminded: Set<string>, escalated: Set<string>): Next | null {
  const { request: r, policy } = s;
  const steps: Next[] = [];
  if (OPEN_DISPATCH_STATUSES.includes(r.status)) {
    for (const clock of r.clocks) {
      for (const at of reminderInstants(policy, clock)) {
        const key = `reminder:${clock.kind}:${clock.startsAt}:${at}`;
        if (!reminded.has(key)) steps.push({ kind: 'reminder', at, key });
      }
      const e = nextEscalation(policy, clock);
      if (!e) continue;
      const key = `escalate:${clock.kind}:${clock.startsAt}:${e.level}`;
      if (!(escalated.has(key) && patched('dispatch-escalates-once')))
        steps.push({
          kind: 'escalate',
          at: e.at,
          key,
          command: { type: 'escalate', clock: clock.kind, level: e.level },
        });
    }
  }
  if (r.status === 'confirmed') steps.push({ kind: 'close', at: 0, key: 'close:confirmed' });
  if (r.status === 'done' && r.doneAt !== null)
    steps.push({
      kind: 'close',
      at: r.doneAt + policy.autoCloseMinutes * MINUTE_MS,
      key: `close:silence:${r.doneAt}`,
    });
  steps.sort((a, b) => a.at - b.at);
  return steps[0] ?? null;
}

export async function dispatchRequestLifecycle({
  requestId,
}: {
  requestId: string;
}): Promise<DispatchFlowState> {
  let s: DispatchFlowState | null = null;
  let signals = 0;
  setHandler(dispatchStateQuery, () => s);
  setHandler(requestChangedSignal, () => {
    signals++;
  });

  // The signals counted when the state in hand was read. A step whose signal lands while a read
  // is in flight may be missing from what that read returns, so the loop waits for signals past
  // this count, not past the count after the read (which swallowed such a step until a timer).
  let readAt = 0;
  const read = async (load: () => Promise<DispatchFlowState>) => {
    const at = signals;
    const state = await load();
    readAt = at;
    return state;
  };
  s = await read(() => db.loadDispatchFlow(requestId));
  await mail.notifyDispatch({ requestId, notice: 'acknowledgement', key: 'acknowledgement' });
  // An unsure triage may get a model's second opinion for the dispatcher who confirms it; it is
  // never waited for beyond its own timeout and never required.
  if (s.request.needsConfirmation && patched('dispatch-triage-second-opinion')) {
    try {
      await advice.secondTriageOpinion({ requestId });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
    }
  }
  const reminded = new Set<string>();
  const escalated = new Set<string>();
  let lastStatus = s.request.status;
  // What the resident hears of the steps people took since the last look at the request.
  const tellSteps = async (now: DispatchFlowState) => {
    // A request finished by its mass incident was told with the incident's notice.
    const toldByIncident =
      now.request.steps.at(-1)?.action === 'resolve_mass' && patched('dispatch-mass-done-told-once');
    if (now.request.status === 'done' && lastStatus !== 'done' && !toldByIncident)
      await mail.notifyDispatch({ requestId, notice: 'done', key: `done:${now.request.doneAt}` });
    // The resident hears of each step their technician takes (by Telegram, SMS or mail). Added
    // after histories were recorded that do not tell these steps.
    if (
      (now.request.status === 'accepted' || now.request.status === 'on_the_way') &&
      lastStatus !== now.request.status &&
      patched('dispatch-resident-steps')
    )
      await mail.notifyDispatch({
        requestId,
        notice: now.request.status,
        key: `${now.request.status}:${now.request.steps.length}`,
      });
    lastStatus = now.request.status;
  };

  for (;;) {
    if (s.request.status === 'closed') break;
    const next = nextStep(s, reminded, escalated);
    const seen = patched('dispatch-signals-counted-before-read') ? readAt : signals;
    // Nothing on the clock (a request waiting for a person): only a step wakes it.
    if (!next) await condition(() => signals !== seen);
    const woken = next ? await waitUntil(next.at, () => signals !== seen) : true;
    if (woken || !next) {
      s = await read(() => db.loadDispatchFlow(requestId));
      await tellSteps(s);
      continue;
    }
    if (next.kind === 'reminder') {
      reminded.add(next.key);
      await mail.notifyDispatch({ requestId, notice: 'reminder', key: next.key });
      continue;
    }
    // A step may have changed the request while the timer fired: the rule decides again under the lock.
    const command: DispatchCommand = next.kind === 'escalate' ? next.command : { type: 'close' };
    try {
      s = await read(() =>
        db.applyDispatchAction({ requestId, command, actor: { kind: 'system' }, requestKey: next.key }),
      );
      // A person's step that landed while the timer fired (its signal already counted, so nothing
      // wakes the loop for it) is told here; before, it was taken as told and never said.
      if (patched('dispatch-steps-told-after-timers')) await tellSteps(s);
      else lastStatus = s.request.status;
      if (next.kind === 'escalate') escalated.add(next.key);
      const notice =
        next.kind === 'close'
          ? 'closed'
          : next.command.level === 1
            ? 'escalated_chief'
            : 'escalated_inspection';
      await mail.notifyDispatch({ requestId, notice, key: next.key });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      s = await read(() => db.loadDispatchFlow(requestId));
      if (patched('dispatch-steps-told-after-timers')) await tellSteps(s);
    }
  }
  return s;
}
