// One appeal's way through its legal deadlines. The workflow holds the timers: reminders to the
// responsible body before the deadline, escalation to the territorial inspection when it passes
// unanswered, and the close when the applicant's dispute period ends. Every step is a transaction
// in PostgreSQL through an activity; the pure rules (domain/appeals) decide each one both in the
// update's synchronous validator and again under the row lock.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import type { AppealActivities, AppealNotice } from '../../activities/appeals/index.ts';
import { pendingTimer } from '../../domain/appeals/appeal.ts';
import { reminderInstants } from '../../domain/appeals/deadlines.ts';
import { describeRefusal } from '../../domain/appeals/refusals.ts';
import { type AppealCommand, applyAppealCommand } from '../../domain/appeals/status.ts';
import { OPEN_STATUSES } from '../../domain/appeals/types.ts';
import { bulkMail, databaseWork, interactiveChange } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import { createExclusive } from '../common/exclusive.ts';
import { unwrapped } from '../common/failures.ts';
import { waitUntil } from '../common/wait.ts';
import {
  type ActInput,
  APPEAL_FAILURES,
  type AppealFlowState,
  type AppealWorkflowInput,
  actUpdate,
  appealStateQuery,
} from './contract.ts';

const NON_RETRYABLE = nonRetryable(APPEAL_FAILURES);
const db = proxyActivities<AppealActivities>(databaseWork(NON_RETRYABLE));
const change = proxyActivities<AppealActivities>(interactiveChange(NON_RETRYABLE));
const mail = proxyActivities<AppealActivities>(bulkMail(NON_RETRYABLE));

/** What the applicant and the body hear after each kind of step. */
const NOTICE_AFTER: Partial<Record<AppealCommand['type'], AppealNotice>> = {
  answer: 'answered',
  transfer: 'transferred',
  dispute: 'reopened',
  extend: 'extended',
  require_study: 'extended',
};

export async function appealLifecycle({ appealId }: AppealWorkflowInput): Promise<AppealFlowState> {
  let s: AppealFlowState | null = null;
  let changes = 0;
  const exclusive = createExclusive();

  function check(i: ActInput): void {
    if (!i?.principal?.userId || !i.command?.type)
      throw ApplicationFailure.nonRetryable('the update names who asks and what', APPEAL_FAILURES.invalid);
    if (!s) return;
    const r = applyAppealCommand(
      s.policy,
      s.appeal,
      i.command,
      { kind: 'user', principal: i.principal },
      Date.now(),
    );
    if (!r.ok) {
      const info = describeRefusal(r.refusal);
      throw ApplicationFailure.nonRetryable(
        info.message,
        APPEAL_FAILURES[info.kind],
        info.fields.map((field) => ({ field, message: info.message })),
      );
    }
  }

  const notify = (notice: AppealNotice, key: string) => mail.notifyAppeal({ appealId, notice, key });

  setHandler(appealStateQuery, () => s);
  setHandler(
    actUpdate,
    async (i) => {
      const requestId = uuid4();
      const next = await exclusive(async () => {
        await condition(() => s !== null);
        check(i);
        s = await unwrapped(
          change.applyAppealAction({
            appealId,
            command: i.command,
            actor: { kind: 'user', principal: i.principal },
            requestId,
            attachmentIds: i.attachmentIds,
          }),
        );
        changes++;
        return s;
      });
      const notice = NOTICE_AFTER[i.command.type];
      if (notice) await notify(notice, `${notice}:${requestId}`);
      return next;
    },
    { validator: check },
  );

  /** True once a change arrives after this call: wakes a wait on the clock. */
  const changed = () => {
    const seen = changes;
    return () => changes !== seen;
  };

  const system = (command: AppealCommand, requestId: string) =>
    exclusive(async () => {
      s = await db.applyAppealAction({ appealId, command, actor: { kind: 'system' }, requestId });
      changes++;
    });

  s = await db.loadAppealFlow(appealId);
  await notify('acknowledgement', 'acknowledgement');
  const reminded = new Set<string>();

  for (;;) {
    const a: AppealFlowState['appeal'] = s.appeal;
    if (a.status === 'closed' || a.status === 'transferred') break;
    const timer = pendingTimer(a);
    const reminder = OPEN_STATUSES.includes(a.status)
      ? reminderInstants(s.policy, a.bodyReceivedAt, { lastDay: a.dueLastDay, endsAt: a.dueAt }).find(
          (t) => !reminded.has(`${a.dueAt}:${t}`),
        )
      : undefined;
    const next = Math.min(timer?.at ?? Number.POSITIVE_INFINITY, reminder ?? Number.POSITIVE_INFINITY);
    if (next === Number.POSITIVE_INFINITY) {
      const seen = changes;
      await condition(() => changes !== seen);
      continue;
    }
    if (await waitUntil(next, changed())) continue;
    if (reminder !== undefined && reminder === next) {
      reminded.add(`${a.dueAt}:${reminder}`);
      await notify('reminder', `reminder:${a.dueAt}:${reminder}`);
      continue;
    }
    if (timer) {
      // A handler may have moved the appeal while the timer fired: the rule decides again.
      const key = `${timer.action}:${timer.at}`;
      try {
        await system({ type: timer.action }, key);
        await notify(timer.action === 'escalate' ? 'escalated' : 'closed', key);
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        s = await db.loadAppealFlow(appealId);
      }
    }
  }
  await condition(allHandlersFinished);
  return s;
}
