// Activities of the registry-sync workflow. Each is safe to retry: reads are reads, the check row
// is unique per (workflow id, run id), and the notice goes to people through notifications and to
// the organization's mailbox through the mail outbox, both under the workflow's key.
import { ApplicationFailure } from '@temporalio/common';
import { noticeTexts, notify } from '../../db/notifications/public.ts';
import type { Orm } from '../../db/orm.ts';
import { Building, RegistryCheck } from '../../db/registry/entities.ts';
import { buildingReconciliationInput } from '../../db/registry/repository.ts';
import { peopleActingFor } from '../../db/registry/scope.ts';
import type { Language } from '../../domain/common/language.ts';
import { objectLink } from '../../domain/common/links.ts';
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
   * Organizations carry no language preference yet, so their mailbox's notice goes out in the
   * state language (docs/domain/identities.md) unless the deployment says otherwise; the people
   * who act for them read it in their own.
   */
  noticeLanguage?: Language;
  /** The portal the notice's link opens (config PORTAL_URL); without it the notice has no link. */
  portalUrl?: string;
}

const notFound = (buildingId: string) =>
  ApplicationFailure.nonRetryable(
    `Building ${buildingId} does not exist`,
    REGISTRY_SYNC_FAILURES.buildingNotFound,
  );

export function createRegistryActivities({
  orm,
  mailer,
  from,
  noticeLanguage = 'uz',
  portalUrl,
}: RegistryActivityDeps) {
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

    /**
     * Tells the building's management organization what the check found: the staff who act for it
     * by their own channels and language (notifications), its mailbox by mail as before. Both go
     * under the workflow's key, so a retry sends neither twice.
     */
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
      const link = portalUrl ? objectLink(portalUrl, 'building', building.id) : undefined;
      const render = (lang: Language) =>
        renderRegistryNotice(lang, {
          organizationName: org.name,
          address: building.address,
          cadastralNumber: building.cadastralNumber,
          checkId: input.checkId,
          findings: input.findings,
          ...(link ? { link } : {}),
        });
      const staff = await peopleActingFor(em.fork(), { organizationIds: [org.id] });
      if (staff.length > 0)
        await notify(
          em.fork(),
          {
            kind: 'registry_notice',
            organizationId: org.id,
            buildingId: building.id,
            texts: noticeTexts(render, link ?? null),
            idempotencyKey: input.idempotencyKey,
            recipients: staff.map((personId) => ({ personId })),
          },
          new Date(),
        );
      const { messageId, duplicate } = await sendMailOnce(em, mailer, from, {
        idempotencyKey: input.idempotencyKey,
        to: org.email,
        ...render(noticeLanguage),
      });
      return { sent: true, to: org.email, messageId, duplicate };
    },
  };
}

export type RegistryActivities = ReturnType<typeof createRegistryActivities>;
