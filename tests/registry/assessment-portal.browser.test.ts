// The inspector's story in the demo portal on a 360 px screen, against the real API: choose a
// building of the district, record an element's wear and a critical defect in
// <mu-condition-assessment>, and see the class move with its reasons, in the card too. A database
// of its own, seeded like the demo, so the classes it changes are nobody else's fixture.
import { describe, expect, it } from 'vitest';
import { eventually, hostPage, text } from '../meetings/widget-harness.ts';
import { call, newKey, ok } from '../support/api-client.ts';
import { createTestApp } from '../support/app.ts';
import { textsOf } from '../support/browser.ts';
import { openPortalAs } from '../support/portal.ts';
import { portalSuite } from '../support/portal-suite.ts';
import { REQUIRED } from './condition-fixtures.ts';

const suite = portalSuite({
  database: 'assessment_portal',
  start: (databaseUrl) => createTestApp({ withTemporal: false, databaseUrl }),
  app: (app) => app,
});

const form = (sub = '') => suite.page.locator(`mu-condition-assessment ${sub}`.trim());
/**
 * How far anything inside the widget reaches past the widget's own right edge. The portal's page
 * around it is the phones point's business; the widget alone at 360 px is checked below.
 */
const overflow = () =>
  suite.page.evaluate(() => {
    const host = document.querySelector('mu-condition-assessment')!;
    const right = host.getBoundingClientRect().right;
    const inner = [...(host.shadowRoot?.querySelectorAll('*') ?? [])].map(
      (e) => e.getBoundingClientRect().right,
    );
    return Math.max(0, ...inner.map((r) => Math.ceil(r - right)));
  });

/** The first building of the inspector's list, every required element at `wear` through the API. */
async function buildingAt(wear: number): Promise<string> {
  const token = await suite.env.tokenFor('inspector');
  const list = await ok<{ items: { id: string }[] }>(
    await call(suite.env, 'GET', '/buildings?page=1&pageSize=10', { token }),
  );
  const id = list.items[0]!.id;
  for (const element of REQUIRED) {
    await ok(
      await call(suite.env, 'POST', `/buildings/${id}/assessments`, {
        token,
        key: newKey(),
        body: { element, wearPercent: wear, defects: [] },
      }),
      201,
    );
  }
  return id;
}

describe('an inspector assesses a building in the portal', () => {
  it('records wear and a critical defect and sees the class change with its reasons, at 360 px', async () => {
    const id = await buildingAt(10);
    await openPortalAs(suite.page, suite.url, 'inspector');
    await suite.page.locator(`[data-testid="building-item"][data-building-id="${id}"]`).click();
    await eventually(() => text(suite.page.locator('mu-building-card [part~="badge"]'))).toBe(
      'Green — good condition',
    );

    // Nothing is sent before the form is complete; an empty wear is not 0.
    await form().getByRole('button', { name: 'Record the assessment' }).click();
    await eventually(() => textsOf(form('.field-error'))).toEqual([
      'Required.',
      'Enter a whole number from 0 to 100.',
    ]);
    expect(await form('#element').getAttribute('aria-invalid')).toBe('true');

    await form().getByLabel('Element').selectOption({ label: 'Facade' });
    await form().getByLabel('Wear, %').fill('75');
    await form().getByRole('button', { name: '+ Add a defect' }).click();
    await form().getByLabel('Defect 1: Description').fill('Cracks in the bearing wall');
    await form()
      .getByRole('checkbox', { name: /^Critical/ })
      .check();
    expect(await form('.field-error').count()).toBe(0);
    await form().getByRole('button', { name: 'Record the assessment' }).click();

    const notice = form('[part~="notice"]');
    await eventually(() => text(notice)).toBe(
      'Facade: wear 75% recorded. The class changed: Green — good condition → Red — poor condition.',
    );
    expect(await notice.getAttribute('data-to')).toBe('red');
    // The reasons are the card's, once: the form under it adds no second condition section.
    const card = suite.page.locator('mu-building-card');
    await eventually(() => textsOf(card.locator('mu-building-condition [part~="reasons"] li'))).toEqual([
      '✕ Red Facade: critical defect in a load-bearing element (Cracks in the bearing wall).',
      '✕ Red Facade: wear 75% reaches the threshold of 70%.',
    ]);
    expect(await suite.page.locator('mu-building-condition').count()).toBe(1);
    // The card's badge and the list's class follow.
    await eventually(() => text(suite.page.locator('mu-building-card [part~="badge"]'))).toBe(
      'Red — poor condition',
    );
    await eventually(() =>
      text(suite.page.locator(`[data-testid="building-item"][data-building-id="${id}"] .item-meta`)),
    ).toMatch(/ · red$/);
    // The form is empty again for the next element.
    expect(await form('#wear').inputValue()).toBe('');
    expect(await form('[data-defect]').count()).toBe(0);

    // Recording the same element again without a change keeps the class, and says so.
    await form().getByLabel('Element').selectOption({ label: 'Heating' });
    await form().getByLabel('Wear, %').fill('20');
    await form().getByRole('button', { name: 'Record the assessment' }).click();
    await eventually(() => text(notice)).toBe(
      'Heating: wear 20% recorded. The class stays: Red — poor condition.',
    );
    expect(await overflow()).toBe(0);
    expect(suite.errors).toEqual([]);
  });

  it('is in Uzbek and Russian too, and is not offered to a resident', async () => {
    const id = await buildingAt(50);
    await suite.page.goto(`${suite.url}/?lang=uz&persona=inspector`);
    await suite.page.locator(`[data-testid="building-item"][data-building-id="${id}"]`).click();
    await eventually(() => text(form('h3'))).toBe('Texnik holatni baholashni kiritish');
    await form().getByLabel('Element').selectOption({ label: 'Tom' });
    await form().getByLabel('Eskirish, %').fill('30');
    await form().getByRole('button', { name: 'Baholashni kiritish' }).click();
    await eventually(() => text(form('[part~="notice"]'))).toBe(
      'Tom: eskirish 30% kiritildi. Sinf oʻzgarmadi: Sariq — taʼmir talab etiladi.',
    );
    expect(await overflow()).toBe(0);

    await suite.page.locator('#lang-switcher button[data-lang="ru"]').click();
    await eventually(() => text(form('h3'))).toBe('Внести оценку технического состояния');
    expect(await text(form('label[for="wear"]'))).toBe('Износ, %');
    expect(await overflow()).toBe(0);

    await suite.page.goto(`${suite.url}/?lang=en&persona=resident`);
    await eventually(() => suite.page.locator('mu-building-card').getAttribute('building-id')).toBeTruthy();
    expect(await form().isVisible()).toBe(false);
    expect(suite.errors).toEqual([]);
  });

  it('fits a 360 px screen on its own, with a defect open and a refusal shown', async () => {
    const id = await buildingAt(10);
    const token = await suite.env.tokenFor('inspector');
    const path = `/assess-${crypto.randomUUID()}.html`;
    const body = `<mu-condition-assessment building-id="${id}"></mu-condition-assessment>`;
    await suite.page.route(`${suite.url}${path}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: hostPage(body, { token, lang: 'ru' }) }),
    );
    await suite.page.goto(`${suite.url}${path}`);
    await form().getByLabel('Элемент').selectOption({ label: 'Кровля' });
    await form().getByLabel('Износ, %').fill('5');
    await form().getByRole('button', { name: '+ Добавить дефект' }).click();
    await form().getByRole('button', { name: '+ Добавить дефект' }).click();
    await form().getByLabel('Дефект 1: Описание').fill('Протечка над 9-м этажом');
    await form().getByRole('button', { name: 'Внести оценку' }).click();
    // The second defect is empty: named in Russian, and nothing is sent.
    await eventually(() => textsOf(form('.field-error'))).toEqual(['Опишите дефект.']);
    await form().getByRole('button', { name: 'Удалить дефект 2' }).click();
    await form().getByRole('button', { name: 'Внести оценку' }).click();
    await eventually(() => text(form('[part~="notice"]'))).toMatch(
      /^Кровля: износ 5% внесён\. Класс не изменился: /,
    );
    const sizes = await suite.page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: innerWidth,
    }));
    expect(sizes.page).toBeLessThanOrEqual(sizes.screen);
    expect(await overflow()).toBe(0);
    expect(suite.errors).toEqual([]);
  });
});
