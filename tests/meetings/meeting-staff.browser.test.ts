// The staff elements in headless Chromium, built as shipped, against a fake API that refuses as the
// real one does: <mu-meeting-call>, <mu-meeting-actions> with <mu-meeting-postpone> and
// <mu-meeting-cancel>, and <mu-meeting-sign-off>. What they send, the refusals they show in the
// reader's language, the keyboard, and a 360 px screen. meeting-real.browser.test.ts runs the same
// screens in the demo portal against the real API and workflow.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingView } from '../../domain/meetings/types.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { confirm, goBack } from '../support/confirm.ts';
import { buildBundle } from '../support/widget-bundle.ts';
import { IDS, USERS } from './fake-meetings-api.ts';
import {
  BUILDINGS,
  FAR_BUILDING,
  type FakeStaffApi,
  ORGANIZATIONS,
  PROTOCOL_SHA256,
  startFakeStaffApi,
} from './fake-staff-api.ts';
import { eventually, focused, hostPage, text } from './widget-harness.ts';

let files: Map<string, string>;
let api: FakeStaffApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let pageCount = 0;

const DAY = 86_400_000;
const SHOTS = process.env.MU_SCREENSHOTS ?? '';
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/staff-${name}.png`, fullPage: true });
};
/** An instant as Tashkent wall-clock time, the way a datetime-local input holds it. */
const tashkent = (ms: number) => new Date(ms + 5 * 3_600_000).toISOString().slice(0, 19);

beforeAll(async () => {
  files = await buildBundle();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  api = await startFakeStaffApi(files);
});

afterEach(async () => {
  await context?.close();
  await api.close();
});

/** A page as a portal writes it, in a browser whose own zone is not Tashkent's. */
async function open(
  body: string,
  persona: keyof typeof USERS,
  opts: { lang?: string; width?: number } = {},
): Promise<void> {
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, {
    viewport: { width: opts.width ?? 1000, height: 900 },
    timezoneId: 'America/New_York',
    // Refusals are answered with 4xx/5xx on purpose here; the browser logs each one.
    expected: /status of [45]\d\d/,
  }));
  const path = `/t/${++pageCount}`;
  api.pages.set(path, hostPage(body, { token: `fake-token-${persona}`, lang: opts.lang ?? 'en' }));
  await page.goto(api.url + path);
  await page.evaluate(() => {
    const w = window as unknown as { events: { type: string; detail: unknown }[] };
    w.events = [];
    for (const type of ['mu-meeting-called', 'mu-meeting-changed'])
      document.addEventListener(type, (e) => w.events.push({ type, detail: (e as CustomEvent).detail }));
  });
}

const events = () =>
  page.evaluate(() => (window as unknown as { events: { type: string; detail: unknown }[] }).events);
const posts = (suffix: string) => api.requests.filter((r) => r.method === 'POST' && r.path.endsWith(suffix));
const call = () => page.locator('mu-meeting-call');

describe('<mu-meeting-call>', () => {
  it('calls a meeting in Tashkent time with an agenda that puts a registered organization to the vote', async () => {
    await open(`<mu-meeting-call building-id="${FAR_BUILDING.id}"></mu-meeting-call>`, 'manager');
    const form = call().locator('[part~="form"]');
    await eventually(() => form.count()).toBe(1);
    expect(await text(call().locator('.hint').first())).toBe('Called by: the management organization');
    // The page's building is chosen first, even though it is not on the first page of the list.
    expect(await form.getByLabel('Building').inputValue()).toBe(FAR_BUILDING.id);
    expect(await form.getByLabel('Building').locator('option').allInnerTexts()).toEqual([
      '— choose —',
      ...[FAR_BUILDING, ...BUILDINGS].map((b) => b.address),
    ]);
    await form.getByLabel('Building').selectOption(IDS.building);
    await form.getByLabel('Meeting title').fill('Courtyard meeting');
    await form.getByLabel('Kind').selectOption('extraordinary');
    const opens = Math.floor((Date.now() + 20 * DAY) / 1000) * 1000;
    await form.getByLabel('Voting opens (Tashkent time)').fill(tashkent(opens));
    await form.getByLabel('Voting closes (Tashkent time)').fill(tashkent(opens + 14 * DAY));
    const items = form.locator('[part~="item"]');
    await items.nth(0).getByLabel('Question', { exact: true }).fill('Light the courtyard');
    await items.nth(0).getByLabel('Explanation').fill('Twelve LED lamps.');

    // "Add an item" from the keyboard: the focus lands in the new item's question.
    await form.locator('[part~="add-item"]').focus();
    await page.keyboard.press('Enter');
    await eventually(async () => (await focused(page)).id).toMatch(/^item-\d+-title$/);
    await page.keyboard.type('Entrust the building to a new manager');
    expect(await text(items.nth(1).locator('legend'))).toBe('Item 2');
    await items.nth(1).getByLabel('Type of question').selectOption('management_organization');
    const organization = items.nth(1).getByLabel('Management organization (from the register)');
    // No organization is put to the vote by default: the caller picks one.
    expect(await organization.locator('option').allInnerTexts()).toEqual([
      '— choose —',
      ...ORGANIZATIONS.map((o) => o.name),
    ]);
    expect(await organization.inputValue()).toBe('');
    await organization.selectOption(ORGANIZATIONS[1]!.id);
    await shot('call-filled');
    await form.getByRole('button', { name: 'Call the meeting' }).click();

    const notice = call().locator('[part~="notice"]');
    await eventually(() => text(notice)).toBe('Meeting called: notices are on their way.');
    expect((await focused(page)).text).toBe('Meeting called: notices are on their way.');
    const [request] = posts('/meetings');
    expect(request!.body).toEqual({
      title: 'Courtyard meeting',
      kind: 'extraordinary',
      form: 'electronic',
      buildingIds: [IDS.building],
      initiator: 'management_organization',
      votingOpensAt: `${tashkent(opens)}+05:00`,
      votingClosesAt: `${tashkent(opens + 14 * DAY)}+05:00`,
      agenda: [
        { title: 'Light the courtyard', description: 'Twelve LED lamps.', kind: 'ordinary' },
        {
          title: 'Entrust the building to a new manager',
          description: '',
          kind: 'management_organization',
          organizationId: ORGANIZATIONS[1]!.id,
        },
      ],
    });
    expect(Date.parse((request!.body as { votingOpensAt: string }).votingOpensAt)).toBe(opens);
    expect(request!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const [called] = api.called.values();
    expect(await events()).toEqual([{ type: 'mu-meeting-called', detail: { meeting: called } }]);
    expect(await notice.getAttribute('data-meeting-id')).toBe(called!.id);
    // A fresh form for the next meeting.
    expect(await form.getByLabel('Meeting title').inputValue()).toBe('');
    expect(await items.count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('marks what is missing, shows the API’s refusal by field in Russian, and retries with the same key', async () => {
    await open('<mu-meeting-call></mu-meeting-call>', 'council', { lang: 'ru' });
    const form = call().locator('[part~="form"]');
    await eventually(() => form.count()).toBe(1);
    expect(await text(call().locator('.hint').first())).toBe('Инициатор: районный кенгаш');
    // Several buildings and none named by the page: none is chosen for the caller.
    expect(await form.getByLabel('Дом').inputValue()).toBe('');
    await form.getByRole('button', { name: 'Созвать собрание' }).click();
    const alert = call().locator('[part~="error"]');
    await eventually(() => text(alert.locator('p').first())).toBe('Проверьте поля:');
    expect(await alert.locator('li').allInnerTexts()).toEqual([
      'Название собрания: заполните это поле',
      'Дом: выберите значение',
      'Вопрос 1: Формулировка: заполните это поле',
    ]);
    expect(await focused(page)).toMatchObject({ id: 'title' });
    expect(await form.getByLabel('Название собрания').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('[part~="item"] input').first().getAttribute('aria-invalid')).toBe('true');
    expect(posts('/meetings')).toEqual([]);

    // Each fix clears what was said about that field at once.
    await form.getByLabel('Название собрания').fill('Внеочередное собрание');
    expect(await alert.locator('li').allInnerTexts()).toEqual([
      'Дом: выберите значение',
      'Вопрос 1: Формулировка: заполните это поле',
    ]);
    expect(await form.getByLabel('Название собрания').getAttribute('aria-invalid')).toBe('false');
    await form.getByLabel('Дом').selectOption(IDS.building);
    await form.getByLabel('Формулировка', { exact: true }).fill('Ремонт крыши');
    await form.getByLabel('Начало голосования (время Ташкента)').fill(tashkent(Date.now() + 2 * DAY));
    await form.getByRole('button', { name: 'Созвать собрание' }).click();
    await eventually(() => text(alert.locator('p').first())).toBe('Не сохранено: исправьте отмеченные поля.');
    // The service's note has no code: the field is named, and said wrong in Russian, never in English.
    expect(await alert.locator('li').allInnerTexts()).toEqual([
      'Начало голосования (время Ташкента): это значение не принимается',
    ]);
    expect(await form.getByLabel('Начало голосования (время Ташкента)').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await form.getByLabel('Название собрания').getAttribute('aria-invalid')).toBe('false');
    await shot('call-refused-ru');
    await eventually(async () => (await focused(page)).text).toContain('Не сохранено');

    // The service is down for the next attempt; the retry is the same request, under the same key.
    const opens = Date.now() + 12 * DAY;
    await form.getByLabel('Начало голосования (время Ташкента)').fill(tashkent(opens));
    await form.getByLabel('Окончание голосования (время Ташкента)').fill(tashkent(opens + 10 * DAY));
    api.refuseNext(503, 'the meeting workflow could not be started');
    await form.getByRole('button', { name: 'Созвать собрание' }).click();
    await eventually(() => text(alert.locator('p').first())).toBe(
      'Не сохранено: сервис не смог выполнить действие сейчас. Повторите попытку.',
    );
    expect(await text(alert.locator('p').nth(1))).toBe(
      'Сервис указал причину, которую эта страница пока не может сказать на вашем языке. Обновите страницу и повторите попытку.',
    );
    await form.getByRole('button', { name: 'Созвать собрание' }).click();
    await eventually(() => text(call().locator('[part~="notice"]'))).toBe(
      'Собрание созвано: уведомления рассылаются.',
    );
    const [invalid, failed, retried] = posts('/meetings');
    expect(failed!.idempotencyKey).toBe(retried!.idempotencyKey);
    expect(invalid!.idempotencyKey).not.toBe(failed!.idempotencyKey);
    expect((retried!.body as { initiator: string }).initiator).toBe('council');
    expect(api.called.size).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('tells a caller without an initiating role so, and speaks Uzbek by default', async () => {
    await open('<mu-meeting-call></mu-meeting-call>', 'inspector', { lang: 'uz' });
    await eventually(() => text(call().locator('.muted'))).toBe(
      'Sizning rolingiz umumiy yigʻilish chaqirmaydi.',
    );
    expect(await call().locator('[part~="form"]').count()).toBe(0);
    expect(await text(call().locator('[role="heading"]'))).toBe('Umumiy yigʻilish chaqirish');
  });
});

describe('<mu-meeting-actions>', () => {
  const actions = () => page.locator('mu-meeting-actions');

  it('lets the initiator postpone, then cancel, by keyboard, confirming each change', async () => {
    await open(`<mu-meeting-actions meeting-id="${IDS.meeting}"></mu-meeting-actions>`, 'manager');
    const postpone = actions().locator('mu-meeting-postpone [part~="form"]');
    await eventually(() => postpone.count()).toBe(1);
    expect(await text(actions().locator('[role="heading"][aria-level="2"]'))).toBe('Manage the meeting');
    expect(await actions().locator('[role="heading"][aria-level="3"]').allInnerTexts()).toEqual([
      'Postpone the vote',
      'Cancel the meeting',
    ]);
    // A week later by default, as long as before, in Tashkent time: 10 January 09:00 → 17 January.
    expect(await postpone.getByLabel('Voting opens (Tashkent time)').inputValue()).toMatch(
      /^2027-01-17T09:00/,
    );

    await postpone.getByLabel('Reason').focus();
    await page.keyboard.press('Enter');
    const alert = postpone.locator('[part~="error"]');
    await eventually(() => text(alert)).toBe(
      'Not saved: correct what is marked. Reason: this value is not accepted',
    );
    expect(await postpone.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
    await shot('postpone-refused');
    await postpone.getByLabel('Reason').focus();
    await page.keyboard.type('The estimate is being revised');
    await page.keyboard.press('Enter');
    const notice = actions().locator('[part~="notice"]');
    await eventually(() => text(notice)).toBe('New dates saved.');
    expect((await focused(page)).text).toBe('New dates saved.');
    expect(posts('/postpone').at(-1)!.body).toEqual({
      votingOpensAt: '2027-01-17T09:00:00+05:00',
      votingClosesAt: '2027-01-27T18:00:00+05:00',
      reason: 'The estimate is being revised',
    });
    expect(api.meeting.votingOpensAt).toBe('2027-01-17T09:00:00+05:00');

    const cancel = actions().locator('mu-meeting-cancel [part~="form"]');
    await cancel.getByLabel('Reason').focus();
    await page.keyboard.type('The work will be done under the warranty');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Cancel the meeting' });
    await page.keyboard.press('Enter');
    // It asks first, focus on going back: going back cancels nothing, and focus returns.
    await goBack(page);
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Cancel the meeting' });
    expect(posts('/cancel')).toEqual([]);
    await page.keyboard.press('Enter');
    expect((await confirm(page)).body).toContain('The work will be done under the warranty');
    await eventually(() => text(notice)).toBe('The meeting was cancelled.');
    expect(api.meeting).toMatchObject({
      phase: 'cancelled',
      cancelledReason: 'The work will be done under the warranty',
    });
    // Nothing is left to change; the confirmation stays.
    expect(await cancel.count()).toBe(0);
    expect(await postpone.count()).toBe(0);
    expect(await actions().isVisible()).toBe(true);
    const changes = (await events()).map((e) => [e.type, (e.detail as { action: string }).action]);
    expect(changes).toEqual([
      ['mu-meeting-changed', 'postponed'],
      ['mu-meeting-changed', 'cancelled'],
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('offers staff who are not the initiator nothing to change, and hides itself for residents', async () => {
    await open(`<mu-meeting-actions meeting-id="${IDS.meeting}"></mu-meeting-actions>`, 'council');
    await eventually(() => text(actions().locator('[part~="nothing-due"]'))).toBe(
      'No change or signature is due for this meeting now.',
    );
    expect(await actions().locator('[part~="form"]').count()).toBe(0);
    await context.close();

    // The same page for a resident, once the meeting and the caller have arrived and been drawn.
    await open(`<mu-meeting-actions meeting-id="${IDS.meeting}"></mu-meeting-actions>`, 'resident');
    await page.waitForFunction(
      (paths) => {
        const loaded = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
        return paths.every((p) => loaded.includes(p));
      },
      ['/api/v1/me', `/api/v1/meetings/${IDS.meeting}`],
    );
    await page.evaluate(async () => {
      const host = document.querySelector('mu-meeting-actions') as HTMLElement & {
        updateComplete: Promise<boolean>;
      };
      // The answers are parsed after they arrive: one more task, then the render it caused.
      await new Promise((resolve) => setTimeout(resolve));
      await host.updateComplete;
    });
    expect(await actions().getAttribute('empty')).toBe('');
    expect(await actions().isHidden()).toBe(true);
    expect(await actions().locator('[part~="actions"]').count()).toBe(0);
  });

  it('refuses, in the reader’s language, a change the meeting no longer allows, never in the service’s English', async () => {
    await open(`<mu-meeting-cancel meeting-id="${IDS.meeting}" lang="ru"></mu-meeting-cancel>`, 'manager');
    const form = page.locator('mu-meeting-cancel [part~="form"]');
    await eventually(() => form.count()).toBe(1);
    api.refuseNext(409, 'a meeting in phase voting can no longer be changed: voting has opened');
    await form.getByLabel('Причина').fill('Ошибка в повестке');
    await form.getByRole('button', { name: 'Отменить собрание' }).click();
    expect((await confirm(page)).title).toBe('Отменить собрание?');
    const alert = form.locator('[part~="error"]');
    await eventually(() => text(alert)).toBe(
      'Не сохранено: в текущем состоянии это уже невозможно. Сервис указал причину, которую эта страница пока не может сказать на вашем языке. Обновите страницу и повторите попытку.',
    );
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.locator('[lang="en"]').count()).toBe(0);
    expect(api.meeting.phase).toBe('discussion');
  });

  it.each([
    ['uz', 'Sabab', 'Yigʻilishni bekor qilish', 'Yigʻilish buni endi qilib boʻlmaydigan bosqichda.'],
    ['ru', 'Причина', 'Отменить собрание', 'Собрание на этапе, когда это уже невозможно.'],
  ])(
    'says a rule refusal it knows by its code in the reader’s own words (%s)',
    async (lang, reason, button, words) => {
      await open(
        `<mu-meeting-cancel meeting-id="${IDS.meeting}" lang="${lang}"></mu-meeting-cancel>`,
        'manager',
      );
      const form = page.locator('mu-meeting-cancel [part~="form"]');
      await eventually(() => form.count()).toBe(1);
      // As the API refuses (api/rule-problem.ts): English detail and fields, and the rule's code.
      api.refuseNext(
        409,
        'a meeting in phase voting can no longer be changed: voting has opened',
        [{ field: 'body', message: 'a meeting in phase voting can no longer be changed: voting has opened' }],
        'meetings.wrong_phase',
      );
      await form.getByLabel(reason, { exact: true }).fill('—');
      await form.getByRole('button', { name: button }).click();
      await confirm(page);
      const alert = form.locator('[part~="error"]');
      await eventually(() => text(alert.locator('[part~="rule"]'))).toBe(words);
      expect(await alert.locator('[part~="rule"]').getAttribute('data-code')).toBe('meetings.wrong_phase');
      // No English left: neither the detail nor the field note that repeats it.
      expect(await alert.locator('[lang="en"]').count()).toBe(0);
      expect(await text(alert)).not.toContain('voting has opened');
    },
  );
});

describe('<mu-meeting-sign-off>', () => {
  const decided = (): MeetingView => ({
    ...api.meeting,
    phase: 'decided',
    secretaryUserId: USERS.council.userId,
    protocol: {
      sha256: PROTOCOL_SHA256,
      ballotSetSha256: 'b'.repeat(64),
      signedByChair: false,
      signedBySecretary: false,
    },
  });
  const signOff = () => page.locator('mu-meeting-sign-off');

  it('signs as chair, offering each signer only their own role', async () => {
    api.meeting = decided();
    await open(`<mu-meeting-sign-off meeting-id="${IDS.meeting}"></mu-meeting-sign-off>`, 'manager');
    const buttons = signOff().locator('[part~="sign-button"]');
    await eventually(() => buttons.allInnerTexts()).toEqual(['Sign as chair']);
    // Disabled until the protocol itself is shown here, with its hash.
    expect(await buttons.first().isDisabled()).toBe(true);
    await signOff().getByRole('button', { name: 'Read the protocol' }).click();
    await eventually(() =>
      signOff().locator('mu-document-panel [part~="hash"] code').getAttribute('data-sha256'),
    ).toBe(PROTOCOL_SHA256);
    expect(await signOff().locator('mu-document-panel iframe').count()).toBe(1);
    // Its text above the PDF: 60 m² of 100 m² for each item, accepted.
    const said = signOff().locator('[part~="protocol-text"]');
    expect(await text(said.locator('[data-answer="for"]').first())).toBe(
      'For: 60 m² — 100% of votes cast, 60% of all votes',
    );
    expect(await text(said.locator('[data-fact="pdfSha256"] code'))).toBe(PROTOCOL_SHA256);
    await eventually(() => buttons.first().isEnabled()).toBe(true);
    await buttons.first().click();
    await goBack(page);
    expect(posts('/protocol/sign')).toEqual([]);
    await buttons.first().click();
    expect((await confirm(page)).body).toContain(PROTOCOL_SHA256);
    await eventually(() => text(signOff().locator('[part~="notice"]'))).toBe('Signed.');
    expect(await text(buttons.first())).toBe('Signed as chair');
    expect(await buttons.first().isDisabled()).toBe(true);
    expect(posts('/protocol/sign').map((r) => r.body)).toEqual([{ role: 'chair' }]);
    const [change] = await events();
    expect(change).toMatchObject({
      type: 'mu-meeting-changed',
      detail: { action: 'signed', meeting: { protocol: { signedByChair: true, signedBySecretary: false } } },
    });
    expect(pageErrors).toEqual([]);
  });

  it('shows a refusal in Uzbek and signs as secretary on the next try', async () => {
    api.meeting = decided();
    await open(`<mu-meeting-sign-off meeting-id="${IDS.meeting}"></mu-meeting-sign-off>`, 'council', {
      lang: 'uz',
    });
    const button = signOff().locator('[part~="sign-button"]');
    await eventually(() => text(button)).toBe('Kotib sifatida imzolash');
    await signOff().getByRole('button', { name: 'Bayonnomani oʻqish' }).click();
    await eventually(() => button.isEnabled()).toBe(true);
    api.refuseNext(409, 'the protocol has not been generated yet');
    await button.click();
    await confirm(page);
    const alert = signOff().locator('[part~="error"]');
    await eventually(() => text(alert)).toBe(
      'Saqlanmadi: hozirgi holatda buni qilib boʻlmaydi. Xizmat sabab koʻrsatdi, lekin bu sahifa uni hali sizning tilingizda ayta olmaydi. Sahifani yangilab, qayta urinib koʻring.',
    );
    expect(await button.isDisabled()).toBe(false);
    await button.click();
    await confirm(page);
    await eventually(() => text(button)).toBe('Kotib sifatida imzolangan');
    expect(await alert.count()).toBe(0);
    expect(api.meeting.protocol).toMatchObject({ signedByChair: false, signedBySecretary: true });
  });
});

describe('on a 360 px screen', () => {
  it('fits the call form and the meeting actions without scrolling sideways', async () => {
    await open(
      `<mu-meeting-call></mu-meeting-call><mu-meeting-actions meeting-id="${IDS.meeting}"></mu-meeting-actions>`,
      'manager',
      { width: 360 },
    );
    await eventually(() => page.locator('mu-meeting-cancel [part~="form"]').count()).toBe(1);
    await call().locator('[part~="add-item"]').click();
    await call()
      .locator('[part~="item"]')
      .nth(1)
      .getByLabel('Type of question')
      .selectOption('management_organization');
    // Every box inside the elements, nested ones included, ends within the screen.
    const widths = await page.evaluate(() => {
      const boxes = (root: ParentNode): Element[] =>
        [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? boxes(el.shadowRoot) : [])]);
      const rights = boxes(document.body).map((el) => el.getBoundingClientRect().right);
      return { page: document.documentElement.scrollWidth, right: Math.max(...rights), boxes: rights.length };
    });
    await shot('narrow');
    expect(widths.boxes).toBeGreaterThan(50);
    expect(widths.page).toBeLessThanOrEqual(360);
    expect(widths.right).toBeLessThanOrEqual(360);
  });

  it('fits the confirmation inside the screen, with its buttons reachable', async () => {
    await open(`<mu-meeting-cancel meeting-id="${IDS.meeting}"></mu-meeting-cancel>`, 'manager', {
      width: 360,
    });
    const form = page.locator('mu-meeting-cancel [part~="form"]');
    await eventually(() => form.count()).toBe(1);
    await form
      .getByLabel('Reason')
      .fill('A long reason that the dialog repeats word for word to the initiator');
    await form.getByRole('button', { name: 'Cancel the meeting' }).click();
    const dialog = page.locator('body > mu-confirm dialog[open]');
    await dialog.waitFor({ state: 'visible' });
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    for (const part of ['confirm-button', 'cancel-button']) {
      const b = (await dialog.locator(`[part~="${part}"]`).boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(360);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Escape is going back: nothing is sent.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(posts('/cancel')).toEqual([]);
  });
});
