// Registry sync for one building: read its registry, reconcile it (pure, in workflow code), record
// the check, and tell the management organization when something is off. Each step is an activity
// that is idempotent under retry, so the whole run is safe to retry and to replay.
import { ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { RegistryActivities } from '../../activities/registry/index.ts';
import { reconcileBuilding } from '../../domain/registry/reconcile.ts';
import { MAIL_REJECTED } from '../common/contract.ts';
import {
  REGISTRY_SYNC_FAILURES,
  type SyncBuildingRegistryInput,
  type SyncBuildingRegistrySummary,
} from './contract.ts';

const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' };

const db = proxyActivities<RegistryActivities>({
  startToCloseTimeout: '30s',
  retry: { ...retry, maximumAttempts: 10, nonRetryableErrorTypes: [REGISTRY_SYNC_FAILURES.buildingNotFound] },
});

// SMTP servers throttle and greylist for minutes; the outbox makes every retry safe.
const mail = proxyActivities<RegistryActivities>({
  startToCloseTimeout: '2m',
  scheduleToCloseTimeout: '2h',
  retry: {
    initialInterval: '10s',
    backoffCoefficient: 2,
    maximumInterval: '10m',
    nonRetryableErrorTypes: [MAIL_REJECTED],
  },
});

export async function syncBuildingRegistry({
  buildingId,
}: SyncBuildingRegistryInput): Promise<SyncBuildingRegistrySummary> {
  if (!buildingId)
    throw ApplicationFailure.nonRetryable('buildingId is required', REGISTRY_SYNC_FAILURES.invalidInput);
  const input = await db.loadReconciliationInput(buildingId);
  const findings = reconcileBuilding(input);
  const ok = findings.length === 0;
  const { workflowId, runId } = workflowInfo();
  const checkId = await db.recordRegistryCheck({ buildingId, workflowId, runId, findings, ok });
  const notification = ok
    ? null
    : await mail.notifyOrganization({
        buildingId,
        checkId,
        findings,
        idempotencyKey: `${workflowId}:${runId}:notify`,
      });
  return { buildingId, ok, findings, checkId, notification };
}
