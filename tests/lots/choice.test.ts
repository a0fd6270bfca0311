// The owners' choice of a lot's management organization on the real stack (PostgreSQL, the Temporal
// dev server with the lots', meetings' and contracts' workers), every term in seconds: an approved
// lot's window where registered organizations apply, replace and withdraw offers (sealed from
// owners and rivals while open); the lot-wide meeting with an item per candidate, decided by the
// majority of all votes, read back into the lot, and a management contract per building at the
// offered tariff naming the lot's programme; a lot with no candidate, and one whose meeting has no
// quorum twice (the repeat included), go to the council's competition, whose protocol ranks the
// bids by the published criteria and whose winner the council appoints, with the same contracts.
// Roles: 401/403 for every route, scope before state, Idempotency-Keys.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { workflowHandle } from '../../platform/workflow-client.ts';
import { lotChoiceWorkflow, lotChoiceWorkflowId } from '../../workflows/lots/contract.ts';
import { call, newKey, ok, problem, until } from '../support/api-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  approvedLots,
  type ChoiceEnv,
  type ChoiceLot,
  choice,
  everyoneVotesFor,
  inSelection,
  smallOwnedBuildings,
  startChoiceEnv,
} from './choice-fixtures.ts';

let db: TestDatabase;
let env: ChoiceEnv;
let lots: ChoiceLot[];
let managerOrg: string;
let rivalToken: string;
let rivalOrg: string;
beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'lots_choice');
  env = await startChoiceEnv({ databaseUrl: db.url, temporalAddress: inject('temporalAddress') });
  lots = await approvedLots(env, await smallOwnedBuildings(env, 3));
  managerOrg = (
    await ok<{ organizationId: string }>(await call(env.app, 'GET', '/me', { token: env.tokens.manager }))
  ).organizationId;
  // A second registered organization of the register, with staff of its own.
  const [rival] = await env
    .em()
    .execute<{ id: string }[]>(
      `select id from management_organization where register_status = 'registered' and id <> ? order by id limit 1`,
      [managerOrg],
    );
  rivalOrg = rival!.id;
  rivalToken = await env.sign({ sub: randomUUID(), roles: ['management_company'], org: rivalOrg });
}, 240_000);
afterAll(async () => {
  await env?.stop();
  await db?.drop();
});

const open = (lotId: string, token = env.tokens.council, key = newKey()) =>
  call(env.app, 'POST', `/lots/${lotId}/choice`, { token, key });
const apply = (lotId: string, tariff: number, token = env.tokens.manager, key = newKey()) =>
  call(env.app, 'POST', `/lots/${lotId}/application`, { token, key, body: { tariff } });
const withdraw = (lotId: string, token = env.tokens.manager) =>
  call(env.app, 'POST', `/lots/${lotId}/application/withdrawal`, { token, key: newKey() });
const bid = (lotId: string, body: object, token = env.tokens.manager, key = newKey()) =>
  call(env.app, 'POST', `/lots/${lotId}/bid`, { token, key, body });
const appoint = (lotId: string, organizationId: string, token = env.tokens.council, key = newKey()) =>
  call(env.app, 'POST', `/lots/${lotId}/appointment`, { token, key, body: { organizationId } });

/** An owner of an apartment of the lot, with their token. */
async function ownerOf(lot: ChoiceLot): Promise<string> {
  const [row] = await env.em().execute<{ personId: string }[]>(
    `select o.person_id as "personId" from ownership o join apartment a on a.id = o.apartment_id
        where a.building_id = ? order by o.person_id limit 1`,
    [lot.buildingIds[0]],
  );
  return env.sign({ sub: row!.personId, pid: row!.personId, roles: ['resident'] });
}

/**
 * The notice of the lot's outcome: one notifications mailing of the lot version, one message per
 * owner of the lot's buildings, its texts naming the organization in every language.
 */
async function ownersTold(lot: ChoiceLot) {
  const [owners] = await env.em().execute<{ n: number }[]>(
    `select count(distinct o.person_id)::int as n from ownership o join apartment a on a.id = o.apartment_id
      where a.building_id = any(?::uuid[])`,
    [`{${lot.buildingIds.join(',')}}`],
  );
  const mailing = await until('the owners told', async () => {
    const [row] = await env
      .em()
      .execute<
        { kind: string; texts: Record<string, { subject: string; body: string }>; messages: number }[]
      >(
        `select g.kind, g.texts, (select count(*)::int from notification_message m where m.mailing_id = g.id) as messages
         from notification_mailing g where g.idempotency_key = ?`,
        [`lot:${lot.id}:v1:outcome`],
      );
    return row && row.messages === owners!.n ? row : undefined;
  });
  expect(owners!.n).toBeGreaterThan(0);
  expect(mailing.kind).toBe('lot_update');
  expect(Object.keys(mailing.texts).sort()).toEqual(['en', 'ru', 'uz']);
  return mailing.texts;
}

async function contractsOf(ids: string[]) {
  return Promise.all(
    ids.map((id) =>
      call(env.app, 'GET', `/contracts/${id}`, { token: env.tokens.council }).then((r) =>
        ok<{
          kind: string;
          organization: { id: string };
          buildingIds: string[];
          parameters: { tariffUzsPerM2: number; services: string[]; termMonths: number };
        }>(r),
      ),
    ),
  );
}

describe("the owners' choice of a lot's organization", () => {
  it('refuses strangers and the wrong roles before it looks at the lot', async () => {
    const lot = lots[0]!;
    await problem(await call(env.app, 'POST', `/lots/${lot.id}/choice`, { key: newKey() }), 401);
    await problem(await open(lot.id, env.tokens.resident), 403);
    await problem(await open(lot.id, env.tokens.manager), 403);
    await problem(await open(lot.id, env.tokens.inspector), 403);
    await problem(await call(env.app, 'POST', `/lots/${lot.id}/choice`, { token: env.tokens.council }), 400);
    await problem(await open(randomUUID()), 404);
    await problem(await call(env.app, 'GET', `/lots/${lot.id}/choice`), 401);
    // The persona resident owns in no lot here.
    await problem(await call(env.app, 'GET', `/lots/${lot.id}/choice`, { token: env.tokens.resident }), 403);
    await problem(await apply(lot.id, 1000, env.tokens.council), 403);
    await problem(await apply(lot.id, 1000, env.tokens.resident), 403);
    await problem(await call(env.app, 'POST', `/lots/${lot.id}/application`, { body: { tariff: 1 } }), 401);
    await problem(
      await bid(lot.id, { tariff: 1, programmeCommitment: 0, experienceYears: 1 }, env.tokens.council),
      403,
    );
    await problem(await call(env.app, 'GET', `/lots/${lot.id}/candidates`), 401);
    await problem(
      await call(env.app, 'GET', `/lots/${lot.id}/candidates`, { token: env.tokens.resident }),
      403,
    );
    await problem(
      await call(env.app, 'GET', `/lots/${randomUUID()}/candidates`, { token: env.tokens.council }),
      404,
    );
    await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/application/withdrawal`, { key: newKey() }),
      401,
    );
    await problem(await withdraw(lot.id, env.tokens.council), 403);
    await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/application/withdrawal`, { token: env.tokens.manager }),
      400,
    );
    await problem(await call(env.app, 'POST', `/lots/${lot.id}/bid`, { key: newKey(), body: {} }), 401);
    await problem(
      await bid(lot.id, { tariff: 1, programmeCommitment: 0, experienceYears: 1 }, env.tokens.resident),
      403,
    );
    await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/appointment`, { key: newKey(), body: {} }),
      401,
    );
    await problem(await appoint(lot.id, managerOrg, env.tokens.inspector), 403);
    await problem(await appoint(lot.id, managerOrg, env.tokens.manager), 403);
    await problem(await appoint(lot.id, managerOrg, env.tokens.resident), 403);
    // Before the choice opens there is no window to apply in.
    const early = await problem(await apply(lot.id, 1000), 409);
    expect(early.reason).toBe('not_allowed_from_state');
  });

  it('opens a window where registered organizations apply, sealed from owners and rivals, then the lot-wide vote chooses one and its contracts follow', async () => {
    const lot = lots[0]!;
    // The lot whose owners do not vote (the last test) runs beside this one: a vote takes a while.
    const silent = lots[2]!;
    await ok(await open(silent.id), 202);
    const key = newKey();
    const opened = await ok<{ selection: string }>(await open(lot.id, env.tokens.council, key), 202);
    expect(await ok(await open(lot.id, env.tokens.council, key), 202)).toEqual(opened);
    await inSelection(env, lot.id, ['applications']);
    expect((await problem(await open(lot.id), 409)).reason).toBe('not_allowed_from_state');

    // The company's lots page: the lots of its district open to applications, with the programme it
    // would commit to; nobody else's list.
    await problem(await call(env.app, 'GET', '/lots/open'), 401);
    await problem(await call(env.app, 'GET', '/lots/open', { token: env.tokens.resident }), 403);
    await problem(await call(env.app, 'GET', '/lots/open', { token: env.tokens.council }), 403);
    const listed = await ok<
      { id: string; selection: string; applicationsCloseAt: number; buildings: number }[]
    >(await call(env.app, 'GET', '/lots/open', { token: env.tokens.manager }));
    expect(listed.find((l) => l.id === lot.id)).toMatchObject({ selection: 'applications', buildings: 1 });
    expect(listed.find((l) => l.id === lot.id)!.applicationsCloseAt).toBeGreaterThan(Date.now() - 60_000);
    const unrelated = await env.sign({ sub: randomUUID(), roles: ['management_company'], org: randomUUID() });
    expect(await ok(await call(env.app, 'GET', '/lots/open', { token: unrelated }))).toEqual([]);
    await ok(await call(env.app, 'GET', `/lots/${lot.id}/programme`, { token: rivalToken }));

    // The applicant persona's organization is not in the register: refused with the reason.
    const ineligible = await problem(await apply(lot.id, 2000, env.tokens.applicant), 403);
    expect(ineligible.reason).toBe('not_eligible');
    await problem(await apply(lot.id, 0), 400, 'body.tariff');
    await problem(await apply(lot.id, 12.5), 400, 'body.tariff');

    const applyKey = newKey();
    await inSelection(env, silent.id, ['applications']);
    await ok(await apply(silent.id, 250_000));
    const first = await ok<{ tariff: number }>(await apply(lot.id, 260_000, env.tokens.manager, applyKey));
    expect(first.tariff).toBe(260_000);
    expect(await ok(await apply(lot.id, 260_000, env.tokens.manager, applyKey))).toEqual(first);
    expect((await problem(await apply(lot.id, 1, env.tokens.manager, applyKey), 409)).code).toBe(
      'lots.idempotency_conflict',
    );
    // Again within the window replaces the offer; a withdrawal takes it away, and it may come back.
    await ok(await apply(lot.id, 250_000));
    await ok(await apply(lot.id, 270_000, rivalToken));
    expect((await ok<{ tariff: number | null }>(await withdraw(lot.id, rivalToken))).tariff).toBeNull();
    expect((await problem(await withdraw(lot.id, rivalToken), 400)).reason).toBe('not_a_candidate');

    const officer = await choice(env, lot.id);
    expect(officer.candidates.map((c) => [c.organizationId, c.tariff])).toEqual([[managerOrg, 250_000]]);
    const owner = await ownerOf(lot);
    const sealed = await choice(env, lot.id, owner);
    expect(sealed.candidateCount).toBe(1);
    expect(sealed.candidates).toEqual([]);
    expect(await ok(await call(env.app, 'GET', `/lots/${lot.id}/candidates`, { token: owner }))).toEqual([]);
    expect((await choice(env, lot.id, rivalToken)).candidates).toEqual([]);
    expect((await choice(env, lot.id, env.tokens.manager)).candidates).toHaveLength(1);

    // The window closes: the lot-wide meeting is called with an item per candidate.
    await inSelection(env, lot.id, ['voting']);
    await problem(await apply(lot.id, 240_000), 409);
    const voting = await until('the meeting called', async () => {
      const v = await choice(env, lot.id);
      return v.meetingId ? v : undefined;
    });
    const ballot = await ok<{ organizationId: string; tariff: number; appliedAt: string }[]>(
      await call(env.app, 'GET', `/lots/${lot.id}/candidates`, { token: owner }),
    );
    expect(ballot).toEqual([
      expect.objectContaining({ organizationId: managerOrg, tariff: 250_000, appliedAt: '' }),
    ]);
    const meetingId = voting.meetingId!;
    const meeting = await ok<{
      buildingIds: string[];
      agenda: { kind: string; rule: string; organizationId: string }[];
    }>(await call(env.app, 'GET', `/meetings/${meetingId}`, { token: env.tokens.admin }));
    expect(meeting.buildingIds).toEqual(lot.buildingIds);
    expect(meeting.agenda).toEqual([
      expect.objectContaining({
        kind: 'management_organization',
        rule: 'majority_of_all',
        organizationId: managerOrg,
      }),
    ]);
    await until(
      'voting open',
      async () => {
        const m = await ok<{ phase: string }>(
          await call(env.app, 'GET', `/meetings/${meetingId}`, { token: env.tokens.admin }),
        );
        return m.phase === 'voting' ? m : undefined;
      },
      90_000,
    );
    expect(await everyoneVotesFor(env, meetingId)).toBeGreaterThan(0);

    const chosen = await until(
      'contracts of the chosen organization',
      async () => {
        const v = await choice(env, lot.id);
        return v.contractIds.length > 0 ? v : undefined;
      },
      60_000,
    );
    expect(chosen).toMatchObject({ selection: 'chosen', organizationId: managerOrg });
    const contracts = await contractsOf(chosen.contractIds);
    expect(contracts.map((c) => c.buildingIds)).toEqual(lot.buildingIds.map((b) => [b]));
    for (const c of contracts) {
      expect(c).toMatchObject({ kind: 'management', organization: { id: managerOrg } });
      expect(c.parameters.tariffUzsPerM2).toBe(2500);
      expect(c.parameters.termMonths).toBe(60);
      expect(c.parameters.services.join(' ')).toMatch(
        new RegExp(`programme of lot ${lot.number}, version 1 \\(programme sha256:[0-9a-f]{64}\\)`),
      );
    }
    const result = await workflowHandle(
      env.app.deps.temporal!,
      lotChoiceWorkflow,
      lotChoiceWorkflowId(lot.id, 1),
    ).result();
    expect(result).toMatchObject({
      selection: 'chosen',
      attempt: 1,
      organizationId: managerOrg,
      tariff: 250_000,
    });
    const told = await ownersTold(lot);
    expect(told.en!.subject).toContain(`the management organization of lot ${lot.number} is chosen`);
    expect(told.en!.body).toMatch(/general meeting .* chose ".+" .* Tariff: 2500 so'm per m²/);
    expect(told.ru!.body).toContain('Общее собрание собственников лота выбрало');
    expect(told.uz!.subject).toContain(`${lot.number}-lot boshqaruv tashkiloti tanlandi`);
  }, 150_000);

  it('sends a lot with no candidate to the competition: sealed bids, the protocol by the published criteria, the council appoints its winner', async () => {
    const lot = lots[1]!;
    await ok(await open(lot.id), 202);
    const competition = await inSelection(env, lot.id, ['competition'], 60_000);
    expect(competition.competitionReason).toBe('no_candidates');
    const opened = await until('competition published', async () => {
      const v = await choice(env, lot.id);
      return v.competition ? v : undefined;
    });
    expect(opened.competition!.criteria).toEqual({
      tariff: 40,
      programme: 40,
      experience: 20,
      experienceCapYears: 10,
    });

    const ineligible = await problem(
      await bid(lot.id, { tariff: 1000, programmeCommitment: 0, experienceYears: 1 }, env.tokens.applicant),
      403,
    );
    expect(ineligible.reason).toBe('not_eligible');
    await problem(
      await bid(lot.id, { tariff: 0, programmeCommitment: 0, experienceYears: 1 }),
      400,
      'body.tariff',
    );
    await ok(await bid(lot.id, { tariff: 300_000, programmeCommitment: 50_000_000, experienceYears: 12 }));
    await ok(
      await bid(lot.id, { tariff: 240_000, programmeCommitment: 10_000_000, experienceYears: 3 }, rivalToken),
    );
    // Sealed until the protocol: each bidder sees its own, owners none, the council how many.
    expect((await choice(env, lot.id, rivalToken)).bids.map((b) => b.organizationId)).toEqual([rivalOrg]);
    expect((await choice(env, lot.id)).bidCount).toBe(2);
    // Before the protocol the council cannot appoint.
    expect((await problem(await appoint(lot.id, managerOrg), 409)).code).toBe('lots.wrong_state');

    const ranked = await until('the protocol', async () => {
      const v = await choice(env, lot.id);
      return v.protocol ? v : undefined;
    });
    // Tariff 40 × 240/300 = 32 + programme 40 + experience 20 = 92 for the manager's organization;
    // the rival 40 + 8 + 6 = 54.
    expect(ranked.protocol!.map((b) => [b.organizationId, b.rank, b.points.total])).toEqual([
      [managerOrg, 1, 92],
      [rivalOrg, 2, 54],
    ]);
    await problem(await bid(lot.id, { tariff: 1000, programmeCommitment: 0, experienceYears: 1 }), 409);
    const wrong = await problem(await appoint(lot.id, rivalOrg), 400);
    expect(wrong.reason).toBe('not_the_winner');
    const key = newKey();
    const appointed = await ok<{ selection: string; organizationId: string }>(
      await appoint(lot.id, managerOrg, env.tokens.council, key),
    );
    expect(appointed).toMatchObject({ selection: 'appointed', organizationId: managerOrg });
    expect(await ok(await appoint(lot.id, managerOrg, env.tokens.council, key))).toEqual(appointed);
    const done = await until('contracts of the appointed organization', async () => {
      const v = await choice(env, lot.id);
      return v.contractIds.length > 0 ? v : undefined;
    });
    const [contract] = await contractsOf(done.contractIds);
    expect(contract).toMatchObject({ kind: 'management', organization: { id: managerOrg } });
    expect(contract!.parameters.tariffUzsPerM2).toBe(3000);
    const told = await ownersTold(lot);
    expect(told.en!.subject).toContain(`lot ${lot.number} is appointed by competition`);
    expect(told.en!.body).toMatch(
      /open competition the district council appointed ".+" .* Tariff: 3000 so'm/,
    );
    expect(told.ru!.subject).toContain('назначена по конкурсу');
  }, 150_000);

  it('repeats a meeting without quorum once, and no quorum again sends the lot to competition, published again while nobody bids', async () => {
    // Opened, with one candidate, beside the vote that chooses; nobody of this lot votes.
    const lot = lots[2]!;
    const v = await inSelection(env, lot.id, ['competition'], 150_000);
    expect(v.competitionReason).toBe('no_quorum');
    const attempts = await env
      .em()
      .execute<{ attempt: number }[]>('select attempt from meeting where series_id = ? order by attempt', [
        v.meetingId,
      ]);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
    const events = await env
      .em()
      .execute<{ action: string; data: { outcome?: { kind: string } } }[]>(
        `select action, data from lot_event where lot_id = ? and action = 'record_vote' order by chain_pos`,
        [lot.id],
      );
    expect(events.map((e) => e.data.outcome?.kind)).toEqual(['no_quorum', 'no_quorum']);

    // Nobody bids in the first term: the competition is published again, and a bid then wins it.
    const rounds = () =>
      env
        .em()
        .execute<{ n: number }[]>(
          `select count(*)::int as n from lot_event where lot_id = ? and action = 'competition_opened'`,
          [lot.id],
        )
        .then((r) => r[0]!.n);
    await until('a second round', async () => ((await rounds()) >= 2 ? true : undefined), 30_000);
    expect((await choice(env, lot.id)).protocol).toBeNull();
    // A round lasts seconds here: a bid that reaches one already closed waits for the next.
    await until('a bid in an open round', async () => {
      const res = await bid(lot.id, { tariff: 280_000, programmeCommitment: 0, experienceYears: 2 });
      const text = await res.clone().text();
      if (res.status === 409 && /"reason":"window_closed"/.test(text)) return undefined;
      return ok(res);
    });
    const ranked = await until('the protocol', async () => (await choice(env, lot.id)).protocol ?? undefined);
    expect(ranked.map((b) => b.organizationId)).toEqual([managerOrg]);
    await ok(await appoint(lot.id, managerOrg));
    const done = await until('contracts', async () => {
      const c = await choice(env, lot.id);
      return c.contractIds.length > 0 ? c : undefined;
    });
    expect(done).toMatchObject({ selection: 'appointed', organizationId: managerOrg });
    expect(await rounds()).toBeGreaterThanOrEqual(2);
  }, 200_000);
});
