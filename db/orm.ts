// The one way to get an ORM: every process (API, worker, scripts, tests) calls createOrm, so all of
// them see the same entities, the same migrations and the same pool rules.
import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { socketDirOf } from './database-url.ts';
import { entities } from './entities.ts';
import { DEFAULT_POOL_TIMEOUTS, type PoolTimeouts, resilientPoolOptions } from './pool.ts';

export type Orm = MikroORM;

export const MIGRATIONS_PATH = fileURLToPath(new URL('./migrations', import.meta.url));

export interface CreateOrmOptions {
  url: string;
  poolMax?: number;
  debug?: boolean;
  /** Acquire and statement timeouts (DATABASE_ACQUIRE_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS). */
  timeouts?: Partial<PoolTimeouts>;
  /** Shown in pg_stat_activity, so an operator (or a fault test) tells the API's sessions from the worker's. */
  applicationName?: string;
}

export async function createOrm(opts: CreateOrmOptions): Promise<Orm> {
  // The ORM takes the host from the URL's authority, not from its `host` parameter.
  const socket = socketDirOf(opts.url);
  return MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: opts.url,
    ...(socket ? { host: socket } : {}),
    entities,
    extensions: [Migrator],
    pool: { min: 0, max: opts.poolMax ?? 10 },
    // A dropped connection frees its slot and the next query opens a new one (db/pool.ts).
    driverOptions: {
      ...resilientPoolOptions({ ...DEFAULT_POOL_TIMEOUTS, ...opts.timeouts }),
      application_name: opts.applicationName ?? 'mening-uyim',
    },
    debug: opts.debug ?? false,
    // Only forks and RequestContext may touch entities: a shared identity map across requests or
    // activities would leak one caller's rows into another's.
    allowGlobalContext: false,
    // Databases are created on purpose (scripts, tests), never as a side effect of a typo'd URL.
    ensureDatabase: false,
    migrations: {
      path: MIGRATIONS_PATH,
      pathTs: MIGRATIONS_PATH,
      emit: 'ts',
      // A fixed name: the default embeds the database name, which differs per test database.
      snapshotName: '.snapshot-mening-uyim',
      // Only migration:create writes the snapshot; running migrations must not touch the source tree.
      snapshotOnMigrate: false,
      silent: true,
    },
  });
}

export async function migrateUp(orm: Orm): Promise<void> {
  await orm.migrator.up();
}
