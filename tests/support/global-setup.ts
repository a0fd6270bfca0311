// Starts the real servers the suite runs against once per run, and hands their addresses to the
// tests through vitest's provide/inject (never through process.env, which workers don't share).
import type { TestProject } from 'vitest/node';
import { seedDemo } from '../../db/seed/demo.ts';
import { loadConfig } from '../../platform/config.ts';
import { createTestDatabase, withOrm } from './database.ts';
import { startTestTemporal } from './temporal-server.ts';

export default async function setup(project: TestProject) {
  const [db, temporal] = await Promise.all([createTestDatabase('suite'), startTestTemporal()]);
  // The demo district is the shared fixture: API and browser tests sign in as its personas.
  await withOrm(db.url, (orm) => seedDemo(orm, loadConfig({}).demo));
  project.provide('databaseUrl', db.url);
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalCliPath', temporal.cliPath);
  return async () => {
    await temporal.stop();
    await db.drop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated throwaway database for this run; tests create their own rows. */
    databaseUrl: string;
    temporalAddress: string;
    temporalCliPath: string;
  }
}
