// Commissioning's whole path, in headless Chromium against the real API and workers: a developer applies
// for a new building from the demo portal, the district's inspector begins the check, the developer
// draws up and signs the acts in <mu-commissioning>, the management company signs them, and the
// inspector commissions the building, which the registry then shows; and an application whose
// passport never comes is rejected by the inspector with reasons. Nothing is signed or decided
// blind: an act's own text is shown (and its hash) before its sign button is enabled, and every
// sign, commission and reject asks first, going back doing nothing.
import { randomInt } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import type { CommissioningView } from '../../db/commissioning/views.ts';
import { ManagementOrganization } from '../../db/registry/entities.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';
import { call, ok } from '../register/api-fixtures.ts';
import { launchBrowser, textOf } from '../support/browser.ts';
import { confirm, goBack } from '../support/confirm.ts';
import { newPortalPage, openPortalAs, type Persona } from '../support/portal.ts';
import { portalLink, sentMail } from '../support/sent-link.ts';
import { type CommissioningEnv, startCommissioningEnv } from './fixtures.ts';

/** Persona switches reload the whole portal; the workflow and the widget's polling take seconds. */
const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 30_000);

const SHOTS = process.env.MU_SCREENSHOTS ?? '';
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/commissioning-${name}.png`, fullPage: true });
};

let env: CommissioningEnv;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  // The default policy: a deadline of days, so the story is never overtaken by the lapse.
  env = await startCommissioningEnv({ policy: {} });
  server = await listen(env.app.app, '127.0.0.1', 0);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
});

beforeEach(async () => {
  ({ context, page, errors: pageErrors } = await newPortalPage(browser));
});

afterEach(async () => {
  await context.close();
});

const openAs = (persona: Persona, query = '') => openPortalAs(page, server.url, persona, query);

const asUser = async <T>(persona: string, path: string) =>
  ok<T>(await call(env.app, 'GET', path, { token: await env.app.tokenFor(persona) }));

const d = (n: number) => String(randomInt(10 ** (n - 1), 10 ** n));
const widget = () => page.getByTestId('commissioning');
const badge = () => widget().locator('[part~="state-badge"]');
const condition = (name: string) => widget().locator(`[data-condition="${name}"]`);
const act = (kind: string): Locator => widget().locator(`[part~="act"][data-kind="${kind}"]`);

/** The developer fills in the "New building" form and lands on the application's card. */
async function applyFromPortal(cadastralNumber: string, districtId: string, organizationId: string) {
  await openAs('developer');
  const form = page.getByTestId('commissioning-form');
  await form.getByLabel('Cadastral number').fill(cadastralNumber);
  await form.getByLabel('District').selectOption(districtId);
  await form.getByLabel('Management organization (from the register)').selectOption(organizationId);
  await form.getByRole('button', { name: 'Apply for commissioning' }).click();
  await eventually(() => text(page.getByTestId('commissioning-notice'))).toBe(
    'Applied: the cadastre is being asked.',
  );
  await eventually(() => new URL(page.url()).searchParams.get('commissioning')).toMatch(/^[0-9a-f-]{36}$/);
  return new URL(page.url()).searchParams.get('commissioning')!;
}

async function drawUpAndSign(kind: 'solar_transfer' | 'management_engagement', organizationId: string) {
  const form = widget().locator('[part~="draw-up-form"]');
  await form.locator('[part~="act-kind"]').selectOption(kind);
  await form.locator('[part~="organization"]').selectOption(organizationId);
  await form.getByRole('button', { name: 'Draw up the act' }).click();
  await eventually(() => act(kind).count()).toBe(1);
  await readThenSign(kind, 'Developer');
  await eventually(() => act(kind).locator('[data-party="developer"]').getAttribute('data-signed')).toBe(
    'true',
  );
}

/**
 * The sign button waits for the act's text: it is disabled until "Read the act" shows the act's
 * bytes in the card with their SHA-256 (the one the application names), and signing asks first.
 */
async function readThenSign(kind: string, party: string, cancelFirst = false) {
  const sign = act(kind).getByRole('button', { name: `Sign as ${party}` });
  expect(await sign.isDisabled()).toBe(true);
  await act(kind).getByRole('button', { name: 'Read the act' }).click();
  const panel = act(kind).locator('mu-document-panel');
  await eventually(() => panel.locator('[part~="hash"] code').count()).toBe(1);
  const sha = await panel.locator('[part~="hash"] code').getAttribute('data-sha256');
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  // The act's own words are in the frame, not only a link.
  const body = act(kind).frameLocator('mu-document-panel iframe').locator('body');
  await eventually(async () => (await textOf(body)).length).toBeGreaterThan(50);
  await eventually(() => sign.isEnabled()).toBe(true);
  if (cancelFirst) {
    await sign.click();
    await goBack(page);
    // Nothing was signed by going back.
    expect(
      await act(kind).locator('[data-party="management_organization"]').getAttribute('data-signed'),
    ).toBe('false');
  }
  await sign.click();
  const said = await confirm(page);
  expect(said.title).toBe('Sign the act?');
  expect(said.body).toContain(sha!);
}

describe('the demo portal, commissioning a new building', () => {
  it('takes a building from the application to the registry', async () => {
    const inspector = await asUser<{ districtId: string }>('inspector', '/me');
    const manager = await asUser<{ organizationId: string }>('manager', '/me');
    const cadastralNumber = `10:09:${d(2)}:${d(2)}:${d(4)}`;
    env.cadastre.issue({
      cadastralNumber,
      passportNumber: `KP-${d(6)}`,
      issuedAt: '2026-11-20T10:00:00+05:00',
      address: `Yangi Hayot ko'chasi ${randomInt(1, 200)}`,
      yearBuilt: 2026,
      floors: 12,
      entrances: 3,
      totalAreaM2: 10_800.5,
      livingAreaM2: 8_640,
      apartments: 144,
    });

    const id = await applyFromPortal(cadastralNumber, inspector.districtId, manager.organizationId);
    // The workflow asks the cadastre and makes the registry record; the card follows by itself.
    await eventually(() => condition('shown_in_registry').getAttribute('data-met')).toBe('true');
    expect(await condition('cadastral_passport_issued').getAttribute('data-met')).toBe('true');
    expect(await text(condition('solar_panels_transferred'))).toContain(
      'The solar-panel transfer act is not signed by both parties yet.',
    );

    // The inspector of the district finds it and begins the check: two acts are missing.
    await openAs('inspector');
    await page.locator(`[data-testid="commissioning-item"][data-application-id="${id}"]`).click();
    await eventually(() => badge().getAttribute('data-state')).toBe('applied');
    await widget().getByRole('button', { name: 'Begin the check' }).click();
    await eventually(() => badge().getAttribute('data-state')).toBe('waiting');
    expect(await widget().getByRole('button', { name: 'Commission the building' }).isDisabled()).toBe(true);
    expect(await text(widget().locator('[part~="notice"]'))).toBe('The check has begun.');

    // The developer draws up both acts and signs them with a key made in this browser.
    await openAs('developer', `commissioning=${id}`);
    await eventually(() => badge().getAttribute('data-state')).toBe('waiting');
    await drawUpAndSign('solar_transfer', manager.organizationId);
    const solar = await asUser<CommissioningView>('developer', `/commissioning/applications/${id}`);
    expect(
      await act('solar_transfer')
        .locator('mu-document-panel [part~="hash"] code')
        .getAttribute('data-sha256'),
    ).toBe(solar.acts.find((a) => a.kind === 'solar_transfer')!.sha256.toLowerCase());
    await drawUpAndSign('management_engagement', manager.organizationId);
    await shot('developer-signed');

    // The management company was mailed for each act (as was the developer), in the state language
    // its mailbox gets; the link in the mail the SMTP server received opens the application with
    // the acts to sign.
    const em = env.em();
    const mailbox = (await em.findOneOrFail(ManagementOrganization, { id: manager.organizationId })).email;
    const mail = await sentMail(
      em,
      env.workers,
      mailbox,
      `Boshqaruv tashkilotini jalb qilish dalolatnomasi (${cadastralNumber})`,
    );
    const link = portalLink(mail.text);
    expect(link.searchParams.get('open')).toBe(`commissioning:${id}`);
    await openAs('manager', link.search.slice(1));
    for (const kind of ['solar_transfer', 'management_engagement']) {
      await readThenSign(kind, 'Management organization', kind === 'solar_transfer');
      await eventually(() =>
        act(kind).locator('[data-party="management_organization"]').getAttribute('data-signed'),
      ).toBe('true');
    }
    await eventually(() => condition('management_organization_engaged').getAttribute('data-met')).toBe(
      'true',
    );

    // Every condition holds: the inspector commissions the building.
    await openAs('inspector', `commissioning=${id}`);
    await eventually(() => widget().locator('[data-met="true"]').count()).toBe(4);
    await widget().getByRole('button', { name: 'Commission the building' }).click();
    expect((await confirm(page)).body).toContain('put into operation');
    await eventually(() => badge().getAttribute('data-state')).toBe('commissioned');
    await shot('commissioned');
    await eventually(() =>
      page
        .locator(`[data-testid="commissioning-item"][data-application-id="${id}"]`)
        .getAttribute('data-state'),
    ).toBe('commissioned');

    const v = await asUser<CommissioningView>('inspector', `/commissioning/applications/${id}`);
    expect(v.state).toBe('commissioned');
    expect(v.conditions.every((c) => c.met)).toBe(true);
    expect(v.acts.every((a) => a.signatures.length === 2)).toBe(true);
    const building = await asUser<{ id: string; cadastralNumber: string; managementOrganization?: unknown }>(
      'inspector',
      `/buildings/${v.buildingId}`,
    );
    expect(building.cadastralNumber).toBe(cadastralNumber);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('lets the inspector reject, with reasons, an application whose passport is missing', async () => {
    const inspector = await asUser<{ districtId: string }>('inspector', '/me');
    const manager = await asUser<{ organizationId: string }>('manager', '/me');
    // A number the cadastre has never heard of: no passport comes.
    const id = await applyFromPortal(
      `10:09:${d(2)}:${d(2)}:${d(4)}`,
      inspector.districtId,
      manager.organizationId,
    );
    await eventually(() => badge().getAttribute('data-state')).toBe('applied');

    await openAs('inspector', `commissioning=${id}`);
    await widget().getByRole('button', { name: 'Begin the check' }).click();
    await eventually(() => badge().getAttribute('data-state')).toBe('waiting');
    expect(await condition('cadastral_passport_issued').getAttribute('data-met')).toBe('false');
    expect(await text(condition('cadastral_passport_issued'))).toContain(
      'The cadastre has not issued the passport yet.',
    );
    await widget().getByLabel('Reasons for rejection, one per line').fill('No cadastral passport\nNo acts');
    // Going back rejects nothing; confirming does.
    await widget().getByRole('button', { name: 'Reject the application' }).click();
    await goBack(page);
    expect((await asUser<CommissioningView>('inspector', `/commissioning/applications/${id}`)).state).toBe(
      'waiting',
    );
    await widget().getByRole('button', { name: 'Reject the application' }).click();
    expect((await confirm(page)).body).toContain('No cadastral passport; No acts');
    await eventually(() => badge().getAttribute('data-state')).toBe('rejected');
    expect(await text(widget().locator('[part~="rejection"]'))).toBe(
      'Rejected: No cadastral passport; No acts',
    );
    // A decided application offers no more steps.
    expect(await widget().getByRole('button', { name: 'Reject the application' }).count()).toBe(0);
    const v = await asUser<CommissioningView>('inspector', `/commissioning/applications/${id}`);
    expect(v).toMatchObject({
      state: 'rejected',
      rejection: { by: 'inspector', reasons: ['No cadastral passport', 'No acts'] },
    });
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
