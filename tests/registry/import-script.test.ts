// `npm run import -- <kind> <file>` as an operator runs it: a child process against the suite's
// database, its exit code and the report it prints, for a good file and then a bad one.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../db/orm.ts';
import { BUILDING_HEADER, cadastral, countsOf, csv, newDistrict } from './import-fixtures.ts';

const run = promisify(execFile);
let orm: Orm;
let dir: string;
beforeAll(async () => {
  orm = await createOrm({ url: inject('databaseUrl'), poolMax: 1 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'mu-import-'));
});
afterAll(async () => {
  await orm.close();
  await rm(dir, { recursive: true, force: true });
});

async function importFile(kind: string, file: string) {
  const root = new URL('../../', import.meta.url).pathname;
  return run(process.execPath, ['scripts/import.ts', kind, file], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({
      code: err.code,
      stdout: err.stdout,
      stderr: err.stderr,
    }),
  );
}

it('imports a small file, prints the report, and refuses a bad one with exit code 1', async () => {
  const d = await newDistrict(orm);
  const [b1, b2] = [cadastral(), cadastral()];
  const good = path.join(dir, 'binolar.csv');
  await writeFile(
    good,
    csv(BUILDING_HEADER, [
      [b1, d.code, 'Bobur ko‘chasi 1', 1975, 5, 4, 3200, 2900, d.organizationTin],
      [b2, d.code, 'Bobur ko‘chasi 3', 1975, 5, 4, 3200, 2900, ''],
    ]),
  );
  const first = await importFile('buildings', good);
  expect(first, first.stderr).toMatchObject({ code: 0 });
  expect(first.stdout).toMatch(
    /Imported 2 buildings rows from .*binolar\.csv: 2 created, 0 updated, 0 unchanged \(run [0-9a-f-]{36}\)/,
  );
  expect((await countsOf(orm.em.fork() as EntityManager, [b1, b2], [])).buildings).toBe(2);

  const bad = path.join(dir, 'xato.csv');
  await writeFile(bad, csv(BUILDING_HEADER, [[b1, d.code, 'Bobur ko‘chasi 1', 1975, 0, 4, 3200, 2900, '']]));
  const second = await importFile('buildings', bad);
  expect(second.code).toBe(1);
  expect(second.stderr).toContain('Not imported: 1 problems');
  expect(second.stderr).toContain('row 2, floors: must be a whole number from 1 to 100');

  const usage = await importFile('flats', good);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('the kind must be one of buildings, apartments, owners');
});
