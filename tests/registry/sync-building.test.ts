// The registry-sync workflow end to end: real Temporal dev server, real PostgreSQL, real SMTP.

import { WorkflowFailedError } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { entityManagerScope } from '../../activities/context.ts';
import { createActivities } from '../../activities/index.ts';
import { MailOutbox } from '../../db/mail/entities.ts';
import { Building, RegistryCheck } from '../../db/registry/entities.ts';
import { startWorkflow } from '../../platform/workflow-client.ts';
import { registrySyncWorkflow, registrySyncWorkflowId } from '../../workflows/registry/contract.ts';
import { inAppOnlyPerson } from '../support/in-app-person.ts';
import { inboxNotice } from '../support/sent-link.ts';
import { CONSISTENT, createBuilding, DISCREPANT } from './buildings.ts';
import { type RegistryHarness, startRegistryHarness } from './harness.ts';

let h: RegistryHarness;

beforeAll(async () => {
  h = await startRegistryHarness({
    databaseUrl: inject('databaseUrl'),
    temporalAddress: inject('temporalAddress'),
  });
});
afterAll(() => h?.stop());

const sync = (buildingId: string) =>
  startWorkflow(h.client, registrySyncWorkflow, {
    args: [{ buildingId }],
    taskQueue: h.taskQueue,
    workflowId: registrySyncWorkflowId(buildingId),
  });

const mailTo = (address: string | null) =>
  h.catcher.messages().filter((m) => m.envelope.to.includes(address ?? ''));

describe('syncBuildingRegistry', () => {
  it('records the findings of a discrepant building and mails its management organization once', async () => {
    const b = await createBuilding(h.orm, DISCREPANT);
    // A staff member of the organization with no email, phone or Telegram, reading Russian.
    const building = await h.orm.em.fork().findOneOrFail(Building, { id: b.buildingId });
    const staff = await inAppOnlyPerson(h.orm.em.fork(), {
      language: 'ru',
      grants: [{ role: 'management_company', organizationId: building.managementOrganization!.id }],
    });
    const handle = await sync(b.buildingId);
    const summary = await handle.result();

    expect(handle.workflowId).toBe(`registry-sync:${b.buildingId}`);
    expect(summary.ok).toBe(false);
    expect(summary.findings.map((f) => f.kind).sort()).toEqual([
      'apartments_exceed_living_area',
      'no_owner',
      'shares_not_whole',
    ]);
    expect(summary.notification).toMatchObject({ sent: true, to: b.organizationEmail, duplicate: false });

    const em = h.orm.em.fork();
    const check = await em.findOneOrFail(RegistryCheck, { id: summary.checkId });
    expect(check).toMatchObject({
      workflowId: handle.workflowId,
      runId: handle.firstExecutionRunId,
      ok: false,
    });
    expect(check.findings).toEqual(summary.findings);

    const mails = mailTo(b.organizationEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(b.address);
    expect(mails[0]!.text).toContain('1-xonadon');
    expect(mails[0]!.text).toContain('2/3');
    const outbox = await em.findOneOrFail(MailOutbox, {
      idempotencyKey: `${handle.workflowId}:${handle.firstExecutionRunId}:notify`,
    });
    expect(outbox).toMatchObject({ status: 'sent', to: b.organizationEmail });
    expect(mails[0]!.messageId).toBe(outbox.messageId);
    // The staff member has it in the inbox, in Russian, with the link to the building's card.
    const notice = await inboxNotice(em, staff.personId, b.address, 'ru');
    expect(notice).toMatchObject({
      kind: 'registry_notice',
      subject: `Сверка реестра: расхождения по дому ${b.address}`,
    });
    expect(new URL(notice.link).searchParams.get('open')).toBe(`building:${b.buildingId}`);
    expect(mails[0]!.text).toContain(notice.link);
  });

  it('records a clean check for a consistent building and sends no mail', async () => {
    const b = await createBuilding(h.orm, CONSISTENT);
    const handle = await sync(b.buildingId);
    const summary = await handle.result();

    expect(summary).toMatchObject({ buildingId: b.buildingId, ok: true, findings: [], notification: null });
    const check = await h.orm.em.fork().findOneOrFail(RegistryCheck, { id: summary.checkId });
    expect(check.ok).toBe(true);
    expect(mailTo(b.organizationEmail)).toHaveLength(0);
  });

  it('neither mails nor records again when its activities are retried with the same keys', async () => {
    const b = await createBuilding(h.orm, DISCREPANT);
    const handle = await sync(b.buildingId);
    const summary = await handle.result();
    expect(mailTo(b.organizationEmail)).toHaveLength(1);

    // The same activity, same input, as a retry after a lost completion would run it.
    const activities = createActivities({ orm: h.orm, mailer: h.mailer, config: h.config });
    const env = new MockActivityEnvironment(undefined, { interceptors: [entityManagerScope(h.orm)] });
    const again = await env.run(activities.notifyOrganization, {
      buildingId: b.buildingId,
      checkId: summary.checkId,
      findings: summary.findings,
      idempotencyKey: `${handle.workflowId}:${handle.firstExecutionRunId}:notify`,
    });

    expect(again).toEqual({ ...summary.notification, duplicate: true });
    expect(mailTo(b.organizationEmail)).toHaveLength(1);

    const checkAgain = await env.run(activities.recordRegistryCheck, {
      buildingId: b.buildingId,
      workflowId: handle.workflowId,
      runId: handle.firstExecutionRunId,
      findings: [],
      ok: true,
    });
    expect(checkAgain).toBe(summary.checkId);
    const checks = await h.orm.em.fork().find(RegistryCheck, { workflowId: handle.workflowId });
    expect(checks).toHaveLength(1);
    expect(checks[0]!.ok).toBe(false);
  });

  it('skips the mail when the building has no management organization', async () => {
    const b = await createBuilding(h.orm, { ...DISCREPANT, managed: false });
    const summary = await (await sync(b.buildingId)).result();
    expect(summary.ok).toBe(false);
    expect(summary.notification).toEqual({ sent: false, reason: 'no_management_organization' });
  });

  it('fails at once, without retries, for an unknown building', async () => {
    const handle = await sync('00000000-0000-4000-8000-000000000000');
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String((err as WorkflowFailedError).cause?.cause)).toContain('does not exist');
    const history = await handle.fetchHistory();
    const started = history.events?.filter((e) => e.activityTaskStartedEventAttributes) ?? [];
    expect(started.map((e) => e.activityTaskStartedEventAttributes?.attempt)).toEqual([1]);
  });
});
