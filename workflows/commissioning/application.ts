// One commissioning application's life: the cadastre is asked until the passport is issued and
// the registry record made from it; the developer's acts are signed; the inspector begins the
// check, and while conditions are missing the workflow waits durably, reminds the developer and
// lets the application lapse at the deadline. Every change is a transaction in PostgreSQL
// through an activity, where the pure rules (domain/commissioning) decide it again under the lock.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CommissioningActivities } from '../../activities/commissioning/index.ts';
import {
  COMMISSIONING_TRANSITIONS,
  type CommissioningCommand,
} from '../../domain/commissioning/application.ts';
import { databaseWork, interactiveChange } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import { createExclusive } from '../common/exclusive.ts';
import { unwrapped } from '../common/failures.ts';
import {
  beginCommissioningCheckUpdate,
  CADASTRE_REJECTED,
  COMMISSIONING_FAILURES,
  type CommissioningFlowState,
  type CommissioningWorkflowInput,
  commissionBuildingUpdate,
  commissioningStateQuery,
  recordCommissioningConditionUpdate,
  rejectCommissioningUpdate,
  signCommissioningActUpdate,
} from './contract.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const NON_RETRYABLE = nonRetryable(COMMISSIONING_FAILURES, CADASTRE_REJECTED);
const db = proxyActivities<CommissioningActivities>(databaseWork(NON_RETRYABLE));
const change = proxyActivities<CommissioningActivities>({
  ...interactiveChange(NON_RETRYABLE),
  // A remote verifier (E-IMZO) answers within its own timeout; leave room for it.
  startToCloseTimeout: '30s',
});

/** How often the cadastre is asked while the passport is missing: a twelfth of the term, at most daily. */
const pollMsOf = (deadlineDays: number) =>
  Math.min(DAY_MS, Math.max(1000, Math.round((deadlineDays * DAY_MS) / 12)));

/** An unavailable cadastre is retried with backoff until the next poll would ask again anyway. */
const cadastreAttempt = (withinMs: number) =>
  proxyActivities<CommissioningActivities>({
    startToCloseTimeout: '1m',
    scheduleToCloseTimeout: withinMs,
    retry: {
      initialInterval: '1s',
      backoffCoefficient: 2,
      maximumInterval: '1m',
      nonRetryableErrorTypes: NON_RETRYABLE,
    },
  });

const OPEN = ['applied', 'checking', 'waiting'];

export async function commissioningApplication({
  applicationId,
}: CommissioningWorkflowInput): Promise<CommissioningFlowState> {
  let s: CommissioningFlowState | null = null;
  let changes = 0;
  const exclusive = createExclusive();

  /** The pure rule on the workflow's copy, so a refused update never enters the history. */
  function allowed(action: Exclude<CommissioningCommand['type'], 'apply'>): void {
    if (!s) return;
    const state = s.application.state;
    if (!COMMISSIONING_TRANSITIONS[action].from.includes(state))
      throw ApplicationFailure.nonRetryable(
        `${action.replace('_', ' ')} is not allowed while the application is ${state}`,
        COMMISSIONING_FAILURES.wrong_state,
      );
  }

  const apply = (fn: () => Promise<CommissioningFlowState>) =>
    exclusive(async () => {
      await condition(() => s !== null);
      s = await unwrapped(fn());
      changes++;
      return s;
    });

  setHandler(commissioningStateQuery, () => s);
  setHandler(
    beginCommissioningCheckUpdate,
    (i) =>
      apply(() =>
        change.commissioningCommand({
          applicationId,
          command: { type: 'begin_check' },
          principal: i.principal,
        }),
      ),
    { validator: (_i) => allowed('begin_check') },
  );
  setHandler(
    recordCommissioningConditionUpdate,
    (i) => apply(() => change.recordCommissioningCondition({ ...i, applicationId })),
    { validator: (_i) => allowed('record_condition') },
  );
  setHandler(
    signCommissioningActUpdate,
    (i) => apply(() => change.signCommissioningAct({ ...i, applicationId })),
    {
      validator: (_i) => allowed('record_condition'),
    },
  );
  setHandler(
    rejectCommissioningUpdate,
    (i) =>
      apply(() =>
        change.commissioningCommand({
          applicationId,
          command: { type: 'reject', reasons: i.reasons },
          principal: i.principal,
        }),
      ),
    { validator: (_i) => allowed('reject') },
  );
  setHandler(
    commissionBuildingUpdate,
    (i) =>
      apply(() =>
        change.commissioningCommand({
          applicationId,
          command: { type: 'commission' },
          principal: i.principal,
        }),
      ),
    { validator: (_i) => allowed('commission') },
  );

  s = await db.loadCommissioningFlow(applicationId);
  const pollMs = pollMsOf(s.policy.deadlineDays);
  let nextPollAt = Date.now();
  const reminded = new Set<number>();
  /** The deadline was reached but the rules kept the application open (an observation met it). */
  let lapseRefused = false;

  for (;;) {
    const now: CommissioningFlowState = s;
    const app = now.application;
    if (!OPEN.includes(app.state)) break;
    // An application left unchecked polls the cadastre for as long as it takes: start afresh
    // before the history grows too long (the reminders sent are deduplicated by the outbox).
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof commissioningApplication>({ applicationId });
    }

    if (now.needsCadastre && Date.now() >= nextPollAt) {
      nextPollAt = Date.now() + pollMs;
      try {
        await exclusive(async () => {
          s = await cadastreAttempt(pollMs).observeCadastre(applicationId);
          changes++;
        });
      } catch (err) {
        log.warn('cadastre not asked this time', { applicationId, error: String(err) });
      }
      continue;
    }

    if (app.state === 'waiting' && app.dueAt !== null) {
      if (Date.now() >= app.dueAt && !lapseRefused) {
        await exclusive(async () => {
          try {
            s = await unwrapped(
              db.commissioningCommand({ applicationId, command: { type: 'expire' }, principal: null }),
            );
          } catch (err) {
            if (!(err instanceof ApplicationFailure)) throw err;
            lapseRefused = true;
            s = await db.loadCommissioningFlow(applicationId);
          }
          changes++;
        });
        continue;
      }
      const due = now.policy.reminderDaysBeforeDeadline.filter(
        (d) => !reminded.has(d) && app.dueAt! - Math.round(d * DAY_MS) <= Date.now(),
      );
      if (due.length > 0) {
        // Only the reminder nearest the deadline: the earlier ones would say the same, later.
        const d = Math.min(...due);
        for (const x of due) reminded.add(x);
        await db.sendCommissioningReminder({ applicationId, daysBeforeDeadline: d });
        continue;
      }
    }

    const wakeups: number[] = [];
    if (now.needsCadastre) wakeups.push(nextPollAt);
    if (app.state === 'waiting' && app.dueAt !== null) {
      if (!lapseRefused) wakeups.push(app.dueAt);
      for (const d of now.policy.reminderDaysBeforeDeadline)
        if (!reminded.has(d)) wakeups.push(app.dueAt - Math.round(d * DAY_MS));
    }
    const seen = changes;
    if (wakeups.length === 0) await condition(() => changes !== seen);
    else await condition(() => changes !== seen, Math.max(1, Math.min(...wakeups) - Date.now()));
  }
  await condition(allHandlersFinished);
  return s;
}
