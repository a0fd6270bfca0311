// The meeting widgets and the demo portal in headless Chromium against the real stack: the API
// (listening on a socket, serving the bundle it built), a meetings worker wired as in production,
// the Temporal dev server and PostgreSQL with the demo district. Durations are seconds through
// MEETING_POLICY, so a meeting goes from notice to a signed protocol within the test.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import { computeTracker, newReceiptSecret } from '../../domain/meetings/tracker.ts';
import type { MeetingPhase, MeetingView, MyBallotView } from '../../domain/meetings/types.ts';
import { loadConfig } from '../../platform/config.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { confirm } from '../support/confirm.ts';
import type { TestDatabase } from '../support/database.ts';
import { ownDatabase, type RunningWorkers, startWorkers } from '../support/worker-harness.ts';
import { type Api, DEMO_IDS, newKey, ok, startApi } from './api-fixtures.ts';
import { eventually, focused, hostPage, tabUntil, text } from './widget-harness.ts';

const DAY_S = 86_400;
// Seconds instead of days, and a quorum the demo personas' few ballots reach.
const POLICY = {
  noticeDays: 2 / DAY_S,
  votingMinDays: 2 / DAY_S,
  votingMaxDays: 1,
  reminderHoursBeforeClose: [],
  quorumShare: { numerator: 1, denominator: 1000 },
  protocolDays: 120 / DAY_S,
  appealWindowMonths: 0,
};

let api: Api;
let server: RunningServer;
let workers: RunningWorkers;
let db: TestDatabase;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

const SHOTS = process.env.MU_SCREENSHOTS ?? '';
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/real-${name}.png`, fullPage: true });
};

beforeAll(async () => {
  const taskQueue = `meetings-widget-${randomUUID()}`;
  await ensureWidgetBundle(() => undefined);
  // A database of its own with the demo: the meetings wait for their notices to go out, which
  // takes the dispatchers, and they run beside the workers only where no other file's mail is.
  db = await ownDatabase('meetings_widget', { demo: true });
  api = await startApi({ env: { MEETING_POLICY: JSON.stringify(POLICY) }, taskQueue, databaseUrl: db.url });
  workers = await startWorkers({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '4' }),
    orm: api.t.deps.orm,
    temporalAddress: inject('temporalAddress'),
    taskQueues: { registry: `registry-unused-${randomUUID()}`, meetings: taskQueue },
  });
  server = await listen(api.t.app, '127.0.0.1', 0);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await workers?.stop();
  await api?.t.close();
  await db?.drop();
});

beforeEach(async () => {
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, {
    viewport: { width: 1100, height: 900 },
    acceptDownloads: true,
    timeout: 10_000,
  }));
});

afterEach(async () => {
  await context.close();
});

const asJson = async <T>(method: string, path: string, as: string, body?: unknown) =>
  ok<T>(
    await api.request(method, path, { as, body, ...(method === 'POST' ? { key: newKey() } : {}) }),
    method === 'POST' ? 201 : 200,
  );

async function callMeeting(
  title: string,
  opensInS: number,
  votingS: number,
  as = 'manager',
): Promise<MeetingView> {
  const opens = Date.now() + opensInS * 1000;
  return asJson<MeetingView>('POST', '/api/v1/meetings', as, {
    title,
    kind: 'annual',
    form: 'electronic',
    buildingIds: [DEMO_IDS.building],
    initiator: as === 'manager' ? 'management_organization' : 'council',
    votingOpensAt: new Date(opens).toISOString(),
    votingClosesAt: new Date(opens + votingS * 1000).toISOString(),
    agenda: [
      {
        title: 'Approve the 2026 maintenance report',
        description: 'The report is in the office.',
        kind: 'ordinary',
      },
      { title: 'Replace both lifts', description: '', kind: 'capital_repair' },
    ],
  });
}

async function waitForPhase(id: string, phases: MeetingPhase[], timeoutMs = 60_000): Promise<MeetingView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = await asJson<MeetingView>('GET', `/api/v1/meetings/${id}`, 'admin');
    if (phases.includes(m.phase)) return m;
    if (Date.now() > deadline) throw new Error(`meeting ${id} stayed in ${m.phase}, not ${phases.join('|')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function openWidget(body: string, persona: string, lang = 'en'): Promise<void> {
  const path = `/widget-test-${randomUUID()}.html`;
  // The API serves the bundle; the host page only needs to come from somewhere: a data route.
  await page.route(`${server.url}${path}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: hostPage(body, { token: api.tokens[persona]!, lang }) }),
  );
  await page.goto(`${server.url}${path}`);
}

const ballot = (n: number) => page.locator('mu-meeting-ballot').nth(n);

describe('<mu-meeting> on the real stack', () => {
  it('lets a resident vote by keyboard, revote, watch participation, and check the counted ballot', async () => {
    const created = await callMeeting(`Widget e2e ${randomUUID().slice(0, 8)}`, 6, 30);
    await openWidget(`<mu-meeting meeting-id="${created.id}"></mu-meeting>`, 'resident');
    const phase = page.locator('mu-meeting [part~="phase"]');
    await eventually(() => text(page.locator('mu-meeting [part~="title"]'))).toBe(created.title);
    expect(['Notice being sent', 'Discussion']).toContain(await text(phase));

    // Voting opens by the workflow's timer; the widget notices by itself.
    await eventually(() => text(phase), 30_000).toBe('Voting open');
    // Apartment 12 is the resident's alone; of apartment 47 they own half: one ballot each.
    await eventually(() => ballot(1).locator('fieldset').count()).toBe(2);
    const headings = await page.locator('mu-meeting-ballot [role="heading"][aria-level="4"]').allInnerTexts();
    expect(headings.map((h) => h.split(/\s/)[1])).toEqual(['12', '47']);
    const [itemReport, itemLifts] = created.agenda.map((a) => a.id) as [string, string];

    await tabUntil(page, (f) => f.name === itemReport);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe(itemLifts);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Cast ballot' });
    await page.keyboard.press('Enter');
    await eventually(async () => (await focused(page)).id).toBe('receipt');
    const shown = await text(ballot(0).locator('[part~="tracker"]'));

    // The tracker on screen is the one the server stored, and it hashes this browser's secret.
    const mine = () => asJson<MyBallotView[]>('GET', `/api/v1/meetings/${created.id}/my-ballots`, 'resident');
    const [stored] = await mine();
    expect(stored).toMatchObject({
      apartmentId: DEMO_IDS.apartments.residentSole,
      tracker: shown,
      revision: 1,
      choices: { [itemReport]: 'for', [itemLifts]: 'against' },
    });
    const local = await page.evaluate(
      (key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { secret: string } | null,
      `mening-uyim:receipt:${created.id}:${DEMO_IDS.apartments.residentSole}:${DEMO_IDS.persons.resident}`,
    );
    expect(
      await computeTracker(
        {
          meetingId: created.id,
          apartmentId: DEMO_IDS.apartments.residentSole,
          ownerId: DEMO_IDS.persons.resident,
          choices: stored!.choices,
        },
        local!.secret,
      ),
    ).toBe(shown);
    await shot('receipt');

    // Revote by keyboard: "abstain" on the lifts.
    await tabUntil(page, (f) => f.name === itemLifts, { key: 'Shift+Tab' });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await eventually(() => ballot(0).locator('[part~="receipt"]').getAttribute('data-revision')).toBe('2');
    const [revoted] = await mine();
    expect(revoted).toMatchObject({ revision: 2, choices: { [itemReport]: 'for', [itemLifts]: 'abstain' } });
    expect(await text(ballot(0).locator('[part~="tracker"]'))).toBe(revoted!.tracker);
    expect(revoted!.tracker).not.toBe(shown);

    // Another owner votes through the API: the counter moves without a reload.
    const count = page.locator('mu-meeting-participation .count');
    await eventually(() => count.getAttribute('data-voted')).toBe('1');
    await asJson('POST', `/api/v1/meetings/${created.id}/ballots`, 'resident2', {
      apartmentId: DEMO_IDS.apartments.residentShared,
      choices: { [itemReport]: 'for', [itemLifts]: 'for' },
      receiptSecret: newReceiptSecret(),
    });
    await eventually(() => count.getAttribute('data-voted')).toBe('2');

    // The workflow closes the vote; the widget shows the decision and the counted ballots.
    await eventually(() => text(phase), 60_000).toMatch(/^Decided/);
    const results = page.locator('mu-meeting-results');
    await eventually(() => results.locator('[part~="result-item"]').count()).toBe(2);
    expect(await results.locator('.quorum').getAttribute('data-quorum')).toBe('reached');
    const decided = await waitForPhase(created.id, ['decided', 'appeal_window', 'completed']);
    for (const item of decided.decision!.items) {
      expect(
        await results
          .locator(`[data-item-id="${item.itemId}"] [part~="outcome"]`)
          .getAttribute('data-accepted'),
      ).toBe(String(item.accepted));
    }
    expect(await results.locator('.ballot-set').getAttribute('data-ballots')).toBe('2');
    expect(await results.locator('.ballot-set [data-verified]').getAttribute('data-verified')).toBe('true');

    const voting = page.locator('mu-meeting-voting');
    await voting.getByRole('button', { name: 'Check my ballot' }).click();
    await eventually(() => voting.locator('[data-outcome="found"]').count()).toBe(1);
    expect(await text(voting.locator('[data-outcome="found"]'))).toContain(revoted!.tracker.slice(0, 16));
    // Apartment 47's ballot was cast by the co-owner, not by this resident.
    expect(await voting.locator('[data-outcome="no-ballot"]').count()).toBe(1);

    // The protocol appears once generated; its download matches the published SHA-256.
    const protocolHash = results.locator('[data-hash="protocol"]');
    await eventually(() => protocolHash.count(), 30_000).toBe(1);
    const pdf = await api.request('GET', `/api/v1/meetings/${created.id}/protocol.pdf`, { as: 'resident' });
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(await text(protocolHash)).toBe(await sha256Hex(bytes));
    await Promise.all([
      page.waitForEvent('download'),
      results.getByRole('button', { name: 'Download the protocol (PDF)' }).click(),
    ]);
    await eventually(() =>
      results.locator('.download-status [data-verified]').getAttribute('data-verified'),
    ).toBe('true');
    await shot('results');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});

describe('the demo portal', () => {
  const portal = async (persona: string, meetingId?: string) => {
    const meeting = meetingId ? `&meeting=${meetingId}` : '';
    await page.goto(`${server.url}/?persona=${persona}&lang=en${meeting}`);
    await eventually(() => page.getByTestId('whoami').textContent()).toMatch(/^Signed in/);
  };
  const widget = () => page.getByTestId('meeting');
  const actions = () => page.getByTestId('meeting-actions');
  const notice = () => actions().locator('[part~="notice"]');
  const postponeForm = () => actions().locator('mu-meeting-postpone [part~="form"]');
  const cancelForm = () => actions().locator('mu-meeting-cancel [part~="form"]');
  const widgetPhase = () => widget().locator('[part~="phase"]');
  const tashkent = (ms: number) => new Date(ms + 5 * 3_600_000).toISOString().slice(0, 19);

  it('lets each persona do its part: call, discuss, moderate, postpone, cancel, sign, and only read', async () => {
    const tag = randomUUID().slice(0, 8);
    // A meeting called through the API closes meanwhile, so that its protocol can be signed here.
    // Voting long enough for the one ballot to land on a loaded machine; the portal steps below take longer.
    const toSign = await callMeeting(`Portal sign-off ${tag}`, 4, 20);
    const signable = (async () => {
      const open = await waitForPhase(toSign.id, ['voting'], 30_000);
      await asJson('POST', `/api/v1/meetings/${toSign.id}/ballots`, 'resident2', {
        apartmentId: DEMO_IDS.apartments.residentShared,
        choices: Object.fromEntries(open.agenda.map((a) => [a.id, 'for'])),
        receiptSecret: newReceiptSecret(),
      });
      for (;;) {
        const m = await waitForPhase(toSign.id, ['decided'], 60_000);
        if (m.protocol) return m;
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    // The management company calls a meeting with <mu-meeting-call>, which the portal places.
    await portal('manager');
    const initiate = page.getByTestId('initiate-panel');
    await initiate.locator('summary').click();
    const form = page.locator('mu-meeting-call');
    const title = `Courtyard meeting ${tag}`;
    await form.getByLabel('Meeting title').fill(title);
    await form.getByLabel('Building').selectOption(DEMO_IDS.building);
    const opens = Date.now() + 3_600_000;
    await form.getByLabel('Voting opens (Tashkent time)').fill(tashkent(opens));
    await form.getByLabel('Voting closes (Tashkent time)').fill(tashkent(opens + 3_600_000));
    await form
      .locator('[part~="item"]')
      .nth(0)
      .getByLabel('Question', { exact: true })
      .fill('Light the courtyard');
    await form.locator('[part~="add-item"]').click();
    const second = form.locator('[part~="item"]').nth(1);
    await second.getByLabel('Question', { exact: true }).fill('Repair the roof');
    await second.getByLabel('Type of question').selectOption('capital_repair');
    await form.getByRole('button', { name: 'Call the meeting' }).click();
    await eventually(() => text(form.locator('[part~="notice"]'))).toBe(
      'Meeting called: notices are on their way.',
    );
    await eventually(() => text(widget().locator('[part~="title"]'))).toBe(title);
    const meetingId = new URL(page.url()).searchParams.get('meeting')!;
    const called = await asJson<MeetingView>('GET', `/api/v1/meetings/${meetingId}`, 'admin');
    expect(called).toMatchObject({
      title,
      buildingIds: [DEMO_IDS.building],
      initiator: { kind: 'management_organization' },
    });
    expect(called.agenda.map((a) => [a.title, a.kind])).toEqual([
      ['Light the courtyard', 'ordinary'],
      ['Repair the roof', 'capital_repair'],
    ]);
    expect(Date.parse(called.votingOpensAt)).toBe(Math.floor(opens / 1000) * 1000);
    await eventually(() => page.locator(`mu-meetings [data-meeting-id="${meetingId}"]`).count()).toBe(1);
    await eventually(() => postponeForm().count()).toBe(1);
    await waitForPhase(meetingId, ['discussion']);
    await shot('portal-manager');

    // The resident finds it in their building's list and asks a question under the first item.
    await portal('resident', meetingId);
    await eventually(() => text(widgetPhase())).toBe('Discussion');
    const list = page.getByTestId('meetings-list');
    expect(await list.getAttribute('building-id')).toBe(DEMO_IDS.building);
    expect(await page.getByTestId('initiate-panel').isHidden()).toBe(true);
    expect(await page.getByTestId('meeting-actions').isHidden()).toBe(true);
    const thread = widget().locator(`[part~="thread"][data-item-id="${called.agenda[0]!.id}"]`);
    await thread
      .getByLabel('Your question or comment on “Light the courtyard”')
      .fill('Which lamps, and how many?');
    await thread.getByRole('button', { name: 'Post' }).click();
    await eventually(() => text(thread.locator('[part~="comment"] .body'))).toBe(
      'Which lamps, and how many?',
    );
    await eventually(() => text(widget().locator('mu-meeting-voting section'))).toContain('Voting opens on');

    // The initiator answers it.
    await portal('manager', meetingId);
    await thread.getByRole('button', { name: 'Answer' }).click();
    await thread.getByLabel(/Answer to /).fill('Twelve LED lamps, as in the estimate.');
    await thread.getByRole('button', { name: 'Answer' }).click();
    await eventually(() => text(thread.locator('.answers .body'))).toBe(
      'Twelve LED lamps, as in the estimate.',
    );

    // The district council hides the question, with a reason everyone sees.
    await portal('council', meetingId);
    // The thread's text rides along, so that a failure shows what the council saw instead.
    await eventually(
      async () => ({
        thread: await text(thread),
        hide: await thread.getByRole('button', { name: 'Hide' }).count(),
      }),
      30_000,
    ).toEqual({ thread: expect.stringContaining('Twelve LED lamps'), hide: 2 });
    await thread.getByRole('button', { name: 'Hide' }).first().click();
    await thread.getByLabel('Why is this comment hidden?').fill('Duplicate of a notice question');
    await thread.getByRole('button', { name: 'Hide comment' }).click();
    await eventually(() => text(thread.locator('[data-hidden="true"]'))).toBe(
      'Hidden by moderator: Duplicate of a notice question',
    );
    // Not the initiator: no postpone or cancel for the council, only the word that nothing is due.
    await eventually(() => text(actions().locator('[part~="nothing-due"]'))).toBe(
      'No change or signature is due for this meeting now.',
    );
    expect(await postponeForm().count()).toBe(0);

    // The initiator postpones the vote by a week, then cancels the meeting.
    await portal('manager', meetingId);
    const postpone = postponeForm();
    await postpone.getByLabel('Reason').fill('The estimate is being revised');
    await postpone.getByRole('button', { name: 'Postpone' }).click();
    await eventually(() => text(notice())).toBe('New dates saved.');
    const postponed = await asJson<MeetingView>('GET', `/api/v1/meetings/${meetingId}`, 'admin');
    expect(Date.parse(postponed.votingOpensAt) - Date.parse(called.votingOpensAt)).toBe(7 * 86_400_000);
    const cancel = cancelForm();
    await cancel.getByLabel('Reason').fill('The work will be done under the warranty');
    await cancel.getByRole('button', { name: 'Cancel the meeting' }).click();
    expect((await confirm(page)).title).toBe('Cancel the meeting?');
    await eventually(() => text(widgetPhase())).toBe('Cancelled');
    expect(await text(notice())).toBe('The meeting was cancelled.');
    // Cancelled: nothing left to change.
    expect(await cancelForm().count()).toBe(0);
    expect(await text(widget().locator('[data-cancelled]'))).toBe(
      'The meeting was cancelled: The work will be done under the warranty',
    );

    // The initiator, chair and secretary by default, signs the closed meeting's protocol.
    const decided = await signable;
    await portal('manager', decided.id);
    const signing = actions().locator('mu-meeting-sign-off [part~="sign-off"]');
    await eventually(() => signing.count(), 15_000).toBe(1);
    // Nothing signed blind: the buttons wait for the stored protocol, shown with its hash.
    expect(await signing.getByRole('button', { name: 'Sign as chair' }).isDisabled()).toBe(true);
    await signing.getByRole('button', { name: 'Read the protocol' }).click();
    await eventually(() =>
      signing.locator('mu-document-panel [part~="hash"] code').getAttribute('data-sha256'),
    ).toBe(decided.protocol!.sha256.toLowerCase());
    await signing.getByRole('button', { name: 'Sign as chair' }).click();
    expect((await confirm(page)).body).toContain(decided.protocol!.sha256.toLowerCase());
    await eventually(() => text(widget().locator('.signatures'))).toContain('Signed by the chair');
    await signing.getByRole('button', { name: 'Sign as secretary' }).click();
    await confirm(page);
    await eventually(() => text(widget().locator('.signatures'))).toContain('Signed by the secretary');
    await eventually(() => signing.locator('[data-role="secretary"]').isDisabled()).toBe(true);
    expect(await text(notice())).toBe('Signed.');
    await waitForPhase(decided.id, ['appeal_window', 'completed'], 30_000);
    // Once both have signed, the widget follows the workflow out of 'decided' by itself.
    await eventually(() => text(widgetPhase()), 20_000).toMatch(/open to challenge|Completed/);
    await shot('portal-signed');

    // The inspector reads: the list and the meeting, nothing to call, change or sign.
    await portal('inspector', decided.id);
    await eventually(() => text(widgetPhase())).toMatch(/Decided|Completed/);
    expect(await page.getByTestId('meetings-panel').isVisible()).toBe(true);
    expect(await page.getByTestId('initiate-panel').isHidden()).toBe(true);
    expect(await page.getByTestId('meeting-actions').isHidden()).toBe(true);
    expect(await widget().locator('mu-meeting-voting').count()).toBe(0);
    // The inspection reads how each owner was notified; the portal shows it beside the meeting.
    const proof = page.getByTestId('meeting-notice-proof').locator('[part~="notice-proof"]');
    await eventually(() => text(proof.locator('[role="heading"]'))).toBe('Proof of notice');
    await eventually(() => proof.locator('tbody tr').count()).toBeGreaterThan(0);
    // A resident is not given it: the portal leaves it out of the page rather than be refused.
    await portal('resident', decided.id);
    await eventually(() => text(widgetPhase())).toMatch(/Decided|Completed|open to challenge/);
    expect(await page.getByTestId('meeting-notice-proof').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
