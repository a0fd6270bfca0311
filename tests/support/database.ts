// The PostgreSQL a test run uses, and throwaway databases in it. A configured server
// (TEST_DATABASE_URL, else DATABASE_URL) must answer, or the run stops before any test runs; with
// none configured the run starts one embedded server for itself. Never anything else: a run that
// quietly picked some other server would test something nobody asked for.
import { randomBytes } from 'node:crypto';
import { createDatabase, dropDatabase, serverAddress, withDatabase } from '../../db/database-url.ts';
import { createOrm, migrateUp, type Orm } from '../../db/orm.ts';
import { serverVersion, startScratchPostgres } from '../../platform/embedded-postgres.ts';

/** What test files get through inject('postgres'): where to create their databases. */
export interface TestPostgres {
  adminUrl: string;
  /** A migrated, empty database to copy; without it each database is migrated anew. */
  template?: string;
}

export interface TestServer extends TestPostgres {
  /** One line for the run's log: version, address, and where the server comes from. */
  description: string;
  stop(): Promise<void>;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

type Env = Record<string, string | undefined>;

/** The server the environment names for tests, if any; empty variables count as unset. */
export function configuredPostgres(env: Env = process.env): { variable: string; url: string } | undefined {
  for (const variable of ['TEST_DATABASE_URL', 'DATABASE_URL']) {
    const url = env[variable];
    if (url) return { variable, url };
  }
  return undefined;
}

/** Connects to the configured server or throws an error that says what to do. */
export async function checkConfiguredPostgres(variable: string, url: string): Promise<string> {
  const admin = withDatabase(url, 'postgres');
  try {
    const version = await serverVersion(admin);
    return `PostgreSQL ${version} at ${serverAddress(admin)} (configured by ${variable})`;
  } catch (err) {
    throw new Error(
      `${variable} names a PostgreSQL at ${serverAddress(admin)} that cannot be reached: ${(err as Error).message}. ` +
        `Start that server, correct ${variable}, or unset TEST_DATABASE_URL and DATABASE_URL to test on an embedded PostgreSQL.`,
    );
  }
}

/** The configured server, checked, or a new embedded one; stop() stops only what it started. */
export async function startTestPostgres(env: Env = process.env): Promise<TestServer> {
  const configured = configuredPostgres(env);
  if (configured) {
    const description = await checkConfiguredPostgres(configured.variable, configured.url);
    return { adminUrl: withDatabase(configured.url, 'postgres'), description, stop: async () => undefined };
  }
  const server = await startScratchPostgres();
  return {
    adminUrl: server.adminUrl,
    description: `PostgreSQL ${server.version} at ${server.host}:${server.port} (embedded, started for this run)`,
    stop: server.stop,
  };
}

function uniqueName(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  return `mu_test_${slug}_${randomBytes(4).toString('hex')}`;
}

/** A migrated database to copy for each test file; drop() removes it at the end of the run. */
export async function createTemplate(adminUrl: string): Promise<TestDatabase & { name: string }> {
  const db = await createTestDatabase({ adminUrl }, 'template');
  return { ...db, name: new URL(db.url).pathname.slice(1) };
}

/** A migrated, empty database named mu_test_<label>_<random>; drop() removes it. */
export async function createTestDatabase(server: TestPostgres, label: string): Promise<TestDatabase> {
  const name = uniqueName(label);
  const url = await createDatabase(server.adminUrl, name, server.template);
  const drop = () => dropDatabase(server.adminUrl, name);
  if (!server.template) {
    try {
      await withOrm(url, migrateUp);
    } catch (error) {
      await drop();
      throw error;
    }
  }
  return { url, drop };
}

/**
 * For scripts outside vitest (history recorders, migration:create): a test server and one
 * database in it; drop() removes both.
 */
export async function scratchDatabase(label: string): Promise<TestDatabase> {
  const server = await startTestPostgres();
  try {
    const db = await createTestDatabase(server, label);
    return {
      url: db.url,
      async drop() {
        await db.drop();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
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
