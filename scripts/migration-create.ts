// Writes the next migration: the difference between the entities and the committed snapshot.
//   npm run migration:create -- [name]
// It first brings a scratch database (DATABASE_URL, else one on a throwaway embedded PostgreSQL)
// up to the committed migrations, so a fresh checkout can generate without any manual setup.
import { readdirSync } from 'node:fs';
import { createDatabase, databaseNameOf, withDatabase } from '../db/database-url.ts';
import { createOrm, MIGRATIONS_PATH, migrateUp } from '../db/orm.ts';
import { startScratchPostgres } from '../platform/embedded-postgres.ts';

const scratch = process.env.DATABASE_URL ? undefined : await startScratchPostgres();
const url = process.env.DATABASE_URL || withDatabase(scratch!.adminUrl, 'mu_migrations');
const name = process.argv.slice(2).find((a) => !a.startsWith('-'));

await createDatabase(withDatabase(url, 'postgres'), databaseNameOf(url));
const orm = await createOrm({ url });
try {
  const initial = !readdirSync(MIGRATIONS_PATH).some((f) => /^Migration.*\.ts$/.test(f));
  if (!initial) await migrateUp(orm);
  const result = initial
    ? await orm.migrator.create(undefined, false, true, name)
    : await orm.migrator.create(undefined, false, false, name);
  if (result.fileName) {
    console.log(`Created db/migrations/${result.fileName}`);
  } else {
    console.log('No schema changes: nothing to migrate.');
  }
} finally {
  await orm.close();
  await scratch?.stop();
}
