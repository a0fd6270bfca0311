// One mass incident: it waits for a dispatcher's resolution, then finishes every linked request in
// one transaction and tells each resident, in one activity over the set. The requests' own
// workflows see the finished work when they next read their request.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { DispatchActivities } from '../../activities/dispatch/index.ts';
import { bulkMail, databaseWork } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import { DISPATCH_FAILURES, resolveMassSignal } from './contract.ts';

const NON_RETRYABLE = nonRetryable(DISPATCH_FAILURES);
const db = proxyActivities<DispatchActivities>(databaseWork(NON_RETRYABLE));
const mail = proxyActivities<DispatchActivities>(bulkMail(NON_RETRYABLE));

export async function dispatchMassIncident({
  incidentId,
}: {
  incidentId: string;
}): Promise<{ resolved: string[] }> {
  let resolution: { note: string; byUserId: string } | null = null;
  setHandler(resolveMassSignal, (r) => {
    resolution ??= r;
  });
  await condition(() => resolution !== null);
  const { note, byUserId } = resolution!;
  const { resolved } = await db.resolveDispatchMassIncident({ incidentId, note, byUserId });
  await mail.notifyMassResolved({ incidentId, requestIds: resolved });
  return { resolved };
}
