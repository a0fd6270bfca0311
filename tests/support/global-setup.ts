// Starts the real servers the suite runs against once per run, and hands their addresses to the
// tests through vitest's provide/inject (never through process.env, which workers don't share).
import type { TestProject } from 'vitest/node';
import { seedDemo } from '../../db/seed/demo.ts';
import { loadConfig } from '../../platform/config.ts';
import {
  createTemplate,
  createTestDatabase,
  startTestPostgres,
  type TestPostgres,
  withOrm,
} from './database.ts';
import { startTestTemporal } from './temporal-server.ts';

async function preparePostgres() {
  const server = await startTestPostgres();
  console.log(`\n  ${server.description}\n`);
  try {
    // Migrated once; each database a test file asks for is a copy of it (faster than migrating).
    const template = await createTemplate(server.adminUrl);
    const postgres: TestPostgres = { adminUrl: server.adminUrl, template: template.name };
    const suite = await createTestDatabase(postgres, 'suite');
    // The demo district is the shared fixture: API and browser tests sign in as its personas.
    await withOrm(suite.url, (orm) => seedDemo(orm, loadConfig({}).demo));
    return {
      postgres,
      suite,
      async stop() {
        await suite.drop();
        await template.drop();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

export default async function setup(project: TestProject) {
  const [db, temporal] = await Promise.allSettled([preparePostgres(), startTestTemporal()]);
  if (db.status === 'rejected' || temporal.status === 'rejected') {
    if (db.status === 'fulfilled') await db.value.stop();
    if (temporal.status === 'fulfilled') await temporal.value.stop();
    throw db.status === 'rejected' ? db.reason : (temporal as PromiseRejectedResult).reason;
  }
  project.provide('postgres', db.value.postgres);
  project.provide('databaseUrl', db.value.suite.url);
  project.provide('temporalAddress', temporal.value.address);
  project.provide('temporalCliPath', temporal.value.cliPath);
  return async () => {
    await temporal.value.stop();
    await db.value.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL, for files that need databases of their own (createTestDatabase). */
    postgres: TestPostgres;
    /** A migrated database for this run with the demo district; tests create their own rows. */
    databaseUrl: string;
    temporalAddress: string;
    temporalCliPath: string;
  }
}
