// The register's correction round in the demo portal on a 360 px screen, against the real API and
// the register's workflow: the applicant persona applies; the district's inspector asks for a
// corrected dispatch phone with a note; the applicant sees what, why and by when, and corrects it;
// the inspector rejects it for false data, and the applicant sees the rejection and its reason.
// A database of its own, seeded like the demo, so the applicant persona's state is nobody else's.
import { describe, expect, it } from 'vitest';
import { ManagementOrganization } from '../../db/registry/entities.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import { startContractsEnv } from '../contracts/fixtures.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';
import { call, newKey, ok, until } from '../support/api-client.ts';
import { textsOf } from '../support/browser.ts';
import { openPortalAs } from '../support/portal.ts';
import { portalSuite } from '../support/portal-suite.ts';

const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 30_000);

const suite = portalSuite({
  database: 'register_corrections',
  start: (databaseUrl) => startContractsEnv({ databaseUrl }),
  app: (env) => env.app,
  stop: (env) => env.stop(),
});

const as = async (persona: string) => suite.env.app.tokenFor(persona);
const application = async (id: string) =>
  ok<ApplicationView>(
    await call(suite.env.app, 'GET', `/register/applications/${id}`, { token: await as('admin') }),
  );
const inState = (id: string, state: ApplicationView['state']) =>
  until(`application in ${state}`, async () => {
    const a = await application(id);
    return a.state === state ? a : undefined;
  });
/** Nothing inside `selector` reaches past its own right edge. */
const spill = (selector: string) =>
  suite.page.locator(selector).evaluate((f) => {
    const right = f.getBoundingClientRect().right;
    return Math.max(
      0,
      ...[...f.querySelectorAll('*')].map((e) => Math.ceil(e.getBoundingClientRect().right - right)),
    );
  });

describe('corrections in the register, in the portal', () => {
  it('asks, shows the request and its deadline, takes the correction, and shows a rejection with its reason', async () => {
    const org = await suite.env
      .em()
      .findOneOrFail(ManagementOrganization, { id: DEMO_IDS.organizations.applicant });
    const { districtId } = await ok<{ districtId: string }>(
      await call(suite.env.app, 'GET', '/me', { token: await as('inspector') }),
    );
    const applied = await ok<ApplicationView>(
      await call(suite.env.app, 'POST', '/register/applications', {
        token: await as('applicant'),
        key: newKey(),
        body: {
          districtId,
          tin: org.tin,
          name: org.name,
          ownFundsUzs: 60_000_000,
          technicalBase: [
            { category: 'premises', description: 'Office', quantity: 1 },
            { category: 'repair_tools', description: 'Plumbing kit', quantity: 4 },
            { category: 'emergency_equipment', description: 'Pump', quantity: 2 },
            { category: 'communication', description: 'Radio sets', quantity: 6 },
          ],
          dispatch: { hoursPerDay: 24, daysPerWeek: 7, phone: '+998712000001' },
        },
      }),
      201,
    );
    await inState(applied.id, 'under_review');

    // The inspector: nothing is sent without a field and a note.
    await openPortalAs(suite.page, suite.url, 'inspector');
    const card = suite.page.locator(`[data-testid="review-item"][data-application-id="${applied.id}"]`);
    const ask = card.getByTestId('corrections-form');
    await eventually(() => ask.count()).toBe(1);
    await ask.getByRole('button', { name: 'Request corrections' }).click();
    await eventually(() => text(ask.getByRole('alert'))).toBe('Tick at least one item. Write a note.');
    await ask.getByRole('checkbox', { name: 'Dispatch phone' }).check();
    await ask.getByLabel('Note to the applicant').fill('The number does not answer; give the 24-hour line.');
    expect(await spill('[data-testid="corrections-form"]')).toBe(0);
    await ask.getByRole('button', { name: 'Request corrections' }).click();
    await eventually(() => text(suite.page.getByTestId('register-notice'))).toBe(
      `Corrections requested from ${org.name}.`,
    );
    const asked = await inState(applied.id, 'corrections_requested');
    expect(asked.corrections).toEqual({
      fields: ['dispatch.phone'],
      note: 'The number does not answer; give the 24-hour line.',
    });

    // The applicant: what, why and by when, then the correction.
    await openPortalAs(suite.page, suite.url, 'applicant');
    const request = suite.page.getByTestId('corrections-asked');
    await eventually(() => request.count()).toBe(1);
    const due = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Asia/Tashkent' }).format(
      new Date(asked.correctionsDueAt!),
    );
    expect(await textsOf(request.locator('p'))).toEqual([
      'The reviewer asked for corrections: Dispatch phone.',
      'Note: The number does not answer; give the 24-hour line.',
      `Send the corrected application by ${due}, or it will be rejected.`,
    ]);
    const fix = suite.page.getByTestId('resubmit-form');
    await fix.getByLabel('Dispatch phone').fill('+998712009999');
    expect(await spill('[data-testid="resubmit-form"]')).toBe(0);
    await fix.getByRole('button', { name: 'Send the corrected application' }).click();
    await eventually(() => text(suite.page.getByTestId('register-notice'))).toBe(
      'The corrected application was sent and is under review again.',
    );
    const again = await inState(applied.id, 'under_review');
    expect(again.dispatch.phone).toBe('+998712009999');

    // Rejected: the applicant reads the date and the reason, and may apply again.
    await ok(
      await call(suite.env.app, 'POST', `/register/applications/${applied.id}/reject`, {
        token: await as('inspector'),
        body: { reason: 'false_data' },
      }),
    );
    const rejected = await inState(applied.id, 'rejected');
    await suite.page.reload();
    const rejection = suite.page.getByTestId('rejection');
    await eventually(() => rejection.count()).toBe(1);
    const on = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Asia/Tashkent' }).format(
      new Date(rejected.decidedAt ?? rejected.submittedAt),
    );
    expect(await textsOf(rejection.locator('p'))).toEqual([
      `Your application was rejected on ${on}. Reason: False data.`,
      'Once the requirements are met you may apply again.',
    ]);
    expect(await suite.page.getByTestId('apply-form').count()).toBe(1);
    expect(suite.errors).toEqual([]);
  });

  // After the first test: the application stands rejected.
  it('shows the rejection in Uzbek and Russian', async () => {
    await suite.page.goto(`${suite.url}/?lang=uz&persona=applicant`);
    await eventually(() => text(suite.page.getByTestId('rejection').locator('p').first())).toMatch(
      /^Arizangiz .+ da rad etildi\. Sabab: Notoʻgʻri maʼlumotlar\.$/,
    );
    await suite.page.goto(`${suite.url}/?lang=ru&persona=applicant`);
    await eventually(() => text(suite.page.getByTestId('rejection').locator('p').first())).toMatch(
      /^В заявлении отказано .+\. Основание: Недостоверные сведения\.$/,
    );
    expect(suite.errors).toEqual([]);
  });

  // After the rejection: the applicant applies again, then takes the application back in the portal.
  it('withdraws an application only after the confirmation, and then shows it withdrawn', async () => {
    const org = await suite.env
      .em()
      .findOneOrFail(ManagementOrganization, { id: DEMO_IDS.organizations.applicant });
    const { districtId } = await ok<{ districtId: string }>(
      await call(suite.env.app, 'GET', '/me', { token: await as('inspector') }),
    );
    const applied = await ok<ApplicationView>(
      await call(suite.env.app, 'POST', '/register/applications', {
        token: await as('applicant'),
        key: newKey(),
        body: {
          districtId,
          tin: org.tin,
          name: org.name,
          ownFundsUzs: 60_000_000,
          technicalBase: [
            { category: 'premises', description: 'Office', quantity: 1 },
            { category: 'repair_tools', description: 'Plumbing kit', quantity: 4 },
            { category: 'emergency_equipment', description: 'Pump', quantity: 2 },
            { category: 'communication', description: 'Radio sets', quantity: 6 },
          ],
          dispatch: { hoursPerDay: 24, daysPerWeek: 7, phone: '+998712000001' },
        },
      }),
      201,
    );
    await inState(applied.id, 'under_review');
    await openPortalAs(suite.page, suite.url, 'applicant');
    const withdraw = suite.page.getByTestId('withdraw');
    await eventually(() => withdraw.count()).toBe(1);
    const said: string[] = [];

    // Cancelling the confirmation takes nothing back.
    suite.page.once('dialog', (d) => {
      said.push(d.message());
      void d.dismiss();
    });
    await withdraw.click();
    await eventually(() => said.length).toBe(1);
    expect(said[0]).toBe(
      'The application will be withdrawn and not reviewed. You may apply again later. Continue?',
    );
    expect((await application(applied.id)).state).toBe('under_review');
    expect(await suite.page.getByTestId('my-application').getAttribute('data-state')).toBe('under_review');

    // Confirmed: withdrawn, said so, and the form to apply again is back.
    suite.page.once('dialog', (d) => {
      said.push(d.message());
      void d.accept();
    });
    await withdraw.click();
    await eventually(() => text(suite.page.getByTestId('register-notice'))).toBe(
      'The application was withdrawn.',
    );
    expect(said).toHaveLength(2);
    // The application goes back to the organization (state `applicant`), shown as withdrawn.
    const back = await inState(applied.id, 'applicant');
    const mine = suite.page.getByTestId('my-application');
    await eventually(() => mine.getAttribute('data-state')).toBe('withdrawn');
    const on = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Asia/Tashkent' }).format(
      new Date(back.submittedAt),
    );
    expect(await text(mine)).toBe(`Your application of ${on} was withdrawn.`);
    expect(await suite.page.getByTestId('apply-form').count()).toBe(1);
    expect(await suite.page.getByTestId('withdraw').count()).toBe(0);
    expect(suite.errors).toEqual([]);
  });
});
