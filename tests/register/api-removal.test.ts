// Removal from the register and what follows from it (domain/register/status.ts
// consequencesOfRemoval): the status and the public history change together, the organization,
// the councils of its buildings' districts and the owners in them get an email, and it can no
// longer be chosen.
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOrganizationSelectable } from '../../db/register/repository.ts';
import { Apartment } from '../../db/registry/entities.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import { workflowHandle } from '../../platform/workflow-client.ts';
import { registerWorkflow, registerWorkflowId } from '../../workflows/register/contract.ts';
import type { TestDatabase } from '../support/database.ts';
import { inAppOnlyPerson } from '../support/in-app-person.ts';
import { inboxNotice } from '../support/sent-link.ts';
import { ownDatabase } from '../support/worker-harness.ts';
import { workflowBundle } from '../support/workflow-bundle.ts';
import {
  apply,
  call,
  newOrganization,
  ok,
  problem,
  type RegisterEnv,
  startRegisterEnv,
  until,
} from './api-fixtures.ts';

let env: RegisterEnv;
// A database of its own: the owners and the staff hear of it through notifications, whose
// dispatchers run beside the workers only where every queued message is this file's.
let db: TestDatabase;
beforeAll(async () => {
  db = await ownDatabase('register_removal');
  env = await startRegisterEnv({ databaseUrl: db.url });
});
afterAll(async () => {
  await env?.stop();
  await db?.drop();
});

describe('removal from the register', () => {
  it('removes a registered organization with a reason, tells itself, its councils and its owners, and excludes it', async () => {
    const org = await newOrganization(env);
    // People with no email, SMS or Telegram: the organization's staff member, the council's, and
    // an owner in its building. Each is told in the portal's inbox, in their own language.
    const apartment = await env
      .em()
      .findOneOrFail(Apartment, { building: { managementOrganization: org.id } });
    const inApp = [
      await inAppOnlyPerson(env.em(), {
        language: 'ru',
        grants: [{ role: 'management_company', organizationId: org.id }],
      }),
      await inAppOnlyPerson(env.em(), {
        language: 'en',
        grants: [{ role: 'council', districtId: org.districtId }],
      }),
      await inAppOnlyPerson(env.em(), { language: 'ru', apartmentId: apartment.id }),
    ];
    const a = await apply(env.slow, org);
    await ok(
      await call(env.slow, 'POST', `/register/applications/${a.id}/register`, {
        token: org.tokens.council,
        body: {},
      }),
    );
    expect(await isOrganizationSelectable(env.em(), org.id)).toBe(true);

    const removed = await ok<ApplicationView>(
      await call(env.slow, 'POST', `/register/organizations/${org.id}/remove`, {
        token: org.tokens.council,
        body: { reason: 'false_data' },
      }),
    );
    expect(removed).toMatchObject({ id: a.id, state: 'removed', reason: 'false_data' });
    expect(await isOrganizationSelectable(env.em(), org.id)).toBe(false);

    const mails = await until('removal notices', async () => {
      const to = env.workers.catcher.messages().filter((m) => m.subject.includes(org.tin));
      return to.length >= 3 ? to : undefined;
    });
    expect(mails.flatMap((m) => m.to).sort()).toEqual([org.councilEmail, org.email, org.ownerEmail].sort());
    // The reason in words, never its code; the organization and its council read the state language.
    for (const m of mails) expect(m.text).not.toContain('false_data');
    expect(mails.find((m) => m.to.includes(org.email))!.text).toContain(
      'notoʻgʻri maʼlumotlar taqdim etilgan',
    );
    for (const p of inApp) {
      const notice = await inboxNotice(env.em(), p.personId, org.tin, p.language);
      expect(notice.kind).toBe('register_notice');
      expect(new URL(notice.link).searchParams.get('open')).toBe(`register:${org.id}`);
      expect(notice.body).not.toContain('false_data');
    }
    expect((await inboxNotice(env.em(), inApp[0]!.personId, org.tin, 'ru')).subject).toMatch(/[а-я]/);

    // The public sees it without a token.
    const history = await ok<{
      organization: { registerStatus: string };
      events: { action: string; fromState: string; toState: string; reason: string | null }[];
    }>(await call(env.slow, 'GET', `/register/organizations/${org.id}/history`));
    expect(history.organization.registerStatus).toBe('removed');
    expect(history.events.at(-1)).toMatchObject({
      action: 'remove',
      fromState: 'registered',
      toState: 'removed',
      reason: 'false_data',
    });
    const page = await ok<{ items: { id: string }[]; total: number }>(
      await call(env.slow, 'GET', '/register/organizations?status=removed&pageSize=200'),
    );
    expect(page.items.map((i) => i.id)).toContain(org.id);
    const registered = await ok<{ items: { id: string; registerStatus: string }[] }>(
      await call(env.slow, 'GET', '/register/organizations?status=registered&pageSize=200'),
    );
    expect(registered.items.every((i) => i.registerStatus === 'registered')).toBe(true);
    expect(registered.items.map((i) => i.id)).not.toContain(org.id);

    // Removed is final, and the history cannot be rewritten.
    await problem(
      await call(env.slow, 'POST', `/register/organizations/${org.id}/remove`, {
        token: org.tokens.admin,
        body: { reason: 'liquidated' },
      }),
      409,
      { detail: 'remove is not allowed while the application is removed' },
    );
    await expect(
      env
        .em()
        .getConnection()
        .execute('update register_event set reason = null where organization_id = ?', [org.id]),
    ).rejects.toThrow(/append-only/);

    // The finished run replays against today's code without nondeterminism.
    const handle = workflowHandle(env.slow.deps.temporal!, registerWorkflow, registerWorkflowId(a.id));
    expect((await handle.result()).state).toBe('removed');
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, await handle.fetchHistory());
  });
});
