// The demo reaches "owners chose an organization": the seed casts owners' ballots and the
// meeting's own workflow closes, counts and decides; then the council starts the management
// contract from that decision in the demo portal on a 360 px screen, and it awaits signatures.
// A database of its own, seeded like the demo, so the decided meeting is nobody else's fixture.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { ManagementOrganization } from '../../db/registry/entities.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import type { ContractView } from '../../domain/contracts/view.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import { loadConfig } from '../../platform/config.ts';
import { DEMO_DECIDED_MEETING_ID, seedDecidedMeeting } from '../../scripts/lib/demo-decided-meeting.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';
import { call, ok, until } from '../support/api-client.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase, withOrm } from '../support/database.ts';
import { openPortalAs } from '../support/portal.ts';
import { type ContractsEnv, startContractsEnv } from './fixtures.ts';

const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 30_000);

let db: TestDatabase;
let env: ContractsEnv;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  db = await createTestDatabase(inject('postgres'), 'demo_decided');
  await withOrm(db.url, (orm) => seedDemo(orm, loadConfig({}).demo));
  env = await startContractsEnv({ databaseUrl: db.url });
  server = await listen(env.app.app, '127.0.0.1', 0);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
  await db?.drop();
});

beforeEach(async () => {
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, {
    viewport: { width: 360, height: 800 },
    timeout: 10_000,
  }));
});

afterEach(async () => {
  await context.close();
});

const asUser = async <T>(persona: string, path: string) =>
  ok<T>(await call(env.app, 'GET', path, { token: await env.app.tokenFor(persona) }));

describe('the demo decided meeting', () => {
  it('is decided by its workflow, and the council starts the contract from it in the portal', async () => {
    const seed = () =>
      seedDecidedMeeting(
        env.em(),
        env.app.deps.temporal!,
        loadConfig({}).meetings.policy,
        env.app.deps.taskQueues!.meetings,
      );
    const chosenName = await seed();
    expect(chosenName).toBeTruthy();
    const chosen = await env.em().findOneOrFail(ManagementOrganization, { name: chosenName! });
    expect(chosen.registerStatus).toBe('registered');

    const decided = await until(
      'the meeting to be decided',
      async () => {
        const m = await asUser<MeetingView>('admin', `/meetings/${DEMO_DECIDED_MEETING_ID}`);
        return ['decided', 'appeal_window', 'completed', 'failed'].includes(m.phase) ? m : undefined;
      },
      60_000,
    );
    const item = decided.agenda[0]!;
    expect(item).toMatchObject({ kind: 'management_organization', organizationId: chosen.id });
    expect(decided.decision?.items).toEqual([expect.objectContaining({ itemId: item.id, accepted: true })]);
    // A restart of `npm start` makes nothing twice.
    expect(await seed()).toBeNull();

    await openPortalAs(page, server.url, 'council', `meeting=${DEMO_DECIDED_MEETING_ID}`);
    const form = page.locator(`[data-testid="contract-start-form"][data-item-id="${item.id}"]`);
    await eventually(() => form.count()).toBe(1);
    expect(await text(form.locator('.hint').first())).toBe(
      `With the organization chosen on “${item.title}”.`,
    );
    // Nothing in the form reaches past its own edge (the portal's page around it is the phones
    // point's business).
    const spill = await form.evaluate((f) => {
      const right = f.getBoundingClientRect().right;
      return Math.max(
        0,
        ...[...f.querySelectorAll('*')].map((e) => Math.ceil(e.getBoundingClientRect().right - right)),
      );
    });
    expect(spill).toBe(0);
    await form.getByRole('button', { name: 'Start the management contract' }).click();
    const state = page.getByTestId('contract').locator('[part~="state-badge"]');
    await eventually(() => state.getAttribute('data-state')).toBe('awaiting_signatures');
    const contractId = new URL(page.url()).searchParams.get('contract')!;
    const started = await asUser<ContractView>('council', `/contracts/${contractId}`);
    expect(started).toMatchObject({
      source: { meetingId: DEMO_DECIDED_MEETING_ID, agendaItemId: item.id },
      organization: { id: chosen.id },
      buildingIds: [DEMO_IDS.building],
    });
    expect(pageErrors).toEqual([]);
  });
});
