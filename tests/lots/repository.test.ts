// Lots on the real database, seeded with the configured demo: the proposal for the demo district
// saved as draft lots, every building in one lot at most (the rule and the database's own index),
// edits refused with the rule they break, and a lot's approval with a return and a resubmission,
// an approved lot frozen until a new version, all on a hash-chained history.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyHistory } from '../../db/audit/verify.ts';
import { LOT_HISTORY } from '../../db/lots/entities.ts';
import {
  applyToLot,
  type LotSummary,
  lotOfBuilding,
  moveBuildingToLot,
  proposeForDistrict,
  saveDraftLots,
} from '../../db/lots/repository.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { DEMO_IDS, seedDemo } from '../../db/seed/demo.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { DEFAULT_LOT_POLICY, resolveLotPolicy } from '../../domain/lots/policy.ts';
import { loadConfig } from '../../platform/config.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let orm: Orm;
let districtId: string;
const officer = randomUUID();
const now = new Date('2026-12-01T10:00:00+05:00');
const SHA = 'a'.repeat(64);

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'lots_repository');
  orm = await createOrm({ url: db.url });
  await seedDemo(orm, loadConfig({}).demo);
  const [row] = await orm.em
    .fork()
    .execute<{ id: string }[]>('select district_id as id from building where id = ?', [DEMO_IDS.building]);
  districtId = row!.id;
}, 240_000);
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RuleError);
  return err as RuleError<string>;
};

describe('lots of the demo district', () => {
  let lots: LotSummary[];

  it('saves the proposal as draft lots, each of 7,000 apartments or more, every building once; the same key is the same save', async () => {
    const proposal = await proposeForDistrict(orm.em.fork(), districtId, DEFAULT_LOT_POLICY);
    expect(proposal.lots.length).toBeGreaterThanOrEqual(2);
    const key = randomUUID();
    const save = () =>
      saveDraftLots(orm.em.fork(), {
        districtId,
        lots: proposal.lots.map((l) => ({ buildingIds: l.buildingIds })),
        policy: DEFAULT_LOT_POLICY,
        idempotencyKey: key,
        requestSha256: SHA,
        actorUserId: officer,
        now,
      });
    lots = await save();
    expect(lots.map((l) => l.number)).toEqual(proposal.lots.map((_, i) => i + 1));
    for (const lot of lots) {
      expect(lot.apartments).toBeGreaterThanOrEqual(7000);
      expect(lot.state.approval).toBe('draft');
    }
    expect((await save()).map((l) => l.id)).toEqual(lots.map((l) => l.id));
    const [{ n }] = (await orm.em
      .fork()
      .execute<{ n: number }[]>('select count(*)::int n from lot where district_id = ?', [districtId])) as [
      { n: number },
    ];
    expect(n).toBe(lots.length);
    expect((await lotOfBuilding(orm.em.fork(), DEMO_IDS.building))?.id).toBe(
      lots.find((l) => l.buildingIds.includes(DEMO_IDS.building))!.id,
    );
    // Nothing is left to propose.
    expect((await proposeForDistrict(orm.em.fork(), districtId, DEFAULT_LOT_POLICY)).lots).toEqual([]);
  });

  it('refuses a second lot over buildings already in one, and the database refuses it too', async () => {
    const err = await refusal(
      saveDraftLots(orm.em.fork(), {
        districtId,
        lots: [{ buildingIds: lots[0]!.buildingIds }],
        policy: DEFAULT_LOT_POLICY,
        idempotencyKey: randomUUID(),
        requestSha256: SHA,
        actorUserId: officer,
        now,
      }),
    );
    expect(err.code).toBe('violations');
    expect(err.message).toContain('building_unknown');
    await expect(
      orm.em
        .fork()
        .execute(
          `insert into lot_membership (id, lot_id, building_id, version, since) values (?, ?, ?, 1, now())`,
          [randomUUID(), lots[1]!.id, lots[0]!.buildingIds[0]],
        ),
    ).rejects.toThrow(/lot_membership_current_unique/);
  });

  it('moves a building between draft lots, and refuses a move that leaves a lot too small, naming the rule', async () => {
    const [a, b] = lots as [LotSummary, LotSummary];
    const building = a.buildingIds.at(-1)!;
    const moved = await moveBuildingToLot(orm.em.fork(), {
      buildingId: building,
      toLotId: b.id,
      policy: DEFAULT_LOT_POLICY,
      requestId: randomUUID(),
      requestSha256: SHA,
      actorUserId: officer,
      now,
    });
    expect(moved[0]!.buildingIds).not.toContain(building);
    expect(moved[1]!.buildingIds).toContain(building);
    expect(moved[0]!.apartments + moved[1]!.apartments).toBe(a.apartments + b.apartments);
    // With a minimum of exactly what lot 2 now holds, taking a building out of it breaks the rule.
    const tight = resolveLotPolicy({ minApartments: moved[1]!.apartments });
    const err = await refusal(
      moveBuildingToLot(orm.em.fork(), {
        buildingId: building,
        toLotId: a.id,
        policy: tight,
        requestId: randomUUID(),
        requestSha256: SHA,
        actorUserId: officer,
        now,
      }),
    );
    expect(err.code).toBe('violations');
    expect(err.message).toMatch(/lot 2 has \d+ apartments, fewer than the minimum \d+ \(lot_too_small\)/);
    expect((await lotOfBuilding(orm.em.fork(), building))!.id).toBe(b.id);
    lots = moved;
  });

  it('goes through approval: submitted, returned with remarks, resubmitted, approved; approved is frozen until a new version', async () => {
    const lot = lots[0]!;
    const step = (
      command: Parameters<typeof applyToLot>[1]['command'],
      party: 'officer' | 'council',
      requestId = randomUUID(),
    ) => applyToLot(orm.em.fork(), { lotId: lot.id, command, party, requestId, actorUserId: officer, now });
    expect((await step({ type: 'submit' }, 'officer')).state.approval).toBe('submitted');
    // Only the council decides, and a return needs its remarks.
    expect((await refusal(step({ type: 'approve', decisionDocument: 'x' }, 'officer'))).code).toBe(
      'forbidden',
    );
    const noRemarks = await refusal(step({ type: 'return', remarks: '  ' }, 'council'));
    expect([noRemarks.code, noRemarks.fields, noRemarks.reason]).toEqual([
      'invalid',
      ['remarks'],
      'remarks_required',
    ]);
    const returned = await step({ type: 'return', remarks: 'Move the school quarter to lot 2' }, 'council');
    expect(returned.state).toMatchObject({
      approval: 'returned',
      remarks: 'Move the school quarter to lot 2',
    });
    await step({ type: 'submit' }, 'officer');
    // No version is approved without its signed act: the approval records both or nothing.
    const unsigned = await refusal(step({ type: 'approve', decisionDocument: 'act-1' }, 'council'));
    expect([unsigned.code, unsigned.reason]).toEqual(['invalid', 'document_required']);
    const approveId = randomUUID();
    const signedStep = () =>
      applyToLot(orm.em.fork(), {
        lotId: lot.id,
        command: { type: 'approve', decisionDocument: 'act-1' },
        party: 'council',
        requestId: approveId,
        actorUserId: officer,
        now,
        actHtml: '<p>act</p>',
        signature: {
          signerUserId: officer,
          signerName: 'Council member',
          envelope: { scheme: 'ecdsa-p256-sha256', publicKeyJwk: {}, signatureBase64: 'c2ln' },
          verification: { status: 'verified', signer: {}, verifiedAt: now.toISOString() } as never,
        },
      });
    const approved = await signedStep();
    expect(approved.state).toMatchObject({ approval: 'approved', decisionDocument: 'act-1', version: 1 });
    const [signature] = await orm.em
      .fork()
      .execute<{ document: string; name: string }[]>(
        'select document, signer_name as name from lot_act_signature where lot_id = ?',
        [lot.id],
      );
    expect(signature).toEqual({ document: 'act-1', name: 'Council member' });
    // The same request again changes nothing.
    expect((await signedStep()).state).toEqual(approved.state);
    const frozen = await refusal(
      moveBuildingToLot(orm.em.fork(), {
        buildingId: lot.buildingIds[0]!,
        toLotId: lots[1]!.id,
        policy: DEFAULT_LOT_POLICY,
        requestId: randomUUID(),
        requestSha256: SHA,
        actorUserId: officer,
        now,
      }),
    );
    expect(frozen.code).toBe('wrong_state');
    const revised = await step({ type: 'revise' }, 'officer');
    expect(revised.state).toMatchObject({ version: 2, approval: 'draft' });
    const versions = await orm.em
      .fork()
      .execute<{ version: number; approved: boolean; remarks: string | null }[]>(
        'select version, approved_at is not null as approved, remarks from lot_version where lot_id = ? order by version',
        [lot.id],
      );
    expect(versions).toEqual([
      { version: 1, approved: true, remarks: 'Move the school quarter to lot 2' },
      { version: 2, approved: false, remarks: null },
    ]);
    const events = await orm.em
      .fork()
      .execute<{ action: string }[]>('select action from lot_event where lot_id = ? order by chain_pos', [
        lot.id,
      ]);
    expect(events.map((e) => e.action)).toEqual([
      'create',
      'building_left',
      'submit',
      'return',
      'submit',
      'approve',
      'revise',
    ]);
    expect(await verifyHistory(orm.em.fork(), LOT_HISTORY, [lot.id])).toMatchObject({ valid: true, rows: 7 });
  });
});
