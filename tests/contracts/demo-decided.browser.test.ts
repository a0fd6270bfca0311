// The demo reaches "owners chose an organization": the seed casts owners' ballots and the
// meeting's own workflow closes, counts and decides; then the council starts the management
// contract from that decision in the demo portal on a 360 px screen, and it awaits signatures.
// A database of its own, seeded like the demo, so the decided meeting is nobody else's fixture.
import { describe, expect, it } from 'vitest';
import { ManagementOrganization } from '../../db/registry/entities.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import type { ContractView } from '../../domain/contracts/view.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import { loadConfig } from '../../platform/config.ts';
import { DEMO_DECIDED_MEETING_ID, seedDecidedMeeting } from '../../scripts/lib/demo-decided-meeting.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';
import { call, ok, until } from '../support/api-client.ts';
import { openPortalAs, PERSONA_NAMES } from '../support/portal.ts';
import { portalSuite } from '../support/portal-suite.ts';
import { startContractsEnv } from './fixtures.ts';

const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 30_000);

const suite = portalSuite({
  database: 'demo_decided',
  start: (databaseUrl) => startContractsEnv({ databaseUrl }),
  app: (env) => env.app,
  stop: (env) => env.stop(),
});

const asUser = async <T>(persona: string, path: string) =>
  ok<T>(await call(suite.env.app, 'GET', path, { token: await suite.env.app.tokenFor(persona) }));

describe('the demo decided meeting', () => {
  it('is decided by its workflow, and the council starts the contract from it in the portal', async () => {
    const seed = () =>
      seedDecidedMeeting(
        suite.env.em(),
        suite.env.app.deps.temporal!,
        loadConfig({}).meetings.policy,
        suite.env.app.deps.taskQueues!.meetings,
      );
    const chosenName = await seed();
    expect(chosenName).toBeTruthy();
    const chosen = await suite.env.em().findOneOrFail(ManagementOrganization, { name: chosenName! });
    expect(chosen.registerStatus).toBe('registered');

    const decided = await until(
      'the meeting to be decided',
      async () => {
        const m = await asUser<MeetingView>('admin', `/meetings/${DEMO_DECIDED_MEETING_ID}`);
        return ['decided', 'appeal_window', 'completed', 'failed'].includes(m.phase) ? m : undefined;
      },
      60_000,
    );
    // Its initiator is the resident by name, as a meeting he called himself would say, in any language.
    expect(decided.initiator.name).toBe(PERSONA_NAMES.resident);
    const item = decided.agenda[0]!;
    expect(item).toMatchObject({ kind: 'management_organization', organizationId: chosen.id });
    expect(decided.decision?.items).toEqual([expect.objectContaining({ itemId: item.id, accepted: true })]);
    // A restart of `npm start` makes nothing twice.
    expect(await seed()).toBeNull();

    await openPortalAs(suite.page, suite.url, 'council', `meeting=${DEMO_DECIDED_MEETING_ID}`);
    const form = suite.page.locator(`[data-testid="contract-start-form"][data-item-id="${item.id}"]`);
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
    const state = suite.page.getByTestId('contract').locator('[part~="state-badge"]');
    await eventually(() => state.getAttribute('data-state')).toBe('awaiting_signatures');
    const contractId = new URL(suite.page.url()).searchParams.get('contract')!;
    const started = await asUser<ContractView>('council', `/contracts/${contractId}`);
    expect(started).toMatchObject({
      source: { meetingId: DEMO_DECIDED_MEETING_ID, agendaItemId: item.id },
      organization: { id: chosen.id },
      buildingIds: [DEMO_IDS.building],
    });
    expect(suite.errors).toEqual([]);
  });
});
