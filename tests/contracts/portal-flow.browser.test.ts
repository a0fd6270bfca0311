// The contracts' whole path, in headless Chromium against the real API and workers: a management
// company applies to the register from the demo portal and an inspector registers it there; owners adopt
// the organization at a general meeting, the council starts the contract from that decision in
// the portal, and the owners' representative and the organization sign it in <mu-contract>, each
// reaching it from the link in the mail that asked for their signature (as the SMTP server received
// it): each reads the document in the card (sign stays disabled until it is shown) and confirms
// what signing does.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { createMeeting } from '../../db/meetings/meetings.ts';
import { ManagementOrganization, Person } from '../../db/registry/entities.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import type { ContractView } from '../../domain/contracts/view.ts';
import type { Decision } from '../../domain/meetings/decide.ts';
import { resolvePolicy } from '../../domain/meetings/policy.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';

/** Persona switches reload the whole portal; a loaded machine (the full suite) needs longer. */
const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 30_000);

import { call, ok } from '../register/api-fixtures.ts';
import { launchBrowser, textOf } from '../support/browser.ts';
import { confirm, confirmation, goBack } from '../support/confirm.ts';
import {
  newPortalPage,
  openPortalAs,
  PERSONA_NAMES,
  type Persona,
  switchPersona,
} from '../support/portal.ts';
import { inboxNotice, portalLink, sentMail } from '../support/sent-link.ts';
import { type ContractsEnv, startContractsEnv } from './fixtures.ts';

let env: ContractsEnv;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  env = await startContractsEnv();
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

const SHOTS = process.env.MU_SCREENSHOTS ?? '';
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/portal-flow-${name}.png`, fullPage: true });
};

const switchTo = (persona: Persona) => switchPersona(page, persona);
/** Opens the portal as a persona on a meeting or contract (the address the portal keeps itself). */
const openAs = (persona: Persona, query: string) => openPortalAs(page, server.url, persona, query);

const asUser = async <T>(persona: string, path: string) =>
  ok<T>(await call(env.app, 'GET', path, { token: await env.app.tokenFor(persona) }));

const DAY = 86_400_000;

/** A general meeting of the demo building, chaired by the resident, that adopted `organizationId`. */
async function decidedMeeting(organizationId: string) {
  const now = Date.now();
  const { meeting } = await createMeeting(env.em(), {
    title: `Choice of the manager ${crypto.randomUUID().slice(0, 8)}`,
    kind: 'extraordinary',
    form: 'electronic',
    buildingIds: [DEMO_IDS.building],
    initiator: { kind: 'owners', userId: DEMO_IDS.users.resident, name: PERSONA_NAMES.resident },
    chairUserId: DEMO_IDS.users.resident,
    secretaryUserId: DEMO_IDS.users.resident,
    noticeAt: new Date(now - 20 * DAY),
    votingOpensAt: new Date(now - 10 * DAY),
    votingClosesAt: new Date(now - DAY),
    policy: resolvePolicy(),
    agenda: [
      {
        title: 'Choose the management organization',
        description: '',
        kind: 'management_organization',
        organizationId,
      },
    ],
  });
  const item = meeting.agenda[0]!;
  const decision: Decision = {
    quorumReached: true,
    totalWeight: 100,
    participatingWeight: 80,
    items: [
      {
        itemId: item.id,
        kind: item.kind,
        for: 70,
        against: 10,
        abstain: 0,
        rule: 'majority_of_all',
        accepted: true,
      } as Decision['items'][number],
    ],
  };
  await env
    .em()
    .getConnection()
    .execute(`update meeting set phase = 'decided', decision = ?::jsonb where id = ?`, [
      JSON.stringify(decision),
      meeting.id,
    ]);
  return { meetingId: meeting.id, agendaItemId: item.id };
}

describe('the demo portal, register to contract', () => {
  it('lets a company apply and an inspector register it, and the register shows it registered', async () => {
    const orgId = DEMO_IDS.organizations.applicant;
    await page.goto(`${server.url}/?lang=en`);
    await switchTo('applicant');
    const form = page.getByTestId('apply-form');
    await eventually(() => form.count()).toBe(1);
    const { organization } = await ok<{ organization: { tin: string; registerStatus: string } }>(
      await call(env.app, 'GET', `/register/organizations/${orgId}/history`),
    );
    expect(organization.registerStatus).toBe('applicant');
    expect(await form.getByLabel('TIN').inputValue()).toBe(organization.tin);
    // By id: other test files make districts of the same name in the shared database.
    const { districtId } = await asUser<{ districtId: string }>('inspector', '/me');
    await form.getByLabel('District (reviews it)').selectOption({ value: districtId });
    await form.getByLabel("Own funds, so'm").fill('60000000');
    const items = form.getByTestId('base-item');
    expect(await items.count()).toBe(4);
    for (const [i, what] of ['Office, Yunusobod 4', 'Plumbing kit', 'Water pump', 'Radio sets'].entries()) {
      await items.nth(i).getByLabel('Description').fill(what);
    }
    await form.getByRole('button', { name: 'Apply to the register' }).click();
    await eventually(() => text(page.getByTestId('register-notice'))).toBe(
      'Application sent: it is under review.',
    );
    await eventually(() => page.getByTestId('my-application').getAttribute('data-state')).toBe(
      'under_review',
    );
    const [mine] = (await asUser<{ items: ApplicationView[] }>('applicant', '/register/applications')).items;
    expect(mine).toMatchObject({ organizationId: orgId, state: 'under_review', ownFundsUzs: 60_000_000 });
    expect(mine!.verdicts.every((v) => v.ok)).toBe(true);
    await shot('applied');

    // The district's inspector finds it among the applications awaiting review and registers it.
    await switchTo('inspector');
    const card = page.locator(`[data-testid="review-item"][data-org-id="${orgId}"]`);
    await eventually(() => card.count()).toBe(1);
    // The reviewer sees what was declared, not only the verdicts.
    const declared = card.getByTestId('declared');
    // The element's code arrives when its tag first appears: wait for what it draws.
    await eventually(() => declared.locator('[part~="verdict"][data-ok="true"]').count()).toBe(4);
    expect(await text(declared.locator('[part~="funds"]'))).toContain('60,000,000');
    expect(await declared.locator('[part~="technical-base"] tbody tr').allInnerTexts()).toEqual([
      'Premises\tOffice, Yunusobod 4\t1',
      'Repair tools\tPlumbing kit\t1',
      'Emergency equipment\tWater pump\t1',
      'Means of communication\tRadio sets\t1',
    ]);
    expect(await text(declared.locator('[part~="dispatch"]'))).toContain('24 h a day, 7 days a week');
    await shot('review');
    // Registering asks first: going back registers nothing.
    await card.getByRole('button', { name: 'Register', exact: true }).click();
    expect((await confirmation(page)).title).toBe('Enter "Anhor Uy-Joy Xizmat" MChJ in the register?');
    await goBack(page);
    expect(
      (await asUser<{ items: ApplicationView[] }>('inspector', '/register/applications')).items.find(
        (x) => x.id === mine!.id,
      )?.state,
    ).toBe('under_review');
    await card.getByRole('button', { name: 'Register', exact: true }).click();
    await confirm(page);
    await eventually(() => text(page.getByTestId('register-notice'))).toBe(
      '"Anhor Uy-Joy Xizmat" MChJ is now in the register.',
    );
    expect(await card.count()).toBe(0);
    const badge = page.locator(`mu-register tr[data-org-id="${orgId}"] [part~="status-badge"]`);
    await eventually(() => text(badge)).toBe('Registered');
    const history = await ok<{ organization: { registerStatus: string } }>(
      await call(env.app, 'GET', `/register/organizations/${orgId}/history`),
    );
    expect(history.organization.registerStatus).toBe('registered');

    // Back as the company: nothing left to apply for.
    await switchTo('applicant');
    await eventually(() => page.getByTestId('my-application').getAttribute('data-state')).toBe('registered');
    expect(await page.getByTestId('apply-form').count()).toBe(0);
    await shot('registered');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('puts a registered organization to the vote from the new-meeting form', async () => {
    const me = await asUser<{ organizationId: string }>('manager', '/me');
    await openAs('council', 'lang=en');
    await page.getByTestId('initiate-panel').locator('summary').click();
    const form = page.locator('mu-meeting-call');
    const title = `Choose the manager ${crypto.randomUUID().slice(0, 8)}`;
    await form.getByLabel('Meeting title').fill(title);
    await form.getByLabel('Building').selectOption(DEMO_IDS.building);
    const item = form.locator('[part~="item"]').nth(0);
    await item
      .getByLabel('Question', { exact: true })
      .fill('Entrust the building to the chosen organization');
    await item.getByLabel('Type of question').selectOption('management_organization');
    const choice = item.getByLabel('Management organization (from the register)');
    const offered = await choice.locator('option').allInnerTexts();
    expect(offered).toContain('"Yunusobod Servis Uy-Joy" MChJ');
    expect(offered).not.toContain('"Toza Hovli Xizmat" XK');
    await choice.selectOption(me.organizationId);
    await form.getByRole('button', { name: 'Call the meeting' }).click();
    await eventually(() => text(form.locator('[part~="notice"]'))).toBe(
      'Meeting called: notices are on their way.',
    );
    const meetingId = new URL(page.url()).searchParams.get('meeting')!;
    const called = await asUser<MeetingView>('admin', `/meetings/${meetingId}`);
    expect(called.title).toBe(title);
    expect(called.agenda.map((a) => [a.kind, a.organizationId])).toEqual([
      ['management_organization', me.organizationId],
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('lets the council start the contract the owners chose, and both parties sign it in force', async () => {
    const me = await asUser<{ organizationId: string }>('manager', '/me');
    const source = await decidedMeeting(me.organizationId);

    await openAs('council', `meeting=${source.meetingId}`);
    const form = page.locator(`[data-testid="contract-start-form"][data-item-id="${source.agendaItemId}"]`);
    await eventually(() => form.count()).toBe(1);
    await form.getByLabel('Landscaping').check();
    await form.getByLabel("Tariff, so'm per m² per month").fill('1650');
    await form.getByLabel('Term, months').fill('24');
    await form.getByLabel('Start date').fill('2027-02-01');
    await shot('start-form');
    await form.getByRole('button', { name: 'Start the management contract' }).click();
    const widget = page.getByTestId('contract');
    const state = widget.locator('[part~="state-badge"]');
    await eventually(() => state.getAttribute('data-state')).toBe('awaiting_signatures');
    const contractId = new URL(page.url()).searchParams.get('contract')!;
    expect(
      await page.locator(`[data-testid="contract-item"][data-contract-id="${contractId}"]`).count(),
    ).toBe(1);
    const started = await asUser<ContractView>('council', `/contracts/${contractId}`);
    expect(started).toMatchObject({
      source,
      organization: { id: me.organizationId },
      buildingIds: [DEMO_IDS.building],
      parties: { owners: { userId: DEMO_IDS.users.resident } },
      parameters: {
        services: ['cleaning', 'maintenance', 'dispatch', 'landscaping'],
        tariffUzsPerM2: 1650,
        termMonths: 24,
        startDate: '2027-02-01',
      },
    });

    // Each party was told: the chair through notifications (their inbox holds it whatever their
    // channels) and the organization's mailbox by mail, each with the link to the contract.
    const em = env.em();
    const chair = await em.findOneOrFail(Person, { id: DEMO_IDS.persons.resident });
    const orgMailbox = (await em.findOneOrFail(ManagementOrganization, { id: me.organizationId })).email;
    const links = [];
    const notice = new URL((await inboxNotice(em, chair.id, started.number)).link);
    const mailed = portalLink((await sentMail(em, env.workers, orgMailbox, started.number)).text);
    for (const link of [notice, mailed]) {
      expect(link.searchParams.get('open')).toBe(`contract:${contractId}`);
      links.push(link.search.slice(1));
    }

    // The chair signs for the owners, with a key made in this browser, from the mail's link.
    await openAs('resident', links[0]!);
    await eventually(() => page.getByTestId('contracts-panel').isVisible()).toBe(true);
    await eventually(() => state.getAttribute('data-state')).toBe('awaiting_signatures');
    const sign = widget.locator('[part~="sign-button"]');
    await eventually(() => sign.count()).toBe(1);
    expect(await sign.isDisabled()).toBe(true);
    await widget.getByRole('button', { name: 'Read the document' }).click();
    const panel = widget.locator('mu-document-panel');
    await eventually(() => panel.locator('[part~="hash"] code').getAttribute('data-sha256')).toBe(
      started.pending!.documentSha256.toLowerCase(),
    );
    const words = await textOf(widget.frameLocator('mu-document-panel iframe').locator('body'));
    expect(words).toContain(started.organization.name);
    await eventually(() => sign.isEnabled()).toBe(true);
    // Going back signs nothing.
    await sign.click();
    await goBack(page);
    expect((await asUser<ContractView>('resident', `/contracts/${contractId}`)).pending?.signatures).toEqual(
      [],
    );
    await sign.click();
    const said = await confirm(page);
    expect(said.title).toBe('Sign the contract?');
    expect(said.body).toContain(started.pending!.documentSha256.toLowerCase());
    await eventually(() => widget.locator('[part~="sign-status"].ok').count()).toBe(1);
    expect(await widget.locator('[part~="sign-button"]').count()).toBe(0);
    const half = await asUser<ContractView>('resident', `/contracts/${contractId}`);
    expect(half.pending?.signatures.map((s) => s.party)).toEqual(['owners']);

    // The organization signs, from its mail's link: the contract is in force.
    await openAs('manager', links[1]!);
    await eventually(() => widget.locator('[part~="sign-button"]').count()).toBe(1);
    await widget.getByRole('button', { name: 'Read the document' }).click();
    await eventually(() => widget.locator('[part~="sign-button"]').isEnabled()).toBe(true);
    await widget.locator('[part~="sign-button"]').click();
    await confirm(page);
    await eventually(() => state.getAttribute('data-state')).toBe('active');
    const active = await asUser<ContractView>('manager', `/contracts/${contractId}`);
    expect(active.state).toBe('active');
    await eventually(() =>
      text(page.locator(`[data-testid="contract-item"][data-contract-id="${contractId}"] .item-meta`)),
    ).toContain('in force');
    await shot('active');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
