// Throwaway databases for tests. Against the local PostgreSQL when there is one (CI, this
// machine); otherwise against an embedded PGlite server in a temp folder, so a fresh laptop
// runs the suite with nothing installed.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createDatabase,
  dropDatabase,
  isEmbeddedUrl,
  isReachable,
  withDatabase,
} from '../../db/database-url.ts';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.ts';
import { createOrm, migrateUp, type Orm } from '../../db/orm.ts';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const adminUrl = () =>
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function migrate(url: string): Promise<void> {
  await withOrm(url, migrateUp);
}

/** A migrated, empty database named mu_test_<label>_<random>; drop() removes it. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const admin = withDatabase(adminUrl(), 'postgres');
  // PGlite serves one database whatever the URL names, so it cannot host per-test databases.
  if (!isEmbeddedUrl(admin) && (await isReachable(admin))) {
    const slug = label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .slice(0, 30);
    const name = `mu_test_${slug}_${randomBytes(4).toString('hex')}`;
    const url = await createDatabase(admin, name);
    try {
      await migrate(url);
    } catch (error) {
      await dropDatabase(admin, name);
      throw error;
    }
    return { url, drop: () => dropDatabase(admin, name) };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), `mu-test-${label.replace(/[^a-zA-Z0-9]+/g, '-')}-`));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
  await migrate(pg.url);
  return {
    url: pg.url,
    async drop() {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs fn with an ORM on url and always closes it. */
export async function withOrm<T>(url: string, fn: (orm: Orm) => Promise<T>): Promise<T> {
  const orm = await createOrm({ url, poolMax: 2 });
  try {
    return await fn(orm);
  } finally {
    await orm.close();
  }
}
