// The hash chain over histories, against PostgreSQL: the trigger and the domain's recomputation
// agree byte for byte, concurrent writers still form one chain, the migration chains rows that
// existed before it, and every kind of tampering (as a superuser who switches the triggers off) is
// caught and names the row.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AUDIT_HISTORY } from '../../db/audit/entities.ts';
import { readChain, verifyHistory } from '../../db/audit/verify.ts';
import { createDatabase, dropDatabase } from '../../db/database-url.ts';
import { appendAudit } from '../../db/meetings/audit.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { canonicalContent, chainRowHash, GENESIS_HASH } from '../../domain/common/audit-chain.ts';
import { createTestDatabase, type TestDatabase, withOrm } from '../support/database.ts';

let db: TestDatabase;
let orm: Orm;

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'audit-chain');
  orm = await createOrm({ url: db.url, poolMax: 8 });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const em = () => orm.em.fork() as EntityManager;

/** A record with `n` audit rows, each in its own transaction. */
async function stream(n: number, data: (i: number) => Record<string, unknown> = (i) => ({ i })) {
  const entityId = randomUUID();
  for (let i = 0; i < n; i++) {
    await appendAudit(em(), {
      actorUserId: null,
      entity: 'meeting',
      entityId,
      action: `step${i}`,
      data: data(i),
    });
  }
  return entityId;
}

const verify = (entityId: string) => verifyHistory(em(), AUDIT_HISTORY, ['meeting', entityId]);

/** As a superuser bypassing every trigger, the way an attacker with the database would. */
async function tamper(sql: string, params: unknown[] = []) {
  await em().transactional(async (tx) => {
    await tx.execute(`set local session_replication_role = replica`);
    await tx.execute(sql, params);
  });
}

const rowIds = async (entityId: string) =>
  (await readChain(em(), AUDIT_HISTORY, ['meeting', entityId])).map((r) => r.id);

describe('the trigger and the domain agree', () => {
  it('serialize and hash awkward content identically, whatever the session time zone', async () => {
    const awkward = {
      text: 'Yig\u02bbilish "bayonnomasi" \\ \u0001\u001f\t\n\r\b\f \u2028 \u{1F3E0} Ё ў',
      numbers: [0, -1, 1.5, 123456789012, 1e-7],
      nested: { z: null, a: true, ключ: 'значение' },
    };
    const entityId = randomUUID();
    await em().transactional(async (tx) => {
      await tx.execute(`set local timezone = 'Asia/Tashkent'`);
      await appendAudit(tx, {
        actorUserId: randomUUID(),
        entity: 'meeting',
        entityId,
        action: 'x',
        data: awkward,
      });
      await appendAudit(tx, { actorUserId: null, entity: 'meeting', entityId, action: 'y', data: {} });
    });
    const rows = await readChain(em(), AUDIT_HISTORY, ['meeting', entityId]);
    expect(rows.map((r) => r.position)).toEqual([1, 2]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.rowHash);
    const [sql] = await em().execute<{ canonical: string }[]>(
      `select audit_canonical(audit_row_content(t)) as canonical from audit_event t where id = ?`,
      [rows[0]!.id],
    );
    expect(canonicalContent(rows[0]!.content)).toBe(sql!.canonical);
    expect(rows[0]!.content.at).toMatch(/\+00:00$/);
    for (const row of rows) {
      expect(await chainRowHash('audit_event', row.prevHash!, row.content)).toBe(row.rowHash);
    }
    // Read back in another zone: the content, and so the verdict, does not move with the session.
    await em().transactional(async (tx) => {
      await tx.execute(`set local timezone = 'America/Los_Angeles'`);
      expect(await verifyHistory(tx, AUDIT_HISTORY, ['meeting', entityId])).toMatchObject({
        valid: true,
        rows: 2,
      });
    });
  });

  it('chains each stream on its own', async () => {
    const a = await stream(2);
    const b = await stream(3);
    expect(await verify(a)).toEqual({
      valid: true,
      rows: 2,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await verify(b)).toMatchObject({ valid: true, rows: 3 });
  });
});

describe('concurrent writers', () => {
  it('inserting into one stream at once still form one unbroken chain', async () => {
    const entityId = randomUUID();
    const writers = 24;
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        em().transactional(async (tx) => {
          await appendAudit(tx, { actorUserId: null, entity: 'meeting', entityId, action: 'a', data: { i } });
          await appendAudit(tx, { actorUserId: null, entity: 'meeting', entityId, action: 'b', data: { i } });
        }),
      ),
    );
    const rows = await readChain(em(), AUDIT_HISTORY, ['meeting', entityId]);
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: writers * 2 }, (_, i) => i + 1));
    // A transaction's two rows stay together: the lock is held until it commits.
    for (let i = 0; i < rows.length; i += 2) expect(rows[i]!.content.data).toBe(rows[i + 1]!.content.data);
    expect(await verify(entityId)).toMatchObject({ valid: true, rows: writers * 2 });
  });
});

describe('one statement', () => {
  it('inserting many rows chains them in the order it writes them', async () => {
    const entityId = randomUUID();
    await em().execute(
      `insert into audit_event (id, at, entity, entity_id, action, data)
       select gen_random_uuid(), now(), 'meeting', ?, 'bulk', jsonb_build_object('i', i) from generate_series(1, 50) i`,
      [entityId],
    );
    const rows = await readChain(em(), AUDIT_HISTORY, ['meeting', entityId]);
    expect(rows.map((r) => JSON.parse(r.content.data!).i)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(await verify(entityId)).toMatchObject({ valid: true, rows: 50 });
  });
});

describe('tampering is detected and names the row', () => {
  it('an edited row', async () => {
    const entityId = await stream(4);
    const ids = await rowIds(entityId);
    await tamper(`update audit_event set data = '{"i": 99}' where id = ?`, [ids[2]]);
    expect(await verify(entityId)).toMatchObject({
      valid: false,
      rows: 4,
      reason: 'content_changed',
      firstBrokenAt: { position: 3, rowId: ids[2] },
    });
  });

  it('an edited row whose hash the attacker recomputed breaks the link of the next', async () => {
    const entityId = await stream(3);
    const ids = await rowIds(entityId);
    await tamper(`update audit_event set data = '{"i": 99}' where id = ?`, [ids[0]]);
    await tamper(
      `update audit_event t set row_hash = audit_chain_hash('audit_event', prev_hash, audit_row_content(t)) where id = ?`,
      [ids[0]],
    );
    const rows = await readChain(em(), AUDIT_HISTORY, ['meeting', entityId]);
    expect(rows[0]!.rowHash).toBe(await chainRowHash('audit_event', GENESIS_HASH, rows[0]!.content));
    expect(await verify(entityId)).toMatchObject({
      valid: false,
      reason: 'link_broken',
      firstBrokenAt: { position: 2, rowId: ids[1] },
    });
  });

  it('a deleted row', async () => {
    const entityId = await stream(4);
    const ids = await rowIds(entityId);
    await tamper(`delete from audit_event where id = ?`, [ids[1]]);
    expect(await verify(entityId)).toMatchObject({
      valid: false,
      rows: 3,
      reason: 'row_missing',
      firstBrokenAt: { position: 3, rowId: ids[2] },
    });
  });

  it('two rows swapped', async () => {
    const entityId = await stream(4);
    const ids = await rowIds(entityId);
    const move = (from: number, to: number) =>
      tamper(`update audit_event set chain_pos = ? where entity_id = ? and chain_pos = ?`, [
        to,
        entityId,
        from,
      ]);
    await move(2, -2);
    await move(3, 2);
    await move(-2, 3);
    expect(await verify(entityId)).toMatchObject({
      valid: false,
      reason: 'link_broken',
      firstBrokenAt: { position: 2, rowId: ids[2] },
    });
  });

  it('a row slipped in between, with a well-formed link to its predecessor', async () => {
    const entityId = await stream(3);
    const ids = await rowIds(entityId);
    const forged = randomUUID();
    await tamper(`update audit_event set chain_pos = chain_pos + 10 where entity_id = ? and chain_pos >= 2`, [
      entityId,
    ]);
    await tamper(`update audit_event set chain_pos = chain_pos - 9 where entity_id = ? and chain_pos > 10`, [
      entityId,
    ]);
    await tamper(
      `insert into audit_event (id, at, entity, entity_id, action, data, chain_pos, prev_hash, row_hash)
       select ?, now(), 'meeting', entity_id, 'forged', '{}', 2, row_hash, '' from audit_event where id = ?`,
      [forged, ids[0]],
    );
    await tamper(
      `update audit_event t set row_hash = audit_chain_hash('audit_event', prev_hash, audit_row_content(t)) where id = ?`,
      [forged],
    );
    expect((await rowIds(entityId))[1]).toBe(forged);
    expect(await verify(entityId)).toMatchObject({
      valid: false,
      rows: 4,
      reason: 'link_broken',
      firstBrokenAt: { position: 3, rowId: ids[1] },
    });
  });

  it('a row written with the chain trigger off', async () => {
    const entityId = await stream(2);
    const forged = randomUUID();
    await tamper(
      `insert into audit_event (id, at, entity, entity_id, action, data) values (?, now(), 'meeting', ?, 'forged', '{}')`,
      [forged, entityId],
    );
    expect(await verify(entityId)).toMatchObject({
      valid: false,
      reason: 'row_inserted',
      firstBrokenAt: { position: 0, rowId: forged },
    });
  });

  it('rows cut off the end leave a shorter valid chain whose head differs from the one noted', async () => {
    const entityId = await stream(3);
    const noted = await verify(entityId);
    const ids = await rowIds(entityId);
    await tamper(`delete from audit_event where id = ?`, [ids[2]]);
    const after = await verify(entityId);
    expect(after).toMatchObject({ valid: true, rows: 2 });
    expect(after.headHash).not.toBe(noted.headHash);
  });
});

describe('the migration', () => {
  it('chains the rows that existed before it, per stream in insertion order', async () => {
    const { adminUrl } = inject('postgres');
    const name = `mu_test_audit_backfill_${randomUUID().slice(0, 8)}`;
    const url = await createDatabase(adminUrl, name);
    try {
      // A database as it was before the chain: history written, then the migration runs.
      await withOrm(url, (o) => o.migrator.up({ to: 'Migration20261125021511_commissioning' }));
      const a = randomUUID();
      const b = randomUUID();
      await withOrm(url, async (o) => {
        await o.em.fork().transactional(async (tx) => {
          for (const [i, id] of [a, b, a, a, b].entries()) {
            await tx.execute(
              `insert into audit_event (id, at, entity, entity_id, action, data) values (?, now(), 'meeting', ?, ?, '{}')`,
              [randomUUID(), id, `step${i}`],
            );
          }
        });
        await o.migrator.up();
      });
      await withOrm(url, async (o) => {
        const tx = o.em.fork() as EntityManager;
        expect(await verifyHistory(tx, AUDIT_HISTORY, ['meeting', a])).toMatchObject({
          valid: true,
          rows: 3,
        });
        expect(await verifyHistory(tx, AUDIT_HISTORY, ['meeting', b])).toMatchObject({
          valid: true,
          rows: 2,
        });
        const actions = (await readChain(tx, AUDIT_HISTORY, ['meeting', a])).map((r) => r.content.action);
        expect(actions).toEqual(['step0', 'step2', 'step3']);
        // New rows continue the backfilled chain.
        await appendAudit(tx, {
          actorUserId: null,
          entity: 'meeting',
          entityId: a,
          action: 'after',
          data: {},
        });
        expect(await verifyHistory(tx, AUDIT_HISTORY, ['meeting', a])).toMatchObject({
          valid: true,
          rows: 4,
        });
      });
    } finally {
      await dropDatabase(adminUrl, name);
    }
  });
});
