// The commissioning workflow end to end on the real dev server and PostgreSQL, with the cadastre
// sandbox behind its HTTP adapter and the policy in seconds (15 s to meet what is missing, a
// reminder 10 s before the end).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxOf } from '../../db/notifications/inbox.ts';
import { Building, District, ManagementOrganization } from '../../db/registry/entities.ts';
import { type ActKind, CONDITION_OF_ACT } from '../../domain/commissioning/act.ts';
import type { CommissioningCondition } from '../../domain/commissioning/policy.ts';
import { renderCommissioningReminder } from '../../domain/commissioning/reminder-mail.ts';
import { call, ok, problem, until } from '../register/api-fixtures.ts';
import { inAppOnlyPerson } from '../support/in-app-person.ts';
import { inboxNotice } from '../support/sent-link.ts';
import {
  applyFor,
  beginCheck,
  type CommissioningEnv,
  missing,
  newSite,
  passportOf,
  path,
  type Site,
  signBothActs,
  startCommissioningEnv,
  until$,
} from './fixtures.ts';

let env: CommissioningEnv;
beforeAll(async () => {
  env = await startCommissioningEnv();
}, 120_000);
afterAll(() => env?.stop());

/** A building the registry knows under this number, in the given district. */
async function registryBuilding(site: Site, districtId = site.districtId) {
  const em = env.em();
  const b = em.create(Building, {
    district: districtId,
    address: 'Imported address 1',
    cadastralNumber: site.cadastralNumber,
    yearBuilt: 2026,
    floors: 9,
    entrances: 2,
    totalArea: 5000,
    livingArea: 4000,
    conditionClass: null,
    managementOrganization: null,
  });
  await em.flush();
  return b.id;
}

describe('commissioning', () => {
  it('commissions when every condition holds, and the registry record is made from the passport', async () => {
    const site = await newSite(env);
    const passport = passportOf(site);
    env.cadastre.issue(passport);
    const a = await applyFor(env, site);
    expect(a).toMatchObject({ state: 'applied', dueAt: null, developer: { tin: site.developer.tin } });
    await until$(env, site, a.id, 'passport and registry', (v) => missing(v).length === 2);
    await signBothActs(env, site, a.id);
    const checked = await beginCheck(env, site, a.id);
    expect(checked).toMatchObject({ state: 'checking', canCommission: true, dueAt: null });
    expect(checked.conditions.every((c) => c.met)).toBe(true);
    expect(
      checked.conditions.find((c) => c.condition === 'solar_panels_transferred')?.evidence,
    ).toMatchObject({
      signedByTins: [site.developer.tin, site.org.tin],
      managementOrganizationTin: site.org.tin,
    });
    const done = await ok<{ state: string }>(
      await call(env.app, 'POST', path(a.id, '/commission'), { token: site.inspector }),
    );
    expect(done.state).toBe('commissioned');
    const b = await env
      .em()
      .findOneOrFail(Building, { id: a.buildingId }, { populate: ['managementOrganization'] });
    expect(b).toMatchObject({
      cadastralNumber: passport.cadastralNumber,
      address: passport.address,
      floors: 12,
      entrances: 3,
      totalArea: 10_800.5,
      livingArea: 8640,
      yearBuilt: 2026,
    });
    expect(b.district.id).toBe(site.districtId);
    expect(b.managementOrganization?.id).toBe(site.org.id);
  });

  /** Each condition missing alone: waiting names it, a reminder, then the system rejects. */
  const cases: [CommissioningCondition, (site: Site) => Promise<readonly ActKind[]>][] = [
    [
      'cadastral_passport_issued',
      async (site) => {
        await registryBuilding(site);
        return ['management_engagement', 'solar_transfer'];
      },
    ],
    [
      'shown_in_registry',
      async (site) => {
        env.cadastre.issue(passportOf(site));
        const em = env.em();
        const elsewhere = await em.findOneOrFail(District, { id: { $ne: site.districtId } });
        await registryBuilding(site, elsewhere.id);
        return ['management_engagement', 'solar_transfer'];
      },
    ],
    [
      'solar_panels_transferred',
      async (site) => {
        env.cadastre.issue(passportOf(site));
        return ['management_engagement'];
      },
    ],
    [
      'management_organization_engaged',
      async (site) => {
        env.cadastre.issue(passportOf(site));
        return ['solar_transfer'];
      },
    ],
  ];
  describe.concurrent('with one condition missing', () => {
    for (const [condition, arrange] of cases) {
      it(`waits for ${condition}, reminds, then lapses at the deadline`, { timeout: 60_000 }, async () => {
        const site = await newSite(env);
        const acts = await arrange(site);
        const a = await applyFor(env, site);
        await until$(env, site, a.id, 'integrations', (v) =>
          condition === 'cadastral_passport_issued' || condition === 'shown_in_registry'
            ? v.conditions.find((c) => c.condition === 'cadastral_passport_issued')!.met ===
                (condition !== 'cadastral_passport_issued') && v.history.length >= 1
            : missing(v).length === 2,
        );
        await signBothActs(env, site, a.id, acts);
        const waiting = await beginCheck(env, site, a.id);
        expect(waiting.state).toBe('waiting');
        expect(missing(waiting)).toEqual([condition]);
        expect(waiting.dueAt).not.toBeNull();
        if (condition === 'shown_in_registry')
          expect(waiting.conditions.find((c) => c.condition === condition)?.detail).toMatch(
            /another registry building/,
          );
        // The developer records no language: the reminder names the condition in Uzbek words. The
        // developer's mailbox also gets the act to sign, so the reminder is found by its subject.
        const reminder = renderCommissioningReminder('uz', {
          cadastralNumber: site.cadastralNumber,
          missing: [condition],
          dueAt: 0,
          link: '',
        });
        const mail = await until('reminder', async () =>
          env.workers.catcher
            .messages()
            .find((m) => m.to.includes(site.email) && m.subject === reminder.subject),
        );
        const named = reminder.text.split('\n').find((line) => line.startsWith('  - '))!;
        expect(mail.text).toContain(named);
        expect(mail.text).not.toContain(condition);
        const lapsed = await until$(env, site, a.id, 'rejected', (v) => v.state === 'rejected', 30_000);
        expect(lapsed.rejection).toEqual({
          by: 'system',
          reasons: ['deadline_passed'],
          missing: [condition],
        });
        expect(Date.parse(lapsed.since)).toBeGreaterThanOrEqual(Date.parse(waiting.dueAt!));
      });
    }
  });

  it('commissions when a missing passport arrives late: the cadastre is asked again while waiting', {
    timeout: 60_000,
  }, async () => {
    const site = await newSite(env);
    const a = await applyFor(env, site);
    await signBothActs(env, site, a.id);
    const waiting = await beginCheck(env, site, a.id);
    expect(waiting.state).toBe('waiting');
    expect(missing(waiting)).toEqual(['cadastral_passport_issued', 'shown_in_registry']);
    expect(waiting.conditions[0]).toMatchObject({ because: 'not_recorded' });
    env.cadastre.issue(passportOf(site));
    const checking = await until$(env, site, a.id, 'checking', (v) => v.state === 'checking');
    expect(checking.passport).toMatchObject({ cadastralNumber: site.cadastralNumber });
    const done = await ok<{ state: string }>(
      await call(env.app, 'POST', path(a.id, '/commission'), { token: site.inspector }),
    );
    expect(done.state).toBe('commissioned');
  });

  it('commissions when a signed act arrives after the reminder', { timeout: 60_000 }, async () => {
    const site = await newSite(env);
    env.cadastre.issue(passportOf(site));
    const a = await applyFor(env, site);
    await until$(env, site, a.id, 'integrations', (v) => missing(v).length === 2);
    await signBothActs(env, site, a.id, ['management_engagement']);
    expect((await beginCheck(env, site, a.id)).state).toBe('waiting');
    await until('reminder', async () =>
      env.workers.catcher.messages().find((m) => m.to.includes(site.email)),
    );
    await signBothActs(env, site, a.id, ['solar_transfer']);
    const v = await until$(env, site, a.id, 'checking', (x) => x.state === 'checking');
    expect(v.canCommission).toBe(true);
    expect(
      (
        await ok<{ state: string }>(
          await call(env.app, 'POST', path(a.id, '/commission'), { token: site.inspector }),
        )
      ).state,
    ).toBe('commissioned');
  });

  it("tells the parties' people who have no email in their inbox: the act to sign and the reminder", {
    timeout: 60_000,
  }, async () => {
    const site = await newSite(env);
    // The developer who applies reads Russian, the organization's staff member English; neither
    // has an email, a phone or Telegram.
    const developer = await inAppOnlyPerson(env.em(), { userId: site.developer.userId, language: 'ru' });
    const staff = await inAppOnlyPerson(env.em(), {
      userId: site.staff.userId,
      language: 'en',
      grants: [{ role: 'management_company', organizationId: site.org.id }],
    });
    env.cadastre.issue(passportOf(site));
    const a = await applyFor(env, site);
    await until$(env, site, a.id, 'integrations', (v) => missing(v).length === 2);
    await signBothActs(env, site, a.id, ['management_engagement']);
    for (const p of [developer, staff]) {
      const notice = await inboxNotice(env.em(), p.personId, site.cadastralNumber, p.language);
      expect(notice.kind).toBe('commissioning_update');
      expect(new URL(notice.link).searchParams.get('open')).toBe(`commissioning:${a.id}`);
    }
    expect((await inboxNotice(env.em(), staff.personId, site.cadastralNumber, 'en')).subject).toBe(
      `The act of engagement of the management organization (${site.cadastralNumber}) awaits your signature`,
    );
    expect((await beginCheck(env, site, a.id)).state).toBe('waiting');
    const reminder = renderCommissioningReminder('ru', {
      cadastralNumber: site.cadastralNumber,
      missing: [CONDITION_OF_ACT.solar_transfer],
      dueAt: 0,
      link: '',
    }).subject;
    const got = await until('reminder in the inbox', async () => {
      const inbox = await inboxOf(env.em(), developer.personId, 'ru', { page: 1, pageSize: 20 });
      return inbox.items.find((n) => n.subject === reminder);
    });
    expect(got.link).toMatch(new RegExp(`open=commissioning:${a.id}$`));
    expect(got.body).not.toContain(got.link!);
  });

  it('the inspector rejects with reasons; nothing moves it after', async () => {
    const site = await newSite(env);
    const a = await applyFor(env, site);
    const empty = await call(env.app, 'POST', path(a.id, '/reject'), {
      token: site.inspector,
      body: { reasons: [' '] },
    });
    expect((await problem(empty, 400, 'body.reasons')).errors).toEqual([
      { field: 'body.reasons', message: 'give at least one reason' },
    ]);
    const r = await ok<{ state: string; rejection: unknown }>(
      await call(env.app, 'POST', path(a.id, '/reject'), {
        token: site.inspector,
        body: { reasons: ['the fire escape is not built', ' '] },
      }),
    );
    expect(r).toMatchObject({
      state: 'rejected',
      rejection: { by: 'inspector', reasons: ['the fire escape is not built'] },
    });
    const again = await call(env.app, 'POST', path(a.id, '/check'), { token: site.inspector });
    await problem(again, 409, { detail: 'the application is rejected: nothing changes it any more' });
  });

  it('retries an unavailable cadastre and gets the passport', async () => {
    const site = await newSite(env);
    env.cadastre.issue(passportOf(site));
    env.cadastre.failNext(2, 503);
    const a = await applyFor(env, site);
    const v = await until$(env, site, a.id, 'passport', (x) => x.passport !== null);
    expect(missing(v)).not.toContain('cadastral_passport_issued');
    expect(missing(v)).not.toContain('shown_in_registry');
  });

  it('a refusing organization register status keeps the engagement unmet', async () => {
    const site = await newSite(env);
    env.cadastre.issue(passportOf(site));
    const a = await applyFor(env, site);
    await until$(env, site, a.id, 'integrations', (v) => missing(v).length === 2);
    await signBothActs(env, site, a.id);
    const em = env.em();
    const org = await em.findOneOrFail(ManagementOrganization, { id: site.org.id });
    org.registerStatus = 'suspended';
    await em.flush();
    const waiting = await beginCheck(env, site, a.id);
    expect(waiting.state).toBe('waiting');
    expect(waiting.conditions.find((c) => c.condition === 'management_organization_engaged')).toMatchObject({
      met: false,
      because: 'organization_not_registered',
    });
    const refused = await call(env.app, 'POST', path(a.id, '/commission'), { token: site.inspector });
    await problem(refused, 409, { detail: 'management_organization_engaged' });
  });
});
