// <mu-appeal-form>, <mu-my-appeals> and <mu-appeals-board> in headless Chromium, built as shipped,
// against a fake API (fake-appeals-api.ts): a disguised file refused before upload, a valid appeal
// with one attachment (and a retry under the same Idempotency-Key), the status history and the
// acceptance with a rating, the board's filters, overdue rows, figures and CSV export.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppealDates } from '../../domain/appeals/dates.ts';
import { eventually, hostPage, text } from '../meetings/widget-harness.ts';
import { fileChoosers, launchBrowser, newWatchedPage } from '../support/browser.ts';
import { nativeFileInputs } from '../support/page-audit.ts';
import { buildBundle } from '../support/widget-bundle.ts';
import { type FakeAppealsApi, IDS, startFakeAppealsApi } from './fake-appeals-api.ts';

let files: Map<string, string>;
let api: FakeAppealsApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let pageCount = 0;

beforeAll(async () => {
  files = await buildBundle();
  // An English browser: a native file input would say "Choose Files" on a Russian page.
  browser = await launchBrowser(['--lang=en-US']);
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  api = await startFakeAppealsApi(files);
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, {
    viewport: { width: 1100, height: 900 },
    acceptDownloads: true,
    // The fake's deliberate 503 is logged by the browser as a failed resource.
    expected: /status of 503/,
  }));
});

afterEach(async () => {
  await context.close();
  await api.close();
});

const SHOTS = process.env.MU_SCREENSHOTS ?? '';
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/appeals-${name}.png`, fullPage: true });
};

async function open(body: string, token: 'resident' | 'council', lang = 'en'): Promise<void> {
  const path = `/t/${++pageCount}`;
  api.pages.set(path, hostPage(body, { token: `fake-token-${token}`, lang }));
  await page.goto(api.url + path);
}

const requests = (method: string, prefix: string) =>
  api.requests.filter((r) => r.method === method && r.path.startsWith(`/api/v1${prefix}`));

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);

describe('<mu-appeal-form>', () => {
  it('refuses a disguised file before uploading, then registers an appeal with one attachment', async () => {
    await open(`<mu-appeal-form building-id="${IDS.building}"></mu-appeal-form>`, 'resident');
    const form = page.locator('mu-appeal-form');
    await page.evaluate(() => {
      (window as unknown as { submitted: unknown[] }).submitted = [];
      document.addEventListener('mu-appeal-submitted', (e) =>
        (window as unknown as { submitted: unknown[] }).submitted.push((e as CustomEvent).detail),
      );
    });
    // Only the caller's apartments in this building are offered.
    await eventually(() => form.locator('#apartment option').allInnerTexts()).toEqual([
      'The building as a whole',
      'Apartment 12, Yunusobod 4-mavze, 12-uy',
    ]);

    // Sending empty: both required fields flagged, in an alert, focus on the first.
    await form.locator('[part~="submit-button"]').click();
    await eventually(() => text(form.locator('[part~="errors"]'))).toContain('Choose a category.');
    expect(await form.locator('#text').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('[part~="errors"]').getAttribute('role')).toBe('alert');

    await form.getByLabel('Category').selectOption('heating');
    expect(await form.locator('#category').getAttribute('aria-invalid')).toBe('false');
    await form.getByLabel('Complaint').check();
    await form.getByLabel('Apartment (optional)').selectOption(IDS.apartment);
    await form.getByLabel('Your appeal').fill('Radiatorlar sovuq, 3-podyezd, 2-qavat.');

    // A ".png" that is really text: refused in the browser, nothing uploaded.
    await form.getByLabel('Photos or documents (optional)').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('just some text, not an image'),
    });
    await eventually(() => text(form.locator('[part~="file-errors"]'))).toBe(
      'photo.png: the content of the file is not PNG. It was not added.',
    );
    expect(await form.locator('[part~="file-errors"]').getAttribute('role')).toBe('alert');
    expect(await form.locator('[part~="file-list"]').count()).toBe(0);
    expect(requests('POST', '/appeal-attachments')).toHaveLength(0);

    await shot('form-refused');
    await form.getByLabel('Photos or documents (optional)').setInputFiles({
      name: 'radiator.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await eventually(() => form.locator('[part~="file-list"] li').count()).toBe(1);
    expect(await text(form.locator('[part~="file-errors"]'))).toBe('');

    // The first attempt is lost at the gateway; the retry reuses the key and the uploaded file.
    api.failNextSubmit();
    await form.locator('[part~="submit-button"]').click();
    await eventually(() => text(form.locator('[part~="error"]'))).toContain('The appeal was not sent');
    await form.locator('[part~="submit-button"]').click();
    await eventually(() => text(form.locator('[part~="registration-number"]'))).toBe('2026-000123');

    const uploads = requests('POST', '/appeal-attachments');
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({
      contentType: 'image/png',
      filename: 'radiator.png',
      authorization: 'Bearer fake-token-resident',
      body: { bytes: PNG.length },
    });
    const submits = requests('POST', '/appeals').filter((r) => r.path === '/api/v1/appeals');
    expect(submits).toHaveLength(2);
    expect(submits[0]!.idempotencyKey).toBeTruthy();
    expect(submits[1]!.idempotencyKey).toBe(submits[0]!.idempotencyKey);
    const created = [...api.appeals.values()].at(-1)!;
    expect(created.attachments.map((a) => a.filename)).toEqual(['radiator.png']);
    expect(submits[1]!.body).toEqual({
      category: 'heating',
      kind: 'complaint',
      subject: { buildingId: IDS.building, apartmentId: IDS.apartment },
      text: 'Radiatorlar sovuq, 3-podyezd, 2-qavat.',
      attachmentIds: [created.attachments[0]!.id],
    });

    const status = form.locator('[part~="status"]');
    expect(await status.getAttribute('role')).toBe('status');
    expect(await text(status)).toBe(
      'Your appeal is registered under No. 2026-000123. The answer is due by 01.12.2026 at the latest.',
    );
    await shot('form-submitted');
    const detail = await page.evaluate(() => (window as unknown as { submitted: unknown[] }).submitted);
    expect(detail).toEqual([{ appealId: created.id, registrationNumber: '2026-000123' }]);
    expect(pageErrors).toEqual([]);
  });

  it('speaks Uzbek and Russian', async () => {
    await open(
      `<mu-appeal-form building-id="${IDS.building}" lang="ru"></mu-appeal-form>
      <mu-appeal-form building-id="${IDS.building}" lang="uz"></mu-appeal-form>`,
      'resident',
    );
    await eventually(() => text(page.locator('mu-appeal-form[lang="ru"] h2'))).toBe('Новое обращение');
    expect(await text(page.locator('mu-appeal-form[lang="uz"] h2'))).toBe('Yangi murojaat');
    expect(await text(page.locator('mu-appeal-form[lang="uz"] #category option[value="water"]'))).toBe(
      'Suv va kanalizatsiya',
    );
  });
});

describe('<mu-appeal-form> file picker', () => {
  it("speaks the page's language in an English browser, by keyboard too, and uploads what it chose", async () => {
    await open(
      `<mu-appeal-form building-id="${IDS.building}" lang="ru"></mu-appeal-form>
      <mu-appeal-form building-id="${IDS.building}" lang="uz"></mu-appeal-form>`,
      'resident',
    );
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    const ru = page.locator('mu-appeal-form[lang="ru"]');
    const uz = page.locator('mu-appeal-form[lang="uz"]');
    await eventually(() => text(ru.locator('.fp'))).toBe('Выбрать файл Файл не выбран');
    await eventually(() => text(uz.locator('.fp'))).toBe('Fayl tanlang Fayl tanlanmagan');
    expect(await nativeFileInputs(page)).toEqual([]);
    // The same look-up finds a native one (the one-language walk fails on those).
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<input type="file" id="native">'),
    );
    expect(await nativeFileInputs(page)).toEqual(['body input#native']);
    await page.evaluate(() => document.getElementById('native')?.remove());

    // Tab from the text reaches the hidden input; its button shows the focus ring; Space opens it.
    const choosers = await fileChoosers(page);
    await ru.locator('#text').fill('Протекает крыша над 5-м подъездом.');
    await page.keyboard.press('Tab');
    expect(await ru.evaluate((el) => el.shadowRoot?.activeElement?.id)).toBe('files');
    const button = ru.locator('.fp label');
    expect(await button.evaluate((l) => getComputedStyle(l).outlineStyle)).toBe('solid');
    await shot('file-picker-focused');
    const [chooser] = await Promise.all([choosers.next(), page.keyboard.press('Space')]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles({ name: 'krysha.png', mimeType: 'image/png', buffer: PNG });
    await eventually(() => ru.locator('[part~="file-list"] li').getAttribute('data-name')).toBe('krysha.png');
    expect(await text(ru.locator('.fp'))).toBe('Выбрать файл');

    // A click on the button opens the same chooser; five files fill the form and grey it out.
    const [more] = await Promise.all([choosers.next(), button.click()]);
    await more.setFiles([1, 2, 3, 4].map((n) => ({ name: `${n}.png`, mimeType: 'image/png', buffer: PNG })));
    await eventually(() => ru.locator('[part~="file-list"] li').count()).toBe(5);
    expect(await ru.locator('#files').isDisabled()).toBe(true);
    expect(await button.evaluate((l) => getComputedStyle(l).cursor)).toBe('not-allowed');
    await shot('file-picker-full');
    for (const n of [1, 2, 3, 4])
      await ru.locator(`[part~="file-list"] li[data-name="${n}.png"] button`).click();

    await ru.locator('#category').selectOption('maintenance');
    await ru.locator('[part~="submit-button"]').click();
    await eventually(() => text(ru.locator('[part~="registration-number"]'))).toMatch(/\S/);
    const uploads = requests('POST', '/appeal-attachments');
    expect(uploads.map((u) => u.filename)).toEqual(['krysha.png']);
    expect(uploads[0]!.body).toEqual({ bytes: PNG.length });
    expect(pageErrors).toEqual([]);
  });
});

describe('<mu-my-appeals>', () => {
  it('shows the status history and accepts the answer with a rating', async () => {
    await open('<mu-my-appeals></mu-my-appeals>', 'resident');
    const list = page.locator('mu-my-appeals');
    const item = list.locator(`[part~="appeal"][data-appeal-id="${IDS.answered}"]`);
    await eventually(() => item.count()).toBe(1);
    expect(requests('GET', '/appeals?')[0]!.path).toBe('/api/v1/appeals?mine=1&page=1&pageSize=20');
    expect(await text(item.locator('[part~="status-badge"]'))).toBe('Answered');

    const button = item.locator('[part~="details-button"]');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const details = item.locator('mu-appeal-details');
    await eventually(() => details.locator('[part~="timeline"] li').count()).toBe(3);
    expect(
      await details
        .locator('[part~="timeline"] li')
        .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.action)),
    ).toEqual(['submit', 'accept', 'answer']);
    expect(await text(details.locator('[part~="timeline"] li').nth(1))).toContain(
      'Accepted for consideration',
    );
    expect(await text(details.locator('[part~="answer"]'))).toContain('Lift taʼmirlandi');

    await shot('my-appeals-details');
    // Accepting without a rating is refused in the page.
    await details.locator('[part~="accept-button"]').click();
    await eventually(() => text(details.locator('#rating-error'))).toBe('Choose a rating from 1 to 5.');
    expect(requests('POST', `/appeals/${IDS.answered}/acceptance`)).toHaveLength(0);

    await details.getByLabel('4 of 5').check();
    await details.locator('[part~="accept-button"]').click();
    await eventually(() => text(details.locator('[part~="action-status"]'))).toBe(
      'Thank you: the answer is accepted.',
    );
    const sent = requests('POST', `/appeals/${IDS.answered}/acceptance`);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({ rating: 4 });
    // The details show the new state, and the list reloads with the new status.
    await eventually(() => details.locator('[part~="timeline"] li').count()).toBe(4);
    expect(await details.locator('[part~="accept-form"]').count()).toBe(0);
    await eventually(() => text(item.locator('[part~="status-badge"]'))).toBe('Closed');
    expect(pageErrors).toEqual([]);
  });

  it('fetches the details when one is first opened, and offers a retry when they cannot be fetched', async () => {
    // The details' module (details-part.ts, with <mu-appeal-details>) is asked for twice, as every
    // chunk is (core/retry-import.ts); both are cut here, the next one goes through.
    let cut = 0;
    await page.route(
      (url) => /\/details-part-[\w-]+\.js$/.test(url.pathname),
      (route) => {
        if (cut >= 2) return route.fallback();
        cut++;
        return route.abort('failed');
      },
    );
    await open('<mu-my-appeals></mu-my-appeals>', 'resident');
    const item = page.locator(`mu-my-appeals [part~="appeal"][data-appeal-id="${IDS.answered}"]`);
    await eventually(() => item.count()).toBe(1);
    expect(cut).toBe(0);
    await item.locator('[part~="details-button"]').click();
    const panel = item.locator('[part~="details-panel"]');
    await eventually(() => text(panel.locator('[part~="error"] p'))).toBe(
      'Could not reach the service. Check your connection.',
    );
    expect(cut).toBe(2);
    expect(await panel.locator('mu-appeal-details').count()).toBe(0);
    await panel.locator('[part~="retry-button"]').click();
    await eventually(() => panel.locator('mu-appeal-details [part~="timeline"] li').count()).toBe(3);
    expect(await panel.locator('[part~="error"]').count()).toBe(0);
  });
});

describe('<mu-appeals-board>', () => {
  it('filters through the query string, flags overdue rows, shows the figures and exports CSV', async () => {
    await open(`<mu-appeals-board district-id="${IDS.district}"></mu-appeals-board>`, 'council');
    const board = page.locator('mu-appeals-board');
    const rows = board.locator('[part~="table"] tbody tr');
    await eventually(() => rows.count()).toBe(3);
    const last = () => requests('GET', '/appeals?').at(-1)!.path;
    expect(last()).toBe(`/api/v1/appeals?districtId=${IDS.district}&page=1&pageSize=20`);

    const overdue = board.locator(`tr[data-appeal-id="${IDS.overdue}"]`);
    expect(await overdue.getAttribute('data-overdue')).toBe('true');
    expect(await overdue.getAttribute('class')).toContain('overdue');
    expect(await text(overdue.locator('td').last())).toMatch(/ Overdue by 2 days$/);
    const onTime = board.locator(`tr[data-appeal-id="${IDS.onTime}"]`);
    expect(await onTime.getAttribute('data-overdue')).toBe('false');
    expect(await text(onTime.locator('td').last())).toMatch(/3 days left$/);

    // Figures: the table carries the numbers, the chart shows the same shares.
    await eventually(() => board.locator('[part~="figures-table"] tbody tr').count()).toBe(2);
    expect(await text(board.locator('[part~="figures-table"] tbody tr').first())).toBe(
      '“Obod Yunusobod” MChJ 12 10 8 80 % 96.5 h',
    );
    expect(await text(board.locator('[part~="figures-table"] tbody tr').last())).toBe(
      '“Toza Hovli” MChJ 4 0 0 — —',
    );
    expect(await text(board.locator('[part~="chart"] li').first())).toBe('“Obod Yunusobod” MChJ 80 %');
    expect(await text(board.locator('[part~="overdue-total"]'))).toBe('Overdue now: 1');

    await shot('board');
    await board.getByLabel('Status', { exact: true }).selectOption('in_progress');
    await eventually(last).toBe(
      `/api/v1/appeals?districtId=${IDS.district}&status=in_progress&page=1&pageSize=20`,
    );
    await eventually(() => rows.count()).toBe(1);
    await board.getByLabel('Status', { exact: true }).selectOption('');
    await board.getByLabel('Organization', { exact: true }).selectOption(IDS.orgToza);
    await board.getByLabel('Overdue only').check();
    await eventually(last).toBe(
      `/api/v1/appeals?districtId=${IDS.district}&organizationId=${IDS.orgToza}&overdue=true&page=1&pageSize=20`,
    );
    await eventually(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-appeal-id')).toBe(IDS.overdue);

    const download = page.waitForEvent('download');
    await board.locator('[part~="export-button"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(
      new RegExp(`^appeals-${IDS.district}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv.split('\r\n')).toEqual([
      'registrationNumber,category,status,dueLastDay,overdue',
      expect.stringMatching(/^2026-000102,water,in_progress,\d{4}-\d{2}-\d{2},true$/),
    ]);
    const exported = requests('GET', '/appeals/export.csv');
    expect(exported).toHaveLength(1);
    expect(exported[0]!.path).toBe(
      `/api/v1/appeals/export.csv?districtId=${IDS.district}&organizationId=${IDS.orgToza}&overdue=true`,
    );
    expect(exported[0]!.authorization).toBe('Bearer fake-token-council');
    expect(pageErrors).toEqual([]);
  });
});

describe('<mu-appeals-board> on a 360 px screen', () => {
  it('lays an unfolded appeal out to the visible width, however far the table is scrolled', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await open(`<mu-appeals-board district-id="${IDS.district}"></mu-appeals-board>`, 'council', 'uz');
    const board = page.locator('mu-appeals-board');
    const row = board.locator(`tr[data-appeal-id="${IDS.onTime}"]`);
    await eventually(() => row.count()).toBe(1);
    await row.locator('[part~="details-button"]').click();
    const panel = board.locator('[part~="details-panel"]');
    await eventually(() => panel.locator('mu-appeal-details [part~="details"]').count()).toBe(1);
    const scroller = board.locator('[part~="table-scroll"]').first();
    for (const scrollLeft of [0, 10_000]) {
      await scroller.evaluate((box, left) => {
        box.scrollLeft = left;
      }, scrollLeft);
      const [box, shown] = await Promise.all([scroller.boundingBox(), panel.boundingBox()]);
      // The table is wider than the screen; the appeal's text is not, and stays in its box.
      expect(shown!.x).toBeGreaterThanOrEqual(box!.x);
      expect(shown!.x + shown!.width).toBeLessThanOrEqual(box!.x + box!.width);
    }
    expect(await scroller.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

describe("an appeal's dates", () => {
  it('are one story in the list, the details and the board, in the reader language', async () => {
    // The API's own `dates` (Tashkent days): the widgets show these, never a day of their own.
    const ask = async (id: string) => {
      const answer = await fetch(`${api.url}/api/v1/appeals/${id}`, {
        headers: { authorization: 'Bearer fake-token-council' },
      });
      return ((await answer.json()) as { dates: AppealDates }).dates;
    };
    const later = await ask(IDS.onTime);
    const answered = await ask(IDS.answered);
    expect(later.registeredLater).toBe(true);
    expect(answered.answeredOn).not.toBeNull();
    const day = (iso: string) => iso.split('-').reverse().join('.');

    await open('<mu-my-appeals></mu-my-appeals>', 'resident', 'ru');
    const list = page.locator('mu-my-appeals');
    const item = list.locator(`[part~="appeal"][data-appeal-id="${IDS.onTime}"]`);
    await eventually(() => item.count()).toBe(1);
    expect(await text(item.locator('[data-date="received"]'))).toBe(`получено ${day(later.receivedOn)}`);
    expect(await text(item.locator('[data-date="registered"]'))).toBe(
      `зарегистрировано в следующий рабочий день, ${day(later.registeredOn)}`,
    );
    expect(await item.locator('[part~="countdown"]').getAttribute('title')).toBe(day(later.dueLastDay));
    const done = list.locator(`[part~="appeal"][data-appeal-id="${IDS.answered}"]`);
    expect(await text(done.locator('[data-date="answered"]'))).toBe(`ответ ${day(answered.answeredOn!)}`);
    expect(await done.locator('[data-date="registered"]').count()).toBe(0);

    await item.locator('[part~="details-button"]').click();
    const facts = item.locator('mu-appeal-details [part~="details"]');
    await eventually(() => facts.locator('[data-date]').count()).toBe(3);
    expect(await text(facts.locator('[data-date="received"]'))).toBe(`Получено ${day(later.receivedOn)}`);
    expect(await text(facts.locator('[data-date="registered"]'))).toBe(
      `Зарегистрировано ${day(later.registeredOn)}, следующий рабочий день`,
    );
    expect(await text(facts.locator('[data-date="due"] dd'))).toMatch(
      new RegExp(`^${day(later.dueLastDay)} `),
    );
    // Its history dates the receipt, not the registration the day after: no "registered" on the 7th
    // beside "registered on the 9th".
    const submitted = item.locator('mu-appeal-details [part~="timeline"] li[data-action="submit"]');
    expect(await text(submitted)).toContain('— Получено');
    expect(await text(submitted)).not.toMatch(/зарегистр/i);
    await done.locator('[part~="details-button"]').click();
    const doneFacts = done.locator('mu-appeal-details [part~="details"]');
    await eventually(() => text(doneFacts.locator('[data-date="answered"]'))).toBe(
      `Ответ дан ${day(answered.answeredOn!)}`,
    );

    await open(`<mu-appeals-board district-id="${IDS.district}"></mu-appeals-board>`, 'council', 'uz');
    const board = page.locator('mu-appeals-board');
    const row = board.locator(`tr[data-appeal-id="${IDS.onTime}"]`);
    await eventually(() => row.count()).toBe(1);
    expect(await text(row.locator('[data-date="received"]'))).toBe(
      `${day(later.receivedOn)} da qabul qilingan`,
    );
    expect(await text(row.locator('[data-date="registered"]'))).toBe(
      `keyingi ish kuni, ${day(later.registeredOn)} da roʻyxatga olingan`,
    );
    expect(await text(row.locator('[data-date="due"]'))).toBe(day(later.dueLastDay));
    const answeredRow = board.locator(`tr[data-appeal-id="${IDS.answered}"]`);
    expect(await text(answeredRow.locator('[data-date="answered"]'))).toBe(
      `${day(answered.answeredOn!)} da javob berilgan`,
    );
    expect(pageErrors).toEqual([]);
  });
});
