// The registry sync as its callers address it (the API, its activities, scripts): its name, queue
// and signature, its id and the failure types its activities raise. Workflow-safe: no activity or
// ORM imports.
import type { RegistryFinding } from '../../domain/registry/reconcile.ts';
import { defineWorkflow } from '../common/contract.ts';

export interface SyncBuildingRegistryInput {
  buildingId: string;
}

export type NotifyOrganizationResult =
  | { sent: true; to: string; messageId: string; duplicate: boolean }
  | { sent: false; reason: 'no_management_organization' };

export interface SyncBuildingRegistrySummary {
  buildingId: string;
  ok: boolean;
  findings: RegistryFinding[];
  checkId: string;
  notification: NotifyOrganizationResult | null;
}

/** One sync per building at a time: a second start while one runs is rejected by Temporal. */
export const registrySyncWorkflowId = (buildingId: string): string => `registry-sync:${buildingId}`;

export const REGISTRY_SYNC_FAILURES = {
  buildingNotFound: 'BuildingNotFound',
  invalidInput: 'InvalidInput',
} as const;

export const registrySyncWorkflow = defineWorkflow<
  (input: SyncBuildingRegistryInput) => Promise<SyncBuildingRegistrySummary>
>()('syncBuildingRegistry', { queue: 'registry' });
