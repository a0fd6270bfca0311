// Loads the synthetic demo registry into DATABASE_URL, e.g. for load tests:
//   npm run seed -- --apartments 100000 [--seed 7] [--reset]
// Runs the migrations first. Refuses a database that already holds registry data unless --reset,
// which replaces it (in the seeding transaction, so a failed run leaves the old data in place).
import { parseArgs } from 'node:util';
import { createOrm, migrateUp } from '../db/orm.ts';
import { isDatabaseEmpty, MIN_DEMO_APARTMENTS, seedDemo } from '../db/seed/demo.ts';
import { loadConfig } from '../platform/config.ts';
import { progressBar } from './lib/progress.ts';

const fail = (message: string, code = 2): never => {
  console.error(`seed: ${message}`);
  process.exit(code);
};

const { values } = parseArgs({
  options: {
    apartments: { type: 'string' },
    seed: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});
const config = loadConfig();
const url =
  config.database.url ??
  fail('DATABASE_URL is not set (`npm start` prints the URL of the database it embeds)');
const integer = (name: string, raw: string | undefined, fallback: number) => {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) ? n : fail(`--${name} must be an integer, got "${raw}"`);
};
const apartments = integer('apartments', values.apartments, config.demo.apartments);
const seed = integer('seed', values.seed, config.demo.seed);
if (apartments < MIN_DEMO_APARTMENTS) fail(`--apartments must be at least ${MIN_DEMO_APARTMENTS}`);

const orm = await createOrm({ url, poolMax: 2 });
try {
  await migrateUp(orm);
  if (!values.reset && !(await isDatabaseEmpty(orm.em.fork()))) {
    fail('the database already holds registry data; pass --reset to replace it', 1);
  }
  console.log(
    `Seeding ${apartments} apartments (seed ${seed})${values.reset ? ', replacing the registry' : ''}`,
  );
  const bar = progressBar('rows');
  const started = performance.now();
  const result = await seedDemo(orm, { seed, apartments, reset: values.reset, onProgress: bar.update });
  bar.stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Seeded ${result.buildings} buildings, ${result.apartments} apartments, ${result.persons} persons, ` +
      `${result.ownerships} ownerships in ${seconds} s`,
  );
} finally {
  await orm.close();
}
