// The appeal's whole path, in headless Chromium against the real API and workers: a resident submits
// an appeal with a photo from the demo portal and sees its number and deadline; the organization
// managing the building takes it up and answers it from its board; the resident accepts the
// answer with a rating and the appeal closes. With terms of seconds (APPEAL_POLICY), an appeal
// nobody answers is escalated to the inspection and shown to the council as overdue.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { answerDeadline } from '../../domain/appeals/deadlines.ts';
import type { AppealJson, AppealSummary, Board } from '../../domain/appeals/json.ts';
import type { AppealPolicyOverrides } from '../../domain/appeals/policy.ts';
import type { Page as ListPage } from '../../domain/common/page.ts';
import { loadConfig } from '../../platform/config.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';
import { call, newKey, ok, until } from '../register/api-fixtures.ts';
import { launchBrowser } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase, withOrm } from '../support/database.ts';
import { newPortalPage, openPortalAs, type Persona, switchPersona } from '../support/portal.ts';
import { type AppealsEnv, inStatus, SECOND_IN_DAYS, startAppealsEnv } from './fixtures.ts';

/** Persona switches reload the whole portal; a loaded machine (the full suite) needs longer. */
const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 30_000);

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(300, 7),
]);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  ({ context, page, errors: pageErrors } = await newPortalPage(browser));
});

afterEach(async () => {
  await context.close();
});

const SHOTS = process.env.MU_SCREENSHOTS ?? '';
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/appeals-portal-${name}.png`, fullPage: true });
};

/**
 * The app and workers with `policy` (both read APPEAL_POLICY), and the portal served on a socket,
 * on a database of their own with the demo seeded: the portal signs in as the demo's personas.
 */
function portalWith(policy?: AppealPolicyOverrides) {
  const s = {} as { env: AppealsEnv; server: RunningServer; db: TestDatabase };
  beforeAll(async () => {
    s.db = await createTestDatabase(inject('postgres'), 'appeals_portal');
    await withOrm(s.db.url, (orm) => seedDemo(orm, loadConfig({}).demo));
    s.env = await startAppealsEnv(policy, { databaseUrl: s.db.url });
    s.server = await listen(s.env.app.app, '127.0.0.1', 0);
  });
  afterAll(async () => {
    await s.server?.close();
    await s.env?.stop();
    await s.db?.drop();
  });
  return s;
}

const openAs = (server: RunningServer, persona: Persona) => openPortalAs(page, server.url, persona);
const switchTo = (persona: Persona) => switchPersona(page, persona);

const asPersona = async <T>(env: AppealsEnv, persona: string, path: string) =>
  ok<T>(await call(env.app, 'GET', path, { token: await env.app.tokenFor(persona) }));

/** DD.MM.YYYY, as the widgets print a calendar day. */
const printed = (date: string) => date.split('-').reverse().join('.');

describe('an appeal from the demo portal, answered and accepted', () => {
  const s = portalWith();

  it('registers with its deadline, is answered from the board and closed by the resident’s rating', async () => {
    const { env, server } = s;
    await openAs(server, 'resident');
    const form = page.getByTestId('appeal-form');
    await eventually(() => form.locator('[part~="form"]').count()).toBe(1);
    await form.getByLabel('Category').selectOption('heating');
    await form.getByLabel('Complaint').check();
    const words = `Radiators cold in entrance 3 (${crypto.randomUUID().slice(0, 8)})`;
    await form.getByLabel('Your appeal', { exact: true }).fill(words);
    await form
      .getByLabel('Photos or documents (optional)')
      .setInputFiles({ name: 'radiator.png', mimeType: 'image/png', buffer: PNG });
    await eventually(() => form.locator('[part~="file-list"] li').count()).toBe(1);
    await form.getByRole('button', { name: 'Send the appeal' }).click();
    const number = form.locator('[part~="registration-number"]');
    await eventually(() => number.count()).toBe(1);
    const registrationNumber = await text(number);

    const mine = await asPersona<ListPage<AppealSummary>>(env, 'resident', '/appeals?mine=1');
    const summary = mine.items.find((i) => i.registrationNumber === registrationNumber)!;
    const appeal = await asPersona<AppealJson>(env, 'resident', `/appeals/${summary.id}`);
    expect(appeal).toMatchObject({
      text: words,
      category: 'heating',
      kind: 'complaint',
      status: 'registered',
      subject: { buildingId: DEMO_IDS.building },
    });
    expect(appeal.attachments).toMatchObject([
      { filename: 'radiator.png', mediaType: 'image/png', part: 'appeal' },
    ]);
    // The deadline is the law's, counted from this receipt with the policy the app runs with.
    const due = answerDeadline(
      env.app.deps.config.appeals.policy,
      'complaint',
      Date.parse(appeal.receivedAt),
    );
    expect(appeal.dueLastDay).toBe(due.lastDay);
    expect(Date.parse(appeal.dueAt)).toBe(due.endsAt);
    expect(await text(form.locator('[part~="status"]'))).toContain(
      `The answer is due by ${printed(due.lastDay)} at the latest.`,
    );
    const myRow = page.locator(`[data-testid="my-appeals"] li[data-appeal-id="${appeal.id}"]`);
    await eventually(() => myRow.locator('[part~="status-badge"]').getAttribute('data-status')).toBe(
      'registered',
    );
    await shot('submitted');

    // The organization managing the building finds it on its board, takes it up and answers.
    await switchTo('manager');
    const row = page.locator(`[data-testid="appeals-board"] tr[data-appeal-id="${appeal.id}"]`);
    await eventually(() => row.count()).toBe(1);
    expect(await row.locator('[part~="status-badge"]').getAttribute('data-status')).toBe('registered');
    await row.getByRole('button', { name: /^Details/ }).click();
    const details = page.locator(
      `[data-testid="appeals-board"] tr[data-details-of="${appeal.id}"] mu-appeal-details`,
    );
    await eventually(() => text(details.locator('.quote').first())).toBe(words);
    expect(await text(details.locator('h4').first())).toBe('The appeal');
    // The body that must answer opens the applicant's photo: the very bytes that were sent.
    const downloading = page.waitForEvent('download');
    await details.getByRole('button', { name: 'radiator.png' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('radiator.png');
    const opened = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of opened) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(PNG)).toBe(true);
    await details.getByRole('button', { name: 'Take into consideration' }).click();
    await eventually(() => row.locator('[part~="status-badge"]').getAttribute('data-status')).toBe(
      'in_progress',
    );
    const reply = 'The heating riser was bled on Tuesday; radiators are warm again.';
    await details.getByLabel('Answer to the applicant').fill(reply);
    await details.getByRole('button', { name: 'Send the answer' }).click();
    await eventually(() => row.locator('[part~="status-badge"]').getAttribute('data-status')).toBe(
      'answered',
    );
    expect(await text(details.locator('[part~="action-status"]'))).toBe(
      'The answer is sent to the applicant.',
    );
    await shot('answered');

    // The resident accepts the answer with a rating: the appeal is closed.
    await switchTo('resident');
    await eventually(() => myRow.locator('[part~="status-badge"]').getAttribute('data-status')).toBe(
      'answered',
    );
    await myRow.getByRole('button', { name: /^Details/ }).click();
    const mineDetails = myRow.locator('mu-appeal-details');
    await eventually(() => text(mineDetails.locator('[part~="answer"] .quote'))).toBe(reply);
    await mineDetails.getByLabel('4 of 5').check();
    await mineDetails.getByRole('button', { name: 'Accept the answer' }).click();
    await eventually(() => myRow.locator('[part~="status-badge"]').getAttribute('data-status')).toBe(
      'closed',
    );
    const closed = await asPersona<AppealJson>(env, 'resident', `/appeals/${appeal.id}`);
    expect(closed).toMatchObject({ status: 'closed', rating: 4, answer: { text: reply } });
    expect(closed.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'answer', 'accept_answer']);
    await shot('closed');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});

describe('an unanswered appeal on the council’s board', () => {
  // Three seconds to answer at each level: the organization misses it, then the inspection.
  const s = portalWith({ answerDays: 3 * SECOND_IN_DAYS, reminderHoursBeforeDue: [] });

  it('is escalated to the inspection when its deadline passes and counted as overdue', async () => {
    const { env, server } = s;
    const { districtId } = await asPersona<{ districtId: string }>(env, 'council', '/me');
    const board = () => asPersona<Board>(env, 'council', `/appeals/board?districtId=${districtId}`);
    const before = await board();
    const resident = await env.app.tokenFor('resident');
    const appeal = await ok<AppealJson>(
      await call(env.app, 'POST', '/appeals', {
        token: resident,
        key: newKey(),
        body: {
          category: 'lift',
          kind: 'complaint',
          subject: { buildingId: DEMO_IDS.building },
          text: 'The lift has been stuck on floor 7 since morning',
        },
      }),
      201,
    );
    const council = await env.app.tokenFor('council');
    const escalated = await inStatus(env, council, appeal.id, 'escalated');
    expect(escalated).toMatchObject({ level: 'inspection', responsible: { kind: 'inspection' } });
    await until('overdue at the inspection too', async () => {
      const a = await asPersona<AppealJson>(env, 'council', `/appeals/${appeal.id}`);
      return a.overdue ? a : undefined;
    });
    const after = await board();
    expect(after.overdue).toBeGreaterThanOrEqual(before.overdue + 1);
    expect(after.counts.escalated).toBeGreaterThanOrEqual(before.counts.escalated + 1);

    await openAs(server, 'council');
    const widget = page.getByTestId('appeals-board');
    const row = widget.locator(`tr[data-appeal-id="${appeal.id}"]`);
    await eventually(() => row.getAttribute('data-overdue')).toBe('true');
    expect(await row.getAttribute('class')).toContain('overdue');
    expect(await row.locator('[part~="status-badge"]').getAttribute('data-status')).toBe('escalated');
    expect(await text(row.locator('[part~="row-overdue"]'))).toMatch(/^⚠ Overdue/);
    // The figures are the board's: the overdue total includes this appeal.
    const shown = await text(widget.locator('[part~="overdue-total"]'));
    const now = await board();
    expect(shown).toBe(`Overdue now: ${now.overdue}`);
    expect(now.overdue).toBeGreaterThanOrEqual(1);
    // "Overdue only" keeps it.
    await widget.getByLabel('Overdue only').check();
    await eventually(() => row.count()).toBe(1);
    await shot('overdue');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
