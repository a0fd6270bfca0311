// Links in mail open what they name: in headless Chromium against the real API, meetings and appeals
// workers and an SMTP catcher, the link is taken from the mail the platform actually sent (a
// meeting notice, an appeal's acknowledgement and answer) or queued (the ballot receipt, which the
// ballot's own transaction writes to the outbox), and followed in the demo portal. Every link has
// the one pattern PORTAL_URL/?open=<kind>:<id>; the portal keeps it through the persona choice.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { MailOutbox } from '../../db/mail/entities.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import type { AppealJson } from '../../domain/appeals/json.ts';
import { newReceiptSecret } from '../../domain/meetings/tracker.ts';
import type { MeetingPhase, MeetingView } from '../../domain/meetings/types.ts';
import { loadConfig } from '../../platform/config.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';
import { call, newKey, ok } from '../register/api-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase, withOrm } from '../support/database.ts';
import { newPortalPage, PERSONA_NAMES } from '../support/portal.ts';
import { inboxNotice } from '../support/sent-link.ts';
import { type RunningWorkers, startWorkers } from '../support/worker-harness.ts';

const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 45_000);

/** A host portal's address, not the API's: the links must carry it, and the test maps it back. */
const PORTAL_URL = 'https://portal.example.uz/uy';
const DAY_S = 86_400;
const MEETING_POLICY = {
  noticeDays: 2 / DAY_S,
  votingMinDays: 2 / DAY_S,
  votingMaxDays: 1,
  reminderHoursBeforeClose: [],
  quorumShare: { numerator: 1, denominator: 1000 },
  protocolDays: 120 / DAY_S,
  appealWindowMonths: 0,
};
const RESIDENT_MAIL = 'aziz.karimov@demo.meninguyim.uz';

let app: TestApp;
let workers: RunningWorkers;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
// A database of its own with the demo: the notifications dispatchers beside other files' workers
// would otherwise send this file's notices to their own mail catchers.
let db: TestDatabase;

beforeAll(async () => {
  const q = randomUUID();
  const env = {
    MEETING_POLICY: JSON.stringify(MEETING_POLICY),
    PORTAL_URL,
    LOG_LEVEL: process.env.MU_TEST_LOG ?? 'silent',
  };
  await ensureWidgetBundle(() => undefined);
  db = await createTestDatabase(inject('postgres'), 'mail_links');
  await withOrm(db.url, (orm) => seedDemo(orm, loadConfig({}).demo));
  app = await createTestApp({
    env,
    databaseUrl: db.url,
    taskQueues: {
      meetings: `links-meetings-${q}`,
      appeals: `links-appeals-${q}`,
      dispatch: `links-dispatch-${q}`,
    },
  });
  workers = await startWorkers({
    config: loadConfig({ NODE_ENV: 'test', DATABASE_POOL_MAX: '4', ...env, LOG_LEVEL: 'warn' }),
    orm: app.deps.orm,
    temporalAddress: inject('temporalAddress'),
    taskQueues: {
      registry: `registry-unused-${q}`,
      meetings: `links-meetings-${q}`,
      register: `register-unused-${q}`,
      contracts: `contracts-unused-${q}`,
      appeals: `links-appeals-${q}`,
      dispatch: `links-dispatch-${q}`,
    },
  });
  server = await listen(app.app, '127.0.0.1', 0);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await workers?.stop();
  await app?.close();
  await db?.drop();
});

beforeEach(async () => {
  ({ context, page, errors: pageErrors } = await newPortalPage(browser));
});

afterEach(async () => {
  await context.close();
});

const as = async (persona: string) => ({ token: await app.tokenFor(persona) });

/** The one link of the pattern in a mail's text. */
function linkIn(mailText: string): URL {
  const links = mailText.match(/https?:\/\/\S+\?open=\S+/g) ?? [];
  expect(links, mailText).toHaveLength(1);
  const link = new URL(links[0]!);
  expect(`${link.origin}${link.pathname}`).toBe(`${PORTAL_URL}/`);
  return link;
}

/** The caught mail to `to` whose subject contains `words`, once it arrived. */
async function caught(to: string, words: string) {
  let found: { subject: string; text: string } | undefined;
  await eventually(() => {
    found = workers.catcher.messages().find((m) => m.to.includes(to) && m.subject.includes(words));
    return Boolean(found);
  }).toBe(true);
  return found!;
}

/** Follows a link from a mail in the demo portal: the host portal's path maps onto the demo's root. */
const follow = (link: URL) => page.goto(`${server.url}/${link.search}&lang=en`);

async function chooseResident() {
  await page.getByTestId('persona-select').selectOption('resident');
  await eventually(() => text(page.getByTestId('whoami'))).toBe(`Signed in: ${PERSONA_NAMES.resident}`);
}

async function meetingIn(phases: MeetingPhase[], id: string): Promise<MeetingView> {
  for (;;) {
    const m = await ok<MeetingView>(await call(app, 'GET', `/meetings/${id}`, await as('admin')));
    if (phases.includes(m.phase)) return m;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('links in mail open what they name', () => {
  it('a meeting notice opens the meeting, after the persona choice, and the ballot receipt opens it again', async () => {
    const title = `Links ${randomUUID().slice(0, 8)}`;
    const opens = Date.now() + 8_000;
    const meeting = await ok<MeetingView>(
      await call(app, 'POST', '/meetings', {
        ...(await as('manager')),
        key: newKey(),
        body: {
          title,
          kind: 'annual',
          form: 'electronic',
          buildingIds: [DEMO_IDS.building],
          initiator: 'management_organization',
          votingOpensAt: new Date(opens).toISOString(),
          votingClosesAt: new Date(opens + 120_000).toISOString(),
          agenda: [{ title: 'Approve the 2026 maintenance report', description: '', kind: 'ordinary' }],
        },
      }),
      201,
    );
    const notice = await caught(RESIDENT_MAIL, title);
    const link = linkIn(notice.text);
    expect(link.searchParams.get('open')).toBe(`meeting:${meeting.id}`);

    // Nobody is signed in: the portal says what the link opens and keeps it.
    await follow(link);
    await eventually(() => text(page.getByTestId('open-hint'))).toBe(
      'This link opens a general meeting. Choose the user it was sent to.',
    );
    await chooseResident();
    const shown = page.getByTestId('meeting');
    await eventually(() => shown.getAttribute('meeting-id')).toBe(meeting.id);
    await eventually(() => text(page.locator('#meeting [part~="title"]'))).toBe(title);
    expect(await page.getByTestId('open-hint').isHidden()).toBe(true);

    // The ballot receipt, written to the outbox with the ballot, links to the same meeting.
    await meetingIn(['voting'], meeting.id);
    await ok(
      await call(app, 'POST', `/meetings/${meeting.id}/ballots`, {
        ...(await as('resident')),
        key: newKey(),
        body: {
          apartmentId: DEMO_IDS.apartments.residentSole,
          choices: Object.fromEntries(meeting.agenda.map((a) => [a.id, 'for'])),
          receiptSecret: newReceiptSecret(),
        },
      }),
      201,
    );
    const receipt = await app.deps.orm.em.fork().findOneOrFail(MailOutbox, {
      to: RESIDENT_MAIL,
      subject: { $like: `%${title}%` },
      html: { $ne: null },
    });
    const again = linkIn(receipt.text);
    expect(again.searchParams.get('open')).toBe(`meeting:${meeting.id}`);
    expect(receipt.html).toContain(`href="${again.href}"`);
    // Signed in already (the persona is in the address): the meeting opens at once.
    await page.goto(`${server.url}/${again.search}&lang=en&persona=resident`);
    await eventually(() => page.getByTestId('meeting').getAttribute('meeting-id')).toBe(meeting.id);
    await eventually(() => text(page.locator('#meeting [part~="title"]'))).toBe(title);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('an appeal’s acknowledgement and its answer open the appeal for the resident', async () => {
    const words = `Lift stuck on floor 7 (${randomUUID().slice(0, 8)})`;
    const appeal = await ok<AppealJson>(
      await call(app, 'POST', '/appeals', {
        ...(await as('resident')),
        key: newKey(),
        body: {
          category: 'lift',
          kind: 'complaint',
          subject: { buildingId: DEMO_IDS.building },
          text: words,
        },
      }),
      201,
    );
    const acknowledgement = await caught(RESIDENT_MAIL, appeal.registrationNumber);
    const link = linkIn(acknowledgement.text);
    expect(link.searchParams.get('open')).toBe(`appeal:${appeal.id}`);
    await follow(link);
    await chooseResident();
    const opened = page.getByTestId('opened-appeal');
    await eventually(() => opened.getAttribute('appeal-id')).toBe(appeal.id);
    await eventually(() => text(opened.locator('.quote').first())).toBe(words);

    // The managing organization answers; the answer's mail opens the appeal with the answer in it.
    const staff = await as('manager');
    await ok(await call(app, 'POST', `/appeals/${appeal.id}/accept`, { ...staff, key: newKey(), body: {} }));
    const reply = 'The lift was repaired this morning.';
    await ok(
      await call(app, 'POST', `/appeals/${appeal.id}/answer`, {
        ...staff,
        key: newKey(),
        body: { text: reply },
      }),
    );
    let answered: { text: string } | undefined;
    await eventually(() => {
      answered = workers.catcher
        .messages()
        .find((m) => m.to.includes(RESIDENT_MAIL) && m.text.includes(reply) && m.text.includes(appeal.id));
      return Boolean(answered);
    }).toBe(true);
    const answerLink = linkIn(answered!.text);
    await page.goto(`${server.url}/${answerLink.search}&lang=en&persona=resident`);
    const again = page.getByTestId('opened-appeal');
    await eventually(() => again.getAttribute('appeal-id')).toBe(appeal.id);
    await eventually(() => text(again.locator('[part~="answer"] .quote'))).toBe(reply);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('a dispatch request’s acknowledgement opens the request for the resident who made it, in every language', async () => {
    const request = await ok<{ id: string; number: string }>(
      await call(app, 'POST', '/dispatch/requests', {
        ...(await as('resident')),
        key: newKey(),
        body: { apartmentId: DEMO_IDS.apartments.residentSole, text: 'Oshxonada quvurdan suv oqyapti' },
      }),
      201,
    );
    // An appeal's registration number may end as the request's number does: the subject tells them apart.
    const words = { uz: 'Arizangiz qabul qilindi', ru: 'Заявка принята', en: 'Request received' };
    const subjects = Object.values(words).map((w) => `${w}: ${request.number}`);
    let acknowledgement: { text: string } | undefined;
    await eventually(() => {
      acknowledgement = workers.catcher
        .messages()
        .find((m) => m.to.includes(RESIDENT_MAIL) && subjects.includes(m.subject));
      return Boolean(acknowledgement);
    }).toBe(true);
    const link = linkIn(acknowledgement!.text);
    expect(link.searchParams.get('open')).toBe(`request:${request.id}`);
    for (const lang of ['uz', 'ru', 'en'] as const) {
      const notice = await inboxNotice(
        app.deps.orm.em.fork(),
        DEMO_IDS.persons.resident,
        `${words[lang]}: ${request.number}`,
        lang,
      );
      expect(notice.link, lang).toBe(link.href);
    }
    await follow(link);
    await chooseResident();
    const item = page.getByTestId('dispatch-requests').locator(`[data-request-id="${request.id}"]`);
    await eventually(() => item.getAttribute('data-opened')).toBe('');
    expect(await item.isVisible()).toBe(true);
    expect(await text(item.locator('[part~="request-number"]'))).toContain(request.number);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the older ?meeting= and ?appeal= addresses open their object too, not an empty page', async () => {
    const appeal = await ok<AppealJson>(
      await call(app, 'POST', '/appeals', {
        ...(await as('resident')),
        key: newKey(),
        body: {
          category: 'heating',
          kind: 'complaint',
          subject: { buildingId: DEMO_IDS.building },
          text: `Cold radiators (${randomUUID().slice(0, 8)})`,
        },
      }),
      201,
    );
    await page.goto(`${server.url}/?lang=en&appeal=${appeal.id}`);
    await eventually(() => text(page.getByTestId('open-hint'))).toBe(
      'This link opens an appeal. Choose the user it was sent to.',
    );
    await chooseResident();
    await eventually(() => page.getByTestId('opened-appeal').getAttribute('appeal-id')).toBe(appeal.id);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
