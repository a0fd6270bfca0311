// The whole demo as `npm start` runs it (scripts/start.ts with PostgreSQL, Temporal and SMTP
// embedded, so its seeded meetings, contract, appeals and bills are the demo's own and no other
// test file's rows), for browser tests that look at every persona's screens.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { freePort, type Started, startScript } from './processes.ts';

export interface DemoPlatform {
  url: string;
  personas: { key: string; role: string; buildingId?: string }[];
  tokenFor(persona: string): Promise<string>;
  api<T>(token: string, apiPath: string): Promise<T>;
  /** A write with a fresh Idempotency-Key. */
  send<T>(token: string, method: string, apiPath: string, body: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts the platform, or with MU_DEMO_URL set uses a developer's running `npm start` at that
 * address (its data then is whatever that demo has been through).
 */
export async function startDemoPlatform(): Promise<DemoPlatform> {
  await ensureWidgetBundle(() => undefined);
  const running = process.env.MU_DEMO_URL;
  if (running) return connect(running.replace(/\/$/, ''), async () => undefined);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mu-demo-'));
  let platform: Started | undefined;
  const stop = async () => {
    await platform?.stop('SIGKILL');
    // The folder holds a PostgreSQL cluster that may still be writing its shutdown checkpoint.
    await rm(dataDir, { recursive: true, force: true, maxRetries: 20 });
    // No person may meet a 500: every one the API answered is logged as an unhandled error.
    const answered500 = (platform?.output() ?? '').split('\n').filter((l) => l.includes('unhandled error'));
    if (answered500.length > 0)
      throw new Error(`the demo answered 500 ${answered500.length} time(s):\n${answered500.join('\n')}`);
  };
  try {
    platform = startScript('scripts/start.ts', {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      SMTP_CATCHER_PORT: String(await freePort()),
      TEMPORAL_CLI_PATH: inject('temporalCliPath'),
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      SMTP_URL: '',
      NODE_ENV: '',
      LOG_LEVEL: 'warn',
      // A walk through every persona signs in far more often than a person would.
      RATE_LIMITS: 'false',
    });
    const [, url] = await platform.waitFor(/Demo portal\s+(http:\/\/\S+)\//, 240_000);
    return await connect(url!, stop);
  } catch (error) {
    // The start-up's own failure is the one to report, not a 500 its half-started API logged.
    await stop().catch(() => undefined);
    throw error;
  }
}

async function connect(base: string, stop: () => Promise<void>): Promise<DemoPlatform> {
  const personas = (await (await fetch(`${base}/dev/personas`)).json()) as DemoPlatform['personas'];
  const tokens = new Map<string, string>();
  return {
    url: base,
    personas,
    async tokenFor(persona) {
      if (!tokens.has(persona)) {
        const res = await fetch(`${base}/dev/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ persona }),
        });
        if (!res.ok) throw new Error(`token for ${persona}: ${res.status}`);
        tokens.set(persona, ((await res.json()) as { token: string }).token);
      }
      return tokens.get(persona)!;
    },
    async api<T>(token: string, apiPath: string) {
      const res = await fetch(`${base}/api/v1${apiPath}`, { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET ${apiPath}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async send<T>(token: string, method: string, apiPath: string, body: unknown) {
      const res = await fetch(`${base}/api/v1${apiPath}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': crypto.randomUUID(),
        },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${apiPath}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    stop,
  };
}
