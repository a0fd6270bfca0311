// One mass incident: it waits for a dispatcher's resolution, then finishes every linked request in
// one transaction and tells each resident, in one activity over the set, and wakes each request's
// own workflow so it starts its silence clock now rather than at its next timer. The wakes are one
// signal per linked request: an incident links the few dozen requests of one building or street.
import {
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { DispatchActivities } from '../../activities/dispatch/index.ts';
import { bulkMail, databaseWork } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import {
  DISPATCH_FAILURES,
  dispatchWorkflowId,
  requestChangedSignal,
  resolveMassSignal,
} from './contract.ts';

const NON_RETRYABLE = nonRetryable(DISPATCH_FAILURES);
const db = proxyActivities<DispatchActivities>(databaseWork(NON_RETRYABLE));
const mail = proxyActivities<DispatchActivities>(bulkMail(NON_RETRYABLE));

export async function dispatchMassIncident({
  incidentId,
}: {
  incidentId: string;
}): Promise<{ resolved: string[] }> {
  let resolution: { note: string; byUserId: string; key?: string } | null = null;
  setHandler(resolveMassSignal, (r) => {
    resolution ??= r;
  });
  await condition(() => resolution !== null);
  const { resolved } = await db.resolveDispatchMassIncident({ incidentId, ...resolution! });
  await mail.notifyMassResolved({ incidentId, requestIds: resolved });
  if (patched('dispatch-mass-wakes-requests')) {
    // A request already closed has nothing left to time; its refusal is not the incident's failure.
    await Promise.all(
      resolved.map((id) =>
        getExternalWorkflowHandle(dispatchWorkflowId(id))
          .signal(requestChangedSignal)
          .catch(() => undefined),
      ),
    );
  }
  return { resolved };
}
