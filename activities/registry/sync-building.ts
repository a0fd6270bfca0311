// Activities of the registry-sync workflow. Each is safe to retry: reads are reads, the check row
// is unique per (workflow id, run id), and the notice goes through the mail outbox.
import { ApplicationFailure } from '@temporalio/common';
import type { Orm } from '../../db/orm.ts';
import { Building, RegistryCheck } from '../../db/registry/entities.ts';
import { buildingReconciliationInput } from '../../db/registry/repository.ts';
import type { Language } from '../../domain/common/language.ts';
import type { ReconciliationInput, RegistryFinding } from '../../domain/registry/reconcile.ts';
import type { Mailer } from '../../platform/mail.ts';
import { type NotifyOrganizationResult, REGISTRY_SYNC_FAILURES } from '../../workflows/registry/contract.ts';
import { sendMailOnce } from '../mail/send-mail.ts';
import { renderRegistryNotice } from '../mail/templates.ts';

export interface RecordRegistryCheckInput {
  buildingId: string;
  workflowId: string;
  runId: string;
  findings: RegistryFinding[];
  ok: boolean;
}

export interface NotifyOrganizationInput {
  buildingId: string;
  checkId: string;
  findings: RegistryFinding[];
  idempotencyKey: string;
}

export interface RegistryActivityDeps {
  orm: Orm;
  mailer: Mailer;
  from: string;
  /**
   * Organizations carry no language preference yet, so notices go out in the state language
   * (docs/domain/identities.md) unless the deployment says otherwise.
   */
  noticeLanguage?: Language;
}

const notFound = (buildingId: string) =>
  ApplicationFailure.nonRetryable(
    `Building ${buildingId} does not exist`,
    REGISTRY_SYNC_FAILURES.buildingNotFound,
  );

export function createRegistryActivities({ orm, mailer, from, noticeLanguage = 'uz' }: RegistryActivityDeps) {
  return {
    async loadReconciliationInput(buildingId: string): Promise<ReconciliationInput> {
      const input = await buildingReconciliationInput(orm.em, buildingId);
      if (!input) throw notFound(buildingId);
      return input;
    },

    async recordRegistryCheck(input: RecordRegistryCheckInput): Promise<string> {
      const em = orm.em;
      const key = { workflowId: input.workflowId, runId: input.runId };
      const row = await em.upsert(
        RegistryCheck,
        { ...key, building: input.buildingId, checkedAt: new Date(), findings: input.findings, ok: input.ok },
        { onConflictFields: ['workflowId', 'runId'], onConflictAction: 'ignore' },
      );
      return row.id ?? (await em.findOneOrFail(RegistryCheck, key, { fields: ['id'] })).id;
    },

    async notifyOrganization(input: NotifyOrganizationInput): Promise<NotifyOrganizationResult> {
      const em = orm.em;
      const building = await em.findOne(
        Building,
        { id: input.buildingId },
        { populate: ['managementOrganization'] },
      );
      if (!building) throw notFound(input.buildingId);
      const org = building.managementOrganization;
      if (!org) return { sent: false, reason: 'no_management_organization' };
      const mail = renderRegistryNotice(noticeLanguage, {
        organizationName: org.name,
        address: building.address,
        cadastralNumber: building.cadastralNumber,
        checkId: input.checkId,
        findings: input.findings,
      });
      const { messageId, duplicate } = await sendMailOnce(em, mailer, from, {
        idempotencyKey: input.idempotencyKey,
        to: org.email,
        ...mail,
      });
      return { sent: true, to: org.email, messageId, duplicate };
    },
  };
}

export type RegistryActivities = ReturnType<typeof createRegistryActivities>;
