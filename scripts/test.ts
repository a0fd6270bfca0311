// `npm test`: checks that a configured PostgreSQL answers, provisions what the suite runs against
// (the temporal CLI, Chromium, the widget bundle), checks types and lint, then runs vitest. Extra
// arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { loadConfig } from '../platform/config.ts';
import { resolveTemporalCli } from '../platform/temporal.ts';
import { checkConfiguredPostgres, configuredPostgres } from '../tests/support/database.ts';
import { ensureChromium } from './lib/chromium.ts';
import { ensureWidgetBundle } from './lib/widgets.ts';

const started = Date.now();
const step = (name: string) => console.log(`\n▶ ${name}`);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`✖ ${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
    process.exit(r.status ?? 1);
  }
}

const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
// First, so that a server that is down stops the run at once rather than after the type check.
// The test run itself (tests/support/global-setup.ts) prints the server it ends up using.
step('PostgreSQL');
const configured = configuredPostgres();
if (configured) {
  try {
    console.log(`  ${await checkConfiguredPostgres(configured.variable, configured.url)}`);
  } catch (err) {
    console.error(`✖ ${(err as Error).message}`);
    process.exit(1);
  }
} else {
  console.log('  embedded: TEST_DATABASE_URL and DATABASE_URL are unset, so the test run starts its own');
}
step('Provisioning: temporal CLI, Chromium, widget bundle');
const temporalCli = await resolveTemporalCli(config);
const chromium = ensureChromium();
await ensureWidgetBundle();
console.log(`  temporal: ${temporalCli ?? "the SDK's cached download"}\n  chromium: ${chromium}`);

const extra = process.argv.slice(2);
if (extra.length === 0) {
  step('Type check (tsc --noEmit)');
  run('tsc', ['--noEmit']);
  step('Lint and format check (biome)');
  run('biome', ['check', '.']);
}
step('Tests (vitest)');
run('vitest', ['run', ...extra], {
  ...process.env,
  NODE_ENV: 'test',
  CHROMIUM_PATH: chromium,
  ...(temporalCli ? { TEMPORAL_CLI_PATH: temporalCli } : {}),
});
console.log(`\n✔ npm test finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
