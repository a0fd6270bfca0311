// One organization's way through the register, from its application to its removal. The workflow
// owns the waits (a reviewer's decision, the corrections deadline, the periodic re-check); every
// change is a transaction in PostgreSQL through an activity, and the pure state machine
// (domain/register/status.ts) decides each one both in the synchronous validators, so a refused
// update never enters the history, and again in the activity under the row lock.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import type { RegisterActivities } from '../../activities/register/index.ts';
import type { Actor } from '../../domain/common/actor.ts';
import { type RegisterStep as ApplyAction, commandOf } from '../../domain/register/actions.ts';
import type { RegisterPolicy } from '../../domain/register/policy.ts';
import {
  applyRegisterCommand,
  type RegisterEntry,
  type RegisterRefusal,
  type RegisterState,
  recheckDueAt,
} from '../../domain/register/status.ts';
import { bulkMail, databaseWork, interactiveChange } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import { createExclusive } from '../common/exclusive.ts';
import { unwrapped } from '../common/failures.ts';
import { waitUntil } from '../common/wait.ts';
import {
  type ActorInput,
  REGISTER_FAILURES,
  type RegisterReviewInput,
  type RegisterReviewState,
  type RemoveInput,
  type RequestCorrectionsInput,
  registerStateQuery,
  registerUpdate,
  rejectUpdate,
  removeUpdate,
  requestCorrectionsUpdate,
  resubmitUpdate,
  type SystemRemoveInput,
  systemRemoveSignal,
  withdrawUpdate,
} from './contract.ts';

const NON_RETRYABLE = nonRetryable(REGISTER_FAILURES);
const SYSTEM: Actor = { kind: 'system' };

const db = proxyActivities<RegisterActivities>(databaseWork(NON_RETRYABLE));
const change = proxyActivities<RegisterActivities>(interactiveChange(NON_RETRYABLE));
const mail = proxyActivities<RegisterActivities>(bulkMail(NON_RETRYABLE));

type Issue = { field: string; message: string };

const invalid = (issues: Issue[]) =>
  ApplicationFailure.nonRetryable(
    issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    REGISTER_FAILURES.invalid,
    issues,
  );

function refused(r: RegisterRefusal): ApplicationFailure {
  switch (r.code) {
    case 'forbidden':
    case 'out_of_scope':
      return ApplicationFailure.nonRetryable(`${r.action}: ${r.code}`, REGISTER_FAILURES.forbidden);
    case 'requirements_not_met':
      return ApplicationFailure.nonRetryable(
        `requirements not met: ${r.fields.join(', ')}`,
        REGISTER_FAILURES.requirements_not_met,
        r.fields.map((field) => ({ field, message: 'requirement not met' })),
      );
    case 'invalid_reason':
      return invalid([{ field: 'reason', message: `${r.reason} is not a reason for this action` }]);
    case 'not_allowed_from_state':
      return ApplicationFailure.nonRetryable(
        `${r.action} is not allowed in state ${r.state}`,
        REGISTER_FAILURES.wrong_state,
      );
    default:
      return ApplicationFailure.nonRetryable(
        `${r.code} (${new Date(r.dueAt).toISOString()})`,
        REGISTER_FAILURES.wrong_state,
      );
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The next periodic re-check. Whole months follow the calendar (recheckDueAt); a fraction of a
 * month, which only a test or a pilot configures, counts 30 days per month.
 */
function nextRecheckAt(
  policy: RegisterPolicy,
  lastCheckedAt: number,
  calendar: (months: number) => number | null,
): number {
  const months = policy.recheckIntervalMonths;
  if (Number.isInteger(months)) return calendar(months) ?? lastCheckedAt + months * 30 * DAY_MS;
  return lastCheckedAt + months * 30 * DAY_MS;
}

const text = (field: string, value: unknown, max = 2000): Issue[] =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max
    ? []
    : [{ field, message: `must be 1 to ${max} characters` }];

const at = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export async function registerReview({ applicationId }: RegisterReviewInput): Promise<RegisterReviewState> {
  if (!applicationId)
    throw ApplicationFailure.nonRetryable('applicationId is required', REGISTER_FAILURES.invalid);
  // Handlers are set before the first await: an update sent right after the start arrives with
  // the first task. Until the application is loaded, validators check only the input's shape.
  let loaded = false;
  let app = {} as RegisterReviewState;
  /** Bumped by every accepted change, so waits on the clock also wake for it. */
  let changes = 0;

  // Changes by the main line (deadline, re-check) and by the handlers never interleave.
  const exclusive = createExclusive();

  const entry = (): RegisterEntry => ({
    organizationId: app.organizationId,
    districtId: app.districtId,
    state: app.state,
    since: Date.now(),
    correctionsDueAt: at(app.correctionsDueAt),
    reason: app.reason as RegisterEntry['reason'],
    lastCheckedAt: at(app.lastCheckedAt),
  });

  /** The pure rule on the workflow's copy; an activity applies it again under the row lock. */
  function check(action: ApplyAction, actor: Actor): void {
    if (!loaded) return;
    const command = commandOf(action, app.verdicts);
    const result = applyRegisterCommand(app.policy, entry(), command, actor, Date.now());
    if (!result.ok) throw refused(result.refusal);
  }

  const apply = (action: ApplyAction, actor: Actor, requestId: string) =>
    exclusive(async () => {
      await condition(() => loaded);
      check(action, actor);
      app = await unwrapped(change.applyRegisterAction({ applicationId, action, actor, requestId }));
      changes++;
      return app;
    });

  const user = (input: ActorInput | undefined): Actor => {
    if (!input?.principal?.userId || !Array.isArray(input.principal.roles)) {
      throw invalid([{ field: 'principal', message: 'the update must name who asks' }]);
    }
    return { kind: 'user', principal: input.principal };
  };

  setHandler(registerStateQuery, () => ({ applicationId, state: app.state }));
  let systemRemoval: SystemRemoveInput | null = null;
  setHandler(systemRemoveSignal, (input) => {
    systemRemoval = input;
    changes++;
  });

  const corrections = (i: RequestCorrectionsInput): ApplyAction => ({
    type: 'request_corrections',
    corrections: { fields: i.fields, note: i.note },
  });
  setHandler(requestCorrectionsUpdate, (i) => apply(corrections(i), user(i), uuid4()), {
    // Synchronous on purpose: SDK 1.24 calls validators without awaiting them, so an async one
    // could not refuse.
    validator: (i) => {
      const issues = text('note', i?.note);
      if (
        !Array.isArray(i?.fields) ||
        i.fields.length === 0 ||
        i.fields.some((f: unknown) => typeof f !== 'string')
      )
        issues.push({ field: 'fields', message: 'name at least one field to correct' });
      if (issues.length) throw invalid(issues);
      check(corrections(i), user(i));
    },
  });
  setHandler(registerUpdate, (i) => apply({ type: 'register' }, user(i), uuid4()), {
    validator: (i) => check({ type: 'register' }, user(i)),
  });
  setHandler(rejectUpdate, (i) => apply({ type: 'reject', reason: i.reason }, user(i), uuid4()), {
    validator: (i) => check({ type: 'reject', reason: i?.reason }, user(i)),
  });
  setHandler(resubmitUpdate, (i) => apply({ type: 'resubmit', patch: i.patch }, user(i), uuid4()), {
    validator: (i) => {
      if (!i?.patch || typeof i.patch !== 'object') throw invalid([{ field: 'patch', message: 'required' }]);
      check({ type: 'resubmit', patch: i.patch }, user(i));
    },
  });
  // A new handler only: histories recorded before it never hold a withdrawal, so they replay as
  // they did, and nothing the main line does changed (no patch needed).
  setHandler(withdrawUpdate, (i) => apply({ type: 'withdraw' }, user(i), uuid4()), {
    validator: (i) => check({ type: 'withdraw' }, user(i)),
  });
  setHandler(removeUpdate, (i) => apply({ type: 'remove', reason: i.reason }, user(i), uuid4()), {
    validator: (i) => check({ type: 'remove', reason: i?.reason }, user(i)),
  });

  /** True once a change arrives after this call: wakes a wait on the clock. */
  const changed = () => {
    const seen = changes;
    return () => changes !== seen;
  };

  /** The main line's own change, dropped if a handler moved the application first. */
  const system = (from: RegisterState, action: ApplyAction, requestId: string) =>
    exclusive(async () => {
      if (app.state !== from) return false;
      app = await db.applyRegisterAction({ applicationId, action, actor: SYSTEM, requestId });
      changes++;
      return true;
    });

  app = await db.loadRegisterApplication(applicationId);
  loaded = true;
  const policy = app.policy;

  for (;;) {
    // Set by the signal handler, which TypeScript's flow analysis cannot see.
    const removal = systemRemoval as SystemRemoveInput | null;
    if (removal) {
      systemRemoval = null;
      if (app.state === 'registered' || app.state === 'suspended') {
        await system(app.state, { type: 'remove', reason: removal.reason }, removal.requestId);
        continue;
      }
    }
    switch (app.state) {
      case 'under_review':
      case 'suspended': {
        // Only a reviewer moves these on (a suspended one may still be removed).
        const seen = changes;
        await condition(() => changes !== seen);
        break;
      }

      case 'corrections_requested': {
        const dueAt = at(app.correctionsDueAt) ?? Date.now();
        // The rule rejects only once the deadline has passed, not at it.
        if (await waitUntil(dueAt + 1, changed())) break;
        await system(
          'corrections_requested',
          { type: 'reject', reason: 'corrections_not_made' },
          `deadline:${app.correctionsDueAt}`,
        );
        break;
      }

      case 'registered': {
        const last = at(app.lastCheckedAt) ?? Date.now();
        const due = nextRecheckAt(policy, last, (months) =>
          recheckDueAt({ ...policy, recheckIntervalMonths: months }, { ...entry(), lastCheckedAt: last }),
        );
        if (await waitUntil(due, changed())) break;
        const done = await system('registered', { type: 'recheck' }, `recheck:${app.lastCheckedAt}`);
        if (done && app.state === 'registered') {
          // Each passed re-check starts a fresh history: an organization stays registered for years.
          await condition(allHandlersFinished);
          return continueAsNew<typeof registerReview>({ applicationId });
        }
        break;
      }

      case 'removed': {
        await mail.notifyRegisterRemoval({
          applicationId,
          reason: app.reason as RemoveInput['reason'],
        });
        return finish();
      }

      case 'rejected':
      case 'applicant':
        return finish();
    }
  }

  async function finish(): Promise<RegisterReviewState> {
    await condition(allHandlersFinished);
    return app;
  }
}
