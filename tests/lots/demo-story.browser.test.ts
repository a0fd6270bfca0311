// The lots' story as a person walks it on the demo `npm start` runs (tests/support/demo-platform.ts:
// scripts/start.ts with everything embedded, on its demo terms, scripts/lib/demo-terms.ts), all in
// the portal: the council member forms the demo district's lots from the proposal, edits it with
// the rules checked live, saves, and for two lots submits, reads the act of approval, approves by
// signing it and opens the owners' choice; the management company applies, from its lots page, for
// the lot of the resident's building; the other, where nobody applied, goes to open competition
// when its window closes and the first to the owners' lot-wide meeting. There the demo's other
// owners vote when it opens (scripts/lib/demo-lot-votes.ts), the resident votes in the portal, the
// meeting decides and the lot shows its organization and its contracts. Each wait is on what the
// portal or the API shows.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { eventually, text } from '../meetings/widget-harness.ts';
import { until } from '../support/api-client.ts';
import { launchBrowser } from '../support/browser.ts';
import { confirm } from '../support/confirm.ts';
import { type DemoPlatform, startDemoPlatform } from '../support/demo-platform.ts';
import { newPortalPage, openPortalAs } from '../support/portal.ts';

/** The demo terms' window is 3 minutes and a loaded machine is slow: a wait spans one window. */
const WINDOW_WAIT_MS = 6 * 60_000;

let demo: DemoPlatform;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemoPlatform(), launchBrowser()]);
  ({ context, page, errors: pageErrors } = await newPortalPage(browser));
}, 300_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await demo?.stop();
});

/** Submits the council's lot, approves it by signing its act, and opens the owners' choice. */
async function approveAndOpen(lot: Locator, n: number): Promise<void> {
  await eventually(() => text(lot.locator('h2')), 30_000).toBe(`Lot ${n}, version 1`);
  await lot.locator('[data-action="submit"]').click();
  await eventually(() => text(lot.locator('[part="status"]')), 30_000).toBe('Submitted to the council.');
  await lot.locator('[data-action="read-approval-act"]').click();
  const act = lot.locator('mu-document-panel[part="approval-act"]');
  await eventually(() => act.locator('code[data-sha256]').count(), 30_000).toBe(1);
  await lot.locator('[data-action="approve"]').click();
  expect((await confirm(page)).title).toBe(`Approve lot ${n} by signing the act?`);
  await eventually(() => text(lot.locator('header .badge')), 30_000).toBe('Approved; choice not started');
  await eventually(() =>
    lot.locator('[part="versions"] li[data-version="1"]').getAttribute('data-signed'),
  ).toBe('true');
  const choice = lot.locator('[part="choice"]');
  await choice.locator('[data-action="open-choice"]').click();
  await eventually(() => choice.getAttribute('data-selection'), 30_000).toBe('applications');
}

describe('the lots on the demo, walked through the portal on the demo terms', () => {
  it(
    'the council forms, edits and approves lots by their signed acts; a company applies; the owners, the resident in the portal, choose it and its contracts follow; the lot nobody applied to goes to competition',
    async () => {
      await openPortalAs(page, demo.url, 'council');
      const lots = page.getByTestId('lots');
      await lots.locator('[part="propose"]').click();
      const proposed = lots.locator('[part="proposed-lot"]');
      await eventually(() => proposed.count(), 30_000).toBeGreaterThanOrEqual(2);
      const violations = lots.locator('[part="violations"]');
      expect(await violations.getAttribute('data-count')).toBe('0');
      // An edit, its rules checked as it is made: a building of lot 1 moved to lot 2 and back.
      const first = proposed.first();
      await first.locator('details').evaluate((d) => {
        (d as HTMLDetailsElement).open = true;
      });
      const building = await first.locator('li[data-building]').first().getAttribute('data-building');
      const before = await text(first);
      await first.locator('li[data-building] select').first().selectOption('1');
      await eventually(() => first.locator(`li[data-building="${building}"]`).count()).toBe(0);
      const second = proposed.nth(1);
      await second.locator('details').evaluate((d) => {
        (d as HTMLDetailsElement).open = true;
      });
      await second.locator(`li[data-building="${building}"] select`).selectOption('0');
      await eventually(() => first.locator(`li[data-building="${building}"]`).count()).toBe(1);
      await eventually(() => violations.getAttribute('data-count')).toBe('0');
      // Back where it was: the same buildings and apartments as proposed.
      const size = (t: string) => /^Lot 1 \d+ buildings, \d+ apartments/.exec(t)?.[0];
      expect(size(await text(first))).toBe(size(before));
      expect(size(before)).toBeDefined();
      await lots.locator('[part="save"]').click();
      const listed = lots.locator('[part="lots"] li');
      await eventually(() => listed.count(), 30_000).toBeGreaterThanOrEqual(2);

      const ids = [
        (await listed.nth(0).getAttribute('data-lot'))!,
        (await listed.nth(1).getAttribute('data-lot'))!,
      ];
      await listed.nth(0).locator('button').first().click();
      await approveAndOpen(page.getByTestId('lot'), 1);
      await listed.nth(1).locator('button').first().click();
      await approveAndOpen(page.getByTestId('lot'), 2);
      // The lot the resident's building is in is the one chosen, so that the resident votes in it.
      const council = await demo.tokenFor('council');
      const lotOf = (id: string) => demo.api<{ buildingIds: string[] }>(council, `/lots/${id}`);
      const homes = await Promise.all(
        ids.map(async (id) => (await lotOf(id)).buildingIds.includes(DEMO_IDS.building)),
      );
      expect(homes.filter(Boolean)).toHaveLength(1);
      const [chosenId, silentId] = homes[0] ? [ids[0]!, ids[1]!] : [ids[1]!, ids[0]!];

      // The management company applies for it from its lots page, in soʻm per m².
      await openPortalAs(page, demo.url, 'manager');
      const open = page.getByTestId('open-lots');
      const item = open.locator(`li[data-lot="${chosenId}"]`);
      await eventually(() => text(item), 30_000).toContain('applications until');
      await item.locator('button').click();
      const mine = page.getByTestId('open-lot');
      const apply = mine.locator('[part="apply"]');
      await eventually(() => apply.count(), 30_000).toBe(1);
      await apply.locator('input[name="tariff"]').fill('2400');
      await apply.locator('[data-action="apply"]').click();
      await eventually(() => text(mine.locator('[part="status"]')), 30_000).toBe(
        'Your application is recorded.',
      );

      // The windows close on the demo terms: the lot nobody applied to goes to competition; the
      // other to its owners' lot-wide meeting with the company as its candidate.
      const selection = (id: string, wanted: string) =>
        until(
          `lot ${id} in ${wanted}`,
          async () =>
            (await demo.api<{ selection: string }>(council, `/lots/${id}/choice`)).selection === wanted
              ? true
              : undefined,
          WINDOW_WAIT_MS,
        );
      await Promise.all([selection(silentId, 'competition'), selection(chosenId, 'voting')]);
      await openPortalAs(page, demo.url, 'council');
      const lotsAgain = page.getByTestId('lots');
      await lotsAgain.locator(`li[data-lot="${silentId}"] button`).first().click();
      await eventually(() => text(page.getByTestId('lot').locator('[part="competition"]')), 30_000).toMatch(
        /^Nobody applied\. Open competition until .+\.$/,
      );
      await lotsAgain.locator(`li[data-lot="${chosenId}"] button`).first().click();
      const meeting = page.getByTestId('lot').locator('[part="meeting"]');
      await eventually(() => meeting.count(), 30_000).toBe(1);
      const { meetingId } = await demo.api<{ candidateCount: number; meetingId: string }>(
        council,
        `/lots/${chosenId}/choice`,
      );
      expect(await demo.api(council, `/lots/${chosenId}/choice`)).toMatchObject({
        candidateCount: 1,
        meetingId: expect.any(String),
      });

      // The resident votes for the company in the portal once the meeting's notice has run out;
      // the lot's other owners have voted by then, as the demo has them do.
      await openPortalAs(page, demo.url, 'resident', `meeting=${meetingId}`);
      const phase = page.getByTestId('meeting').locator('[part~="phase"]');
      await eventually(() => text(phase), WINDOW_WAIT_MS).toBe('Voting open');
      const ballot = page.locator('mu-meeting-ballot').first();
      await eventually(() => ballot.locator('fieldset').count(), 30_000).toBe(1);
      await ballot.locator('input[type="radio"][value="for"]').check();
      await ballot.locator('[part="submit-button"]').click();
      await eventually(() => ballot.locator('[part~="receipt"]').count(), 30_000).toBe(1);
      const myBallots = await demo.api<{ choices: Record<string, string> }[]>(
        await demo.tokenFor('resident'),
        `/meetings/${meetingId}/my-ballots`,
      );
      expect(myBallots.map((b) => Object.values(b.choices))).toContainEqual(['for']);

      // The vote closes on the demo terms, the meeting decides for the company by the majority of
      // all the lot's votes, and the lot's contracts are concluded.
      const contracts = await until(
        `lot ${chosenId} chosen with its contracts`,
        async () => {
          const c = await demo.api<{
            selection: string;
            organizationId: string | null;
            contractIds: string[];
          }>(council, `/lots/${chosenId}/choice`);
          return c.selection === 'chosen' && c.contractIds.length > 0 ? c.contractIds : undefined;
        },
        WINDOW_WAIT_MS,
      );
      await openPortalAs(page, demo.url, 'council');
      await page.getByTestId('lots').locator(`li[data-lot="${chosenId}"] button`).first().click();
      const choice = page.getByTestId('lot').locator('[part="choice"]');
      await eventually(() => choice.getAttribute('data-selection'), 30_000).toBe('chosen');
      await eventually(() => text(choice.locator('[part="winner"]')), 30_000).toMatch(/\S/);
      await eventually(() => choice.locator('[part="contracts"] li').count(), 30_000).toBe(contracts.length);
      expect(pageErrors).toEqual([]);
    },
    20 * 60_000,
  );
});
