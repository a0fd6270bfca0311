// <mu-meeting> and <mu-meetings> in headless Chromium, built as shipped, against a fake API that
// speaks the meetings API and lets the test move the meeting's phase: the keyboard ballot, receipts and
// their trackers, revote, live participation, results, "check my ballot", the protocol download,
// the discussion, languages and a doubly loaded script. meeting-real.browser.test.ts repeats the
// voting flow against the real API, worker, Temporal and PostgreSQL.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../domain/common/sha256.ts';
import { computeTracker } from '../../domain/meetings/tracker.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { BUNDLE, buildBundle } from '../support/widget-bundle.ts';
import {
  type FakeMeetingsApi,
  IDS,
  MEETING_TEXT,
  PROTOCOL_PDF,
  RIGHTS,
  startFakeMeetingsApi,
  USERS,
} from './fake-meetings-api.ts';
import { eventually, focused, hostPage, tabUntil, text } from './widget-harness.ts';

let files: Map<string, string>;
let api: FakeMeetingsApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let pageCount = 0;

const SHOTS = process.env.MU_SCREENSHOTS ?? '';

beforeAll(async () => {
  files = await buildBundle();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  api = await startFakeMeetingsApi(files);
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, {
    acceptDownloads: true,
    // The fake answers 409 for results before the close, as the API does; the browser logs those.
    expected: /status of 409/,
  }));
});

afterEach(async () => {
  await context.close();
  await api.close();
});

async function open(body: string, opts: Parameters<typeof hostPage>[1] = {}): Promise<void> {
  const path = `/t/${++pageCount}`;
  api.pages.set(path, hostPage(body, { token: 'fake-token-resident', ...opts }));
  await page.goto(api.url + path);
}

const meeting = () => page.locator('mu-meeting');
const ballot = (n: number) => page.locator('mu-meeting-ballot').nth(n);
const receiptTracker = (n: number) => ballot(n).locator('[part~="tracker"]');
const ballotRequests = () => api.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/ballots'));
const storedSecret = (apartmentId: string, ownerId: string) =>
  page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { secret: string; tracker?: string } | null,
    `mening-uyim:receipt:${IDS.meeting}:${apartmentId}:${ownerId}`,
  );
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

describe('<mu-meeting>', () => {
  it('shows the agenda with each rule in plain words, the phase and Tashkent dates', async () => {
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`, { token: 'fake-token-inspector' });
    await eventually(() => text(meeting().locator('[part~="title"]'))).toBe(MEETING_TEXT.title);
    expect(await text(meeting().locator('[part~="phase"]'))).toBe('Voting open');
    const items = meeting().locator('[part~="agenda"] > li');
    expect(await items.count()).toBe(2);
    expect(await text(items.nth(0).locator('.rule'))).toBe(
      'Passes if more than half of the votes cast on this item are “for”.',
    );
    expect(await text(items.nth(1).locator('.rule'))).toBe(
      'Passes only if owners holding at least two thirds of all votes in the building vote “for”.',
    );
    expect(await text(items.nth(1).locator('.chip'))).toBe('Capital repair');
    // 04:00 UTC is 09:00 in Tashkent, whatever the browser's own time zone.
    expect(await text(meeting().locator('[data-fact="votingOpensAt"] dd'))).toBe('1 December 2026 at 09:00');
    expect(await text(meeting().locator('[data-fact="votingClosesAt"] dd'))).toBe('8 December 2026 at 18:00');
    expect(await text(meeting().locator('[data-fact="initiator"] dd'))).toBe(
      '“Obod Yunusobod” MChJ (management organization)',
    );
    // An inspector has no vote: no ballot is offered and my-rights is never asked.
    await eventually(() => text(page.locator('mu-meeting-participation .count'))).toBe(
      '40 of 72 owners have voted',
    );
    expect(await page.locator('mu-meeting-voting').count()).toBe(0);
    expect(api.requests.some((r) => r.path.includes('/my-rights'))).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('lets an owner vote by keyboard only, shows a receipt whose tracker the server stored, and revotes', async () => {
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`);
    await eventually(() => ballot(1).locator('fieldset').count()).toBe(2);
    expect(await text(page.locator('mu-meeting-voting section > p').first())).toBe(
      'You hold 2 votes in this meeting: cast a separate ballot for each.',
    );
    expect(await text(ballot(1).locator('[role="heading"]').first())).toContain(
      'as proxy for Dilnoza Karimova',
    );
    await shot('ballot-empty');

    // Tab reaches the first item's radio group; Space chooses "for"; the next Tab moves to the next
    // item, where an arrow key moves the choice to "against"; Tab and Enter cast the ballot.
    await tabUntil(page, (f) => f.name === IDS.itemRepair);
    expect((await focused(page)).value).toBe('for');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ name: IDS.itemRoof, value: 'for' });
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toMatchObject({ name: IDS.itemRoof, value: 'against' });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Cast ballot' });
    await page.keyboard.press('Enter');

    await eventually(() => receiptTracker(0).count()).toBe(1);
    // The focus moves to the receipt, so a screen reader reads it at once.
    await eventually(async () => (await focused(page)).id).toBe('receipt');
    const stored = api.ballots.get(`${IDS.aptSole}:${IDS.resident}`)!;
    expect(stored.choices).toEqual({ [IDS.itemRepair]: 'for', [IDS.itemRoof]: 'against' });
    expect(await text(receiptTracker(0))).toBe(stored.tracker);
    expect(await text(ballot(0).locator('[part~="receipt"]'))).toContain('version 1.');

    // The secret was made in the browser, sent once, kept in localStorage; the tracker is its hash.
    const [request] = ballotRequests();
    const body = request!.body as { receiptSecret: string; apartmentId: string; ownerId: string };
    expect(body).toMatchObject({ apartmentId: IDS.aptSole, ownerId: IDS.resident });
    expect(body.receiptSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(request!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const local = await storedSecret(IDS.aptSole, IDS.resident);
    expect(local?.secret).toBe(body.receiptSecret);
    expect(local?.tracker).toBe(stored.tracker);
    expect(
      await computeTracker(
        { meetingId: IDS.meeting, apartmentId: IDS.aptSole, ownerId: IDS.resident, choices: stored.choices },
        local!.secret,
      ),
    ).toBe(stored.tracker);
    await shot('ballot-receipt');

    // Revote: back to the second item, "abstain" instead, cast again.
    await tabUntil(page, (f) => f.name === IDS.itemRoof, { key: 'Shift+Tab' });
    expect((await focused(page)).value).toBe('against');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Change my vote' });
    await page.keyboard.press('Enter');
    await eventually(() => ballot(0).locator('[part~="receipt"]').getAttribute('data-revision')).toBe('2');
    const revoted = api.ballots.get(`${IDS.aptSole}:${IDS.resident}`)!;
    expect(revoted.choices[IDS.itemRoof]).toBe('abstain');
    expect(revoted.tracker).not.toBe(stored.tracker);
    expect(await text(receiptTracker(0))).toBe(revoted.tracker);
    const [, second] = ballotRequests();
    expect((second!.body as { receiptSecret: string }).receiptSecret).toBe(body.receiptSecret);
    expect(second!.idempotencyKey).not.toBe(request!.idempotencyKey);
    expect(await text(ballot(0).locator('[part~="receipt"]'))).toContain(
      'Your new ballot replaced the earlier one.',
    );
    expect(pageErrors).toEqual([]);
  });

  it('starts a ballot afresh when it is given another voting right, and keeps it for the same one', async () => {
    // <mu-meeting-voting> draws ballots by position, so a changed list hands an element another right.
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`);
    await eventually(() => ballot(1).locator('fieldset').count()).toBe(2);
    await ballot(0).getByRole('radio', { name: 'For' }).first().check();
    const checked = () => ballot(0).locator('input[type="radio"]:checked').count();
    expect(await checked()).toBe(1);
    const giveRight = (from: 0 | 1) =>
      page.evaluate(async (from) => {
        const [first, second] = [
          ...document
            .querySelector('mu-meeting')!
            .shadowRoot!.querySelector('mu-meeting-voting')!
            .shadowRoot!.querySelectorAll('mu-meeting-ballot'),
        ] as (HTMLElement & { right: object; updateComplete: Promise<boolean> })[];
        first!.right = { ...(from === 0 ? first! : second!).right };
        await first!.updateComplete;
      }, from);
    await giveRight(0);
    expect(await checked()).toBe(1);
    await giveRight(1);
    expect(await checked()).toBe(0);
    expect(await text(ballot(0).locator('[role="heading"]').first())).toContain(
      'as proxy for Dilnoza Karimova',
    );
    expect(pageErrors).toEqual([]);
  });

  it('announces missing answers in an alert, moves the focus there, and marks the items', async () => {
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`);
    await eventually(() => ballot(0).locator('fieldset').count()).toBe(2);
    await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Cast ballot');
    await page.keyboard.press('Enter');
    const alert = ballot(0).getByRole('alert');
    await eventually(() => text(alert)).toBe('Choose an answer for every item. Missing: 1, 2.');
    expect((await focused(page)).id).toBe('feedback');
    expect(await ballot(0).locator('fieldset[aria-invalid="true"]').count()).toBe(2);
    expect(ballotRequests()).toEqual([]);
    await shot('ballot-missing');
    // Answering one item clears its mark and narrows the message.
    await ballot(0)
      .getByRole('group', { name: `1. ${MEETING_TEXT.repair}` })
      .getByLabel('For')
      .check();
    await eventually(() => text(alert)).toBe('Choose an answer for every item. Missing: 2.');
    expect(await ballot(0).locator('fieldset[aria-invalid="true"]').count()).toBe(1);
  });

  it('updates participation live from the event stream', async () => {
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`);
    const count = page.locator('mu-meeting-participation .count');
    await eventually(() => text(count)).toBe('40 of 72 owners have voted');
    await eventually(() => api.openStreams()).toBe(1);
    const streamRequest = api.requests.find((r) => r.path.endsWith('/participation/stream'));
    expect(streamRequest?.authorization).toBe('Bearer fake-token-resident');
    api.otherOwnerVotes();
    await eventually(() => text(count)).toBe('41 of 72 owners have voted');
    api.otherOwnerVotes();
    await eventually(() => text(count)).toBe('42 of 72 owners have voted');
    expect(await text(page.locator('mu-meeting-participation .weight'))).toBe(
      'Owners holding 52.2% of all votes took part',
    );
    // The meeting's own quorum rule, as text and as a mark on the meter.
    expect(await text(page.locator('mu-meeting-participation .quorum'))).toBe(
      'Quorum: more than 50% of all votes',
    );
    expect(await page.locator('mu-meeting-participation .quorum-mark').getAttribute('style')).toMatch(
      /left:\s*50%/,
    );
  });

  it('after the close shows results as bars and a table, checks my ballot, and downloads the protocol', async () => {
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`);
    await eventually(() => ballot(0).locator('fieldset').count()).toBe(2);
    await ballot(0)
      .getByRole('group', { name: `1. ${MEETING_TEXT.repair}` })
      .getByLabel('For')
      .check();
    await ballot(0)
      .getByRole('group', { name: `2. ${MEETING_TEXT.roof}` })
      .getByLabel('Against')
      .check();
    await ballot(0).getByRole('button', { name: 'Cast ballot' }).click();
    await eventually(() => receiptTracker(0).count()).toBe(1);
    const tracker = api.ballots.get(`${IDS.aptSole}:${IDS.resident}`)!.tracker;

    // The close ends the stream; the widget reloads the meeting and shows the results.
    await api.setPhase('decided');
    await eventually(() => text(meeting().locator('[part~="phase"]'))).toBe('Decided');
    const results = page.locator('mu-meeting-results');
    await eventually(() => results.locator('[part~="result-item"]').count()).toBe(2);
    expect(await text(results.locator('.quorum'))).toBe(
      'Quorum reached: owners holding 53.29% of all votes took part.',
    );
    const repair = results.locator(`[data-item-id="${IDS.itemRepair}"]`);
    const roof = results.locator(`[data-item-id="${IDS.itemRoof}"]`);
    expect(await text(repair.locator('[part~="outcome"]'))).toBe('✓ Accepted');
    expect(await text(roof.locator('[part~="outcome"]'))).toBe('✗ Not accepted');
    // The chart has a text alternative and the table carries the same numbers.
    expect(
      await repair.getByRole('img', { name: /^Item 1: for 51.29%, against 0%, abstained 2%/ }).count(),
    ).toBe(1);
    expect(await text(roof.locator('tr[data-choice="for"]'))).toBe('For 300,000 30% 56.3%');
    expect(await text(roof.locator('tr[data-choice="against"]'))).toBe('Against 212,860 21.29% 39.95%');
    expect(await text(roof.locator('tfoot tr'))).toBe('All votes 1,000,000 100%');
    expect(await results.locator('[part~="bar-against"]').first().getAttribute('style')).toContain('width');
    expect(await results.locator('.ballot-set [data-verified]').getAttribute('data-verified')).toBe('true');
    await shot('results');

    // Check my ballot: the tracker is recomputed from the stored secret and found with my answers.
    const voting = page.locator('mu-meeting-voting');
    await voting.getByRole('button', { name: 'Check my ballot' }).click();
    const outcome = voting.locator('[part~="check-result"]');
    await eventually(() => outcome.locator('[data-outcome]').count()).toBe(2);
    expect(await outcome.getAttribute('role')).toBe('status');
    expect(await text(outcome.locator('[data-outcome="found"]'))).toBe(
      `Apartment 12 — your share, 1.29% of all votes: Counted as cast: tracker ${tracker.slice(0, 16)} is in the published list with your answers.`,
    );
    expect(await text(outcome.locator('[data-outcome="no-ballot"]'))).toContain(
      'You did not vote with this right.',
    );
    expect((await focused(page)).id).toBe('check-result');
    await shot('check-found');

    // A server that dropped the ballot is caught.
    api.unpublish(tracker);
    await voting.getByRole('button', { name: 'Check my ballot' }).click();
    await eventually(() => outcome.locator('[data-outcome="missing"]').count()).toBe(1);
    expect(await outcome.getAttribute('role')).toBe('alert');

    // Protocol: downloaded with the bearer, its SHA-256 compared with the published one.
    const sha = await sha256Hex(PROTOCOL_PDF);
    expect(await text(results.locator('[data-hash="protocol"]'))).toBe(sha);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      results.getByRole('button', { name: 'Download the protocol (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`protocol-${IDS.meeting}.pdf`);
    await eventually(() =>
      results.locator('.download-status [data-verified]').getAttribute('data-verified'),
    ).toBe('true');
    expect(api.requests.find((r) => r.path.endsWith('/protocol.pdf'))?.authorization).toBe(
      'Bearer fake-token-resident',
    );
    expect(pageErrors).toEqual([]);
  });

  it.each(['uz', 'ru'] as const)('keeps the results’ table inside a 360 px screen in %s', async (lang) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await api.setPhase('decided');
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`, { lang });
    const results = page.locator('mu-meeting-results');
    await eventually(() => results.locator('[part~="result-item"]').count()).toBe(2);
    // Its four columns' headings are wider than a phone in these languages: the table scrolls in its box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const box = results.locator('[part~="table-scroll"]').first();
    expect(await box.getAttribute('aria-label')).toBe(
      lang === 'uz' ? '1-masala boʻyicha ovozlar' : 'Голоса по вопросу 1',
    );
  });

  it('checks a ballot from another device with a pasted secret', async () => {
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`);
    await eventually(() => ballot(0).locator('fieldset').count()).toBe(2);
    await ballot(0)
      .getByRole('group', { name: `1. ${MEETING_TEXT.repair}` })
      .getByLabel('Against')
      .check();
    await ballot(0)
      .getByRole('group', { name: `2. ${MEETING_TEXT.roof}` })
      .getByLabel('Abstain')
      .check();
    await ballot(0).getByRole('button', { name: 'Cast ballot' }).click();
    await eventually(() => receiptTracker(0).count()).toBe(1);
    const { secret } = (await storedSecret(IDS.aptSole, IDS.resident))!;
    await page.evaluate(() => localStorage.clear());
    await api.setPhase('decided');
    const voting = page.locator('mu-meeting-voting');
    await eventually(() => voting.getByRole('button', { name: 'Check my ballot' }).count()).toBe(1);
    await voting.getByRole('button', { name: 'Check my ballot' }).click();
    const field = voting.getByLabel(/Apartment 12 .* Paste the secret you saved/);
    await eventually(() => field.count()).toBe(1);
    await field.fill('not a secret');
    await field.press('Enter');
    await eventually(() => voting.locator('[data-outcome="bad-secret"]').count()).toBe(1);
    await voting.getByLabel(/Apartment 12 .* Paste the secret you saved/).fill(secret);
    await voting.getByLabel(/Apartment 12 .* Paste the secret you saved/).press('Enter');
    await eventually(() => voting.locator('[data-outcome="found"]').count()).toBe(1);
  });

  it('posts a question under an item, shows the initiator’s nested answer and a moderated comment', async () => {
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`);
    const discussion = page.locator('mu-meeting-discussion');
    const thread = discussion.locator(`[part~="thread"][data-item-id="${IDS.itemRepair}"]`);
    await eventually(() => thread.count()).toBe(1);
    await thread.getByLabel(`Your question or comment on “${MEETING_TEXT.repair}”`).fill('Smeta kimda bor?');
    await thread.getByRole('button', { name: 'Post' }).click();
    await eventually(() => text(thread.locator('[part~="comment"] .body'))).toBe('Smeta kimda bor?');
    expect(api.comments[0]).toMatchObject({
      agendaItemId: IDS.itemRepair,
      authorUserId: USERS.resident.userId,
    });
    expect(await thread.getByRole('button', { name: 'Answer' }).count()).toBe(0);

    // The initiator answers: the answer is nested under the question.
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`, { token: 'fake-token-manager' });
    await thread.getByRole('button', { name: 'Answer' }).click();
    await thread.getByLabel('Answer to Aziz Karimov').fill('Boshqaruv tashkiloti idorasida.');
    await thread.getByRole('button', { name: 'Answer' }).click();
    await eventually(() => text(thread.locator('.answers [part~="answer"] .body'))).toBe(
      'Boshqaruv tashkiloti idorasida.',
    );
    expect(await text(thread.locator('.answers .tag'))).toBe('Answer from the initiator');

    // The council hides the question with a reason; residents see the reason in its place.
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`, { token: 'fake-token-council' });
    await eventually(() => thread.getByRole('button', { name: 'Hide' }).count()).toBe(2);
    await thread.getByRole('button', { name: 'Hide' }).first().click();
    await thread.getByLabel('Why is this comment hidden?').fill('Shaxsiy maʼlumot');
    await thread.getByRole('button', { name: 'Hide comment' }).click();
    await open(`<mu-meeting meeting-id="${IDS.meeting}"></mu-meeting>`);
    await eventually(() => text(thread.locator('[data-hidden="true"]'))).toBe(
      'Hidden by moderator: Shaxsiy maʼlumot',
    );
    expect(await thread.locator('[part~="hidden"] .body').count()).toBe(0);
    await shot('discussion');
    expect(pageErrors).toEqual([]);
  });

  it('speaks Uzbek by default, and Russian or English from the lang attribute', async () => {
    await open(
      `<mu-meeting id="uz" meeting-id="${IDS.meeting}"></mu-meeting>
       <mu-meeting id="ru" lang="ru" meeting-id="${IDS.meeting}"></mu-meeting>`,
      { lang: 'uz' },
    );
    const uz = page.locator('#uz');
    const ru = page.locator('#ru');
    await eventually(() => uz.locator('mu-meeting-ballot').count()).toBe(2);
    await eventually(() => ru.locator('mu-meeting-ballot').count()).toBe(2);
    expect(await text(uz.locator('[part~="phase"]'))).toBe('Ovoz berish ochiq');
    expect(await text(uz.locator('[data-fact="votingOpensAt"] dd'))).toBe('1-dekabr 2026, 09:00');
    expect(await text(uz.locator('[part~="agenda"] .rule').first())).toBe(
      'Ushbu masala boʻyicha berilgan ovozlarning yarmidan koʻpi «yoqlab» boʻlsa, qabul qilinadi.',
    );
    const uzChoices = uz.locator('mu-meeting-ballot').first().locator('fieldset').first().locator('label');
    expect(await uzChoices.allInnerTexts()).toEqual(['Yoqlayman', 'Qarshiman', 'Betarafman']);
    expect(await text(uz.getByRole('button', { name: 'Ovoz berish' }).first())).toBe('Ovoz berish');

    expect(await text(ru.locator('[part~="phase"]'))).toBe('Идёт голосование');
    expect(await text(ru.locator('[data-fact="votingOpensAt"] dt'))).toBe('Начало голосования');
    const ruChoices = ru.locator('mu-meeting-ballot').first().locator('fieldset').first().locator('label');
    expect(await ruChoices.allInnerTexts()).toEqual(['За', 'Против', 'Воздержался']);
    expect(await text(ru.locator('mu-meeting-discussion [role="heading"]').first())).toBe('Обсуждение');

    // Switching the page language re-renders the element without the attribute.
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    await eventually(() => text(uz.locator('[part~="phase"]'))).toBe('Voting open');
    await shot('languages');
  });

  it('names a repeat meeting’s first attempt as a link a host portal routes', async () => {
    await open(
      `<mu-meeting lang="en" meeting-id="${IDS.other}"></mu-meeting>
       <script>window.navigated = []; addEventListener('mu-navigate', (e) => { navigated.push(e.detail); e.preventDefault(); });</script>`,
    );
    const repeatOf = meeting().locator('[part~="repeat-of"]');
    await eventually(() => text(repeatOf)).toBe(`Repeat of the meeting: ${MEETING_TEXT.title}`);
    const link = repeatOf.getByRole('link', { name: MEETING_TEXT.title });
    expect(await link.getAttribute('href')).toBe(`?open=meeting:${IDS.meeting}`);
    await link.click();
    expect(await page.evaluate(() => (window as unknown as { navigated: unknown[] }).navigated)).toEqual([
      { kind: 'meeting', id: IDS.meeting, href: `?open=meeting:${IDS.meeting}` },
    ]);
  });

  it('shows a localised error for an unknown meeting', async () => {
    await open(`<mu-meeting lang="ru" meeting-id="${IDS.other}0"></mu-meeting>`);
    await eventually(() => text(meeting().getByRole('alert'))).toBe('Собрание не найдено.');
  });
});

describe('<mu-meetings>', () => {
  it('lists meetings with phase and dates, and announces the chosen one', async () => {
    await open(
      `<mu-meetings building-id="${IDS.building}"></mu-meetings>
       <script>window.picked = []; addEventListener('mu-meeting-select', (e) => picked.push(e.detail.meetingId));
         window.navigated = []; addEventListener('mu-navigate', (e) => navigated.push(e.detail));</script>`,
    );
    const items = page.locator('mu-meetings [part~="item"]');
    await eventually(() => items.count()).toBe(2);
    expect(await text(items.nth(0).locator('[part~="phase"]'))).toBe('Voting open');
    expect(await text(items.nth(0).locator('.dates'))).toBe('Voting 01.12.2026 – 08.12.2026');
    expect(await text(items.nth(1).locator('[part~="phase"]'))).toBe('Discussion');
    expect(await items.nth(0).locator('[part~="repeat"]').count()).toBe(0);
    expect(await text(items.nth(1).locator('[part~="repeat"]'))).toBe('Repeat, attempt 2');
    expect(api.requests.find((r) => r.path.startsWith('/api/v1/meetings?'))?.path).toContain(
      `buildingId=${IDS.building}`,
    );
    await tabUntil(page, (f) => f.tag === 'button' && f.text.includes('Navbatdan'));
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (window as unknown as { picked: string[] }).picked)).toEqual([
      IDS.other,
    ]);
    // The same pick as a link a host portal routes: the pattern mail links carry.
    expect(await page.evaluate(() => (window as unknown as { navigated: unknown[] }).navigated)).toEqual([
      { kind: 'meeting', id: IDS.other, href: `?open=meeting:${IDS.other}` },
    ]);
    expect(await items.nth(1).getAttribute('aria-current')).toBe('true');
    expect(await page.locator('mu-meetings').getAttribute('selected')).toBe(IDS.other);
  });

  it('tolerates the script being loaded twice', async () => {
    await open(
      `<mu-meetings lang="en"></mu-meetings><mu-meeting lang="en" meeting-id="${IDS.meeting}"></mu-meeting>`,
      {
        scripts: [BUNDLE, `${BUNDLE}?copy=2`],
      },
    );
    await eventually(() => page.locator('mu-meetings [part~="item"]').count()).toBe(2);
    await page.addScriptTag({ type: 'module', url: `${BUNDLE}?copy=3` });
    await eventually(() => page.locator('mu-meeting-ballot').count()).toBe(RIGHTS.length);
    const copies = await page.evaluate(
      () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/mening-uyim.js')).length,
    );
    expect(copies).toBe(3);
    expect(pageErrors).toEqual([]);
  });
});
