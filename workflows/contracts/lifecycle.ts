// One contract's life: signatures on the conclusion, amendments and termination, and for
// common-property contracts the tax-registration term. The workflow owns the waits; every change
// is a transaction in PostgreSQL through an activity, and the pure state machine
// (domain/contracts/lifecycle.ts) decides each one again under the row lock.
import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import type { ContractActivities } from '../../activities/contracts/index.ts';
import { CONTRACT_TRANSITIONS, type ContractAction } from '../../domain/contracts/lifecycle.ts';
import { databaseWork, interactiveChange } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import { createExclusive } from '../common/exclusive.ts';
import { unwrapped } from '../common/failures.ts';
import { registerWorkflowId, systemRemoveSignal } from '../register/contract.ts';
import {
  CONTRACT_FAILURES,
  type ContractFlowState,
  type ContractWorkflowInput,
  contractStateQuery,
  proposeUpdate,
  retryTaxRegistrationUpdate,
  signUpdate,
  TAX_REJECTED,
  withdrawUpdate,
} from './contract.ts';

const NON_RETRYABLE = nonRetryable(CONTRACT_FAILURES, TAX_REJECTED);
const db = proxyActivities<ContractActivities>(databaseWork(NON_RETRYABLE));
const change = proxyActivities<ContractActivities>({
  ...interactiveChange(NON_RETRYABLE),
  // A remote verifier (E-IMZO) answers within its own timeout; leave room for it.
  startToCloseTimeout: '30s',
});

/** The tax authority is retried until the deadline; its refusal is final until the organization retries. */
const taxAttempt = (untilMs: number) =>
  proxyActivities<ContractActivities>({
    startToCloseTimeout: '1m',
    scheduleToCloseTimeout: Math.max(1000, untilMs),
    retry: {
      initialInterval: '1s',
      backoffCoefficient: 2,
      maximumInterval: '10m',
      nonRetryableErrorTypes: NON_RETRYABLE,
    },
  });

const wrongState = (action: ContractAction, state: string) =>
  ApplicationFailure.nonRetryable(
    `${action} is not allowed while the contract is ${state}`,
    CONTRACT_FAILURES.wrong_state,
  );

export async function contractLifecycle({ contractId }: ContractWorkflowInput): Promise<ContractFlowState> {
  let c: ContractFlowState | null = null;
  let changes = 0;
  let retryRequested = false;
  /** Finished registration attempts, so a retry request can answer with its own attempt's outcome. */
  let attempts = 0;
  /**
   * Attempts started, and the number of the last whose outcome `c` holds. A retry may arrive
   * after an attempt has ended but before its outcome is counted; counting starts avoids
   * answering it with the outcome it asked to retry.
   */
  let started = 0;
  let settled = 0;

  const exclusive = createExclusive();

  /** The pure rule on the workflow's copy, so a refused update never enters the history. */
  function allowed(action: ContractAction): void {
    if (!c) return;
    if (!CONTRACT_TRANSITIONS[action].includes(c.state)) throw wrongState(action, c.state);
  }

  const apply = (fn: () => Promise<ContractFlowState>) =>
    exclusive(async () => {
      await condition(() => c !== null);
      c = await unwrapped(fn());
      changes++;
      return c;
    });

  setHandler(contractStateQuery, () => c);
  setHandler(signUpdate, (i) => apply(() => change.signContract({ contractId, ...i })), {
    validator: (_i) => allowed('sign'),
  });
  setHandler(
    proposeUpdate,
    (i) => apply(() => change.proposeContractChange({ contractId, ...i, requestId: uuid4() })),
    { validator: (i) => allowed(i?.change === 'termination' ? 'propose_termination' : 'propose_amendment') },
  );
  setHandler(
    withdrawUpdate,
    (i) =>
      apply(() => change.withdrawContractChange({ contractId, principal: i.principal, requestId: uuid4() })),
    { validator: (_i) => allowed('withdraw') },
  );
  setHandler(
    retryTaxRegistrationUpdate,
    async () => {
      const before = attempts;
      const startedBefore = started;
      retryRequested = true;
      changes++;
      if (patched('retry-answers-with-a-later-attempt'))
        await condition(() => settled > startedBefore || (c !== null && c.taxStatus !== 'pending'));
      else await condition(() => attempts > before);
      return c!;
    },
    {
      validator: () => {
        if (c && c.taxStatus !== 'pending')
          throw ApplicationFailure.nonRetryable(
            'no tax registration is pending',
            CONTRACT_FAILURES.wrong_state,
          );
      },
    },
  );

  c = await db.loadContractFlow(contractId);

  for (;;) {
    const now: ContractFlowState = c;
    if (now.state === 'terminated') break;
    if (now.taxStatus === 'pending' && now.taxDeadlineEndsAt !== null) {
      await registerBeforeDeadline(now.taxDeadlineEndsAt);
      continue;
    }
    const seen = changes;
    await condition(() => changes !== seen);
  }
  await condition(allHandlersFinished);
  return c;

  /**
   * One registration attempt, retried by the activity's policy until the deadline. A retry
   * request from the organization cancels the attempt's backoff so it starts again at once.
   */
  async function attemptRegistration(left: number): Promise<'done' | 'failed' | 'retry'> {
    const scope = new CancellationScope();
    const attempt = scope.run(() => taxAttempt(left).registerWithTaxAuthority(contractId));
    void condition(() => retryRequested).then(() => scope.cancel());
    try {
      await attempt;
      return 'done';
    } catch (err) {
      if (isCancellation(err) && retryRequested) return 'retry';
      if (isCancellation(err)) throw err;
      log.warn('tax registration attempt failed', { contractId, error: String(err) });
      return 'failed';
    }
  }

  /**
   * Registers before the deadline. The attempt runs outside the lock, so signatures, amendments
   * and termination are never held up by a slow authority. A refusal waits for the organization
   * to retry (or the deadline); when the deadline passes unregistered, the organization is
   * removed from the register through its review workflow.
   */
  async function registerBeforeDeadline(endsAt: number): Promise<void> {
    retryRequested = false;
    for (;;) {
      const left = endsAt - Date.now();
      if (left <= 0) break;
      started++;
      const outcome = await attemptRegistration(left);
      c = await exclusive(() => db.loadTaxState(contractId));
      changes++;
      if (outcome === 'retry') {
        retryRequested = false;
        continue;
      }
      attempts++;
      settled = started;
      if (c.taxStatus !== 'pending') return;
      // Refused, or out of time: wait for a retry request or the deadline itself.
      const wait = endsAt - Date.now();
      if (wait > 0 && (await condition(() => retryRequested, wait))) {
        retryRequested = false;
        continue;
      }
      break;
    }
    await CancellationScope.nonCancellable(() => removeOrganization());
    attempts++;
    retryRequested = false;
  }

  async function removeOrganization(): Promise<void> {
    const overdue = await db.markTaxRegistrationOverdue(contractId);
    c = await db.loadTaxState(contractId);
    changes++;
    if (overdue.applicationId) {
      try {
        await getExternalWorkflowHandle(registerWorkflowId(overdue.applicationId)).signal(
          systemRemoveSignal,
          {
            reason: 'tax_registration_missed',
            requestId: `tax-overdue:${contractId}`,
          },
        );
        return;
      } catch (err) {
        log.warn('register workflow not reachable; removing directly', { error: String(err) });
      }
    }
    await db.removeOrganizationDirectly({
      organizationId: overdue.organizationId,
      reason: 'tax_registration_missed',
    });
  }
}
