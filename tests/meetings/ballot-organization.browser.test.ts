// A voter on a "choose the management organization" item opens whom they would choose, as the
// public register holds it (name, TIN, status, dispatch phone, history), in <mu-meeting> on a
// 360 px screen against the real API, in the three languages; then votes. The card's code comes
// when the voter opens it (widgets/meetings/organization-entry.ts), not with the ballot. (A meeting cannot be
// called on an organization outside the register, so only a registered one is put up here.)
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMeeting } from '../../db/meetings/repository.ts';
import { ManagementOrganization } from '../../db/registry/entities.ts';
import { ORGANIZATIONS } from '../../db/seed/plan.ts';
import { DEFAULT_MEETING_POLICY } from '../../domain/meetings/policy.ts';
import { textsOf } from '../support/browser.ts';
import { portalSuite } from '../support/portal-suite.ts';
import { DEMO_IDS, startApi, walkTo } from './api-fixtures.ts';
import { eventually, hostPage, text } from './widget-harness.ts';

const suite = portalSuite({ start: () => startApi(), app: (api) => api.t });

/** A meeting of the demo building in voting, whose one item would choose `organizationId`. */
async function votingOn(organizationId: string): Promise<string> {
  const now = Date.now();
  const { meeting } = await createMeeting(suite.env.em(), {
    title: `Choice of the manager ${randomUUID().slice(0, 8)}`,
    kind: 'extraordinary',
    form: 'electronic',
    buildingIds: [DEMO_IDS.building],
    initiator: { kind: 'owners', userId: DEMO_IDS.users.resident, name: 'resident' },
    chairUserId: DEMO_IDS.users.resident,
    secretaryUserId: DEMO_IDS.users.resident2,
    noticeAt: new Date(now),
    votingOpensAt: new Date(now + 240 * 3_600_000),
    votingClosesAt: new Date(now + 480 * 3_600_000),
    policy: DEFAULT_MEETING_POLICY,
    agenda: [
      {
        title: 'Choose the managing organization',
        description: 'From the electronic register.',
        kind: 'management_organization',
        organizationId,
      },
    ],
  });
  await walkTo(suite.env, meeting.id, 'voting');
  return meeting.id;
}

async function open(meetingId: string, lang: string): Promise<void> {
  registerRequests = [];
  const path = `/ballot-org-${randomUUID()}.html`;
  const body = `<mu-meeting meeting-id="${meetingId}"></mu-meeting>`;
  await suite.page.route(`${suite.url}${path}`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: hostPage(body, { token: suite.env.tokens.resident!, lang }),
    }),
  );
  await suite.page.goto(`${suite.url}${path}`);
}

const REGISTER = /\/chunks\/(?:organization-card|history|register-)|\/api\/v1\/register\//;
beforeEach(() => {
  suite.page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (REGISTER.test(path)) registerRequests.push(path);
  });
});

const card = () => suite.page.locator('mu-meeting-ballot mu-register-organization').first();
/** The register's code and data the page asked for since the last open(). */
let registerRequests: string[] = [];

/** Opens the item's register entry by its button, named `name` in the page's language. */
async function openEntry(name: string): Promise<void> {
  const button = suite.page.locator('mu-meeting-ballot').first().getByRole('button', { name });
  await eventually(() => button.count()).toBe(1);
  expect(await button.getAttribute('aria-expanded')).toBe('false');
  // Nothing of the register is drawn or fetched before the voter asks.
  expect(await card().count()).toBe(0);
  expect(registerRequests).toEqual([]);
  await button.click();
  await eventually(() => button.getAttribute('aria-expanded')).toBe('true');
}
const widths = () =>
  suite.page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));

describe('the organization on the ballot', () => {
  it('opens its register entry next to the choices, then its history, and the vote goes through', async () => {
    const plan = ORGANIZATIONS[1]!;
    const org = await suite.env.em().findOneOrFail(ManagementOrganization, { name: plan.name });
    const id = await votingOn(org.id);
    await open(id, 'en');
    await openEntry('The organization in the register');

    await eventually(() => text(card().locator('.name'))).toBe(plan.name);
    expect(await card().getByRole('region').count()).toBe(1);
    expect(await card().locator('section').getAttribute('aria-label')).toBe(
      `The organization in the register: ${plan.name}`,
    );
    const facts = await textsOf(card().locator('dl > div'));
    expect(facts[0]).toBe(`TIN ${org.tin}`);
    expect(facts[1]).toMatch(/^Register status Registered( Since \d\d\.\d\d\.\d{4})?$/);
    expect(facts[2]).toBe(`Dispatch phone ${org.dispatchPhone ?? 'not given'}`);
    expect(await text(card().locator('.verdict'))).toBe('May be chosen to manage a building.');

    await card().getByRole('button', { name: 'Register history' }).click();
    await eventually(() => card().locator('mu-register-history').count()).toBe(1);
    expect(await card().getByRole('button', { name: 'Register history' }).getAttribute('aria-expanded')).toBe(
      'true',
    );

    const ballot = suite.page.locator('mu-meeting-ballot').first();
    await ballot.getByRole('radio', { name: 'For' }).check();
    await ballot.getByRole('button', { name: 'Cast ballot' }).click();
    await eventually(() => ballot.getByRole('button', { name: 'Change my vote' }).count()).toBe(1);
    const size = await widths();
    expect(size.page).toBeLessThanOrEqual(size.screen);
    expect(suite.errors).toEqual([]);
  });

  it('reads in Uzbek and Russian', async () => {
    const plan = ORGANIZATIONS[2]!;
    const org = await suite.env.em().findOneOrFail(ManagementOrganization, { name: plan.name });
    const id = await votingOn(org.id);
    await open(id, 'uz');
    await openEntry('Reyestrdagi tashkilot');
    await eventually(() => text(card().locator('.verdict'))).toBe('Uyni boshqarishga tanlanishi mumkin.');
    expect(await text(card().locator('[part~="status-badge"]'))).toBe('Roʻyxatga olingan');
    expect(await textsOf(card().locator('dt'))).toEqual([
      'STIR',
      'Reyestrdagi holati',
      'Dispetcher telefoni',
    ]);
    expect(await text(card().getByRole('button'))).toBe('Reyestr tarixi');

    await open(id, 'ru');
    await openEntry('Организация в реестре');
    await eventually(() => text(card().locator('dt').first())).toBe('ИНН');
    expect(await text(card().locator('.verdict'))).toBe('Может быть выбрана для управления домом.');
    expect(await text(card().locator('[part~="status-badge"]'))).toBe('Зарегистрирована');
    const size = await widths();
    expect(size.page).toBeLessThanOrEqual(size.screen);
    expect(suite.errors).toEqual([]);
  });
});

describe('the organization entry when its code cannot be fetched', () => {
  it('says so after asking twice, and opens the entry on the next press', async () => {
    const plan = ORGANIZATIONS[1]!;
    const org = await suite.env.em().findOneOrFail(ManagementOrganization, { name: plan.name });
    const id = await votingOn(org.id);
    const entryChunk = /\/chunks\/organization-entry-[\w-]+\.js/;
    let refused = 0;
    await suite.page.route(entryChunk, (route) => {
      refused += 1;
      return route.abort('failed');
    });
    await open(id, 'en');
    const ballot = suite.page.locator('mu-meeting-ballot').first();
    const button = ballot.getByRole('button', { name: 'The organization in the register' });
    await eventually(() => button.count()).toBe(1);
    await button.click();
    await eventually(
      async () => (await ballot.getByRole('alert').count()) && text(ballot.getByRole('alert')),
    ).toBe('The register entry could not be loaded. Press the button again.');
    expect(refused).toBe(2);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await card().count()).toBe(0);
    // The browser logs each failed request and the import's failure; nothing else went wrong.
    expect(
      suite.errors.filter(
        (e) => !/organization-entry|Failed to fetch dynamically imported module|net::ERR_FAILED/.test(e),
      ),
    ).toEqual([]);

    await suite.page.unroute(entryChunk);
    await button.click();
    await eventually(() => text(card().locator('.name'))).toBe(plan.name);
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await ballot.getByRole('alert').count()).toBe(0);
  });
});
