// Builds the real API against the suite's database and Temporal, with a development token
// issuer in a temp folder, so API tests exercise exactly what `npm start` serves.

import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { createApp } from '../../api/app.ts';
import { loadDevTokenIssuer } from '../../api/auth/dev-keys.ts';
import { createTokenVerifier } from '../../api/auth/verifier.ts';
import type { AppDeps } from '../../api/types.ts';
import { createOrm } from '../../db/orm.ts';
import { listenForReadChanges, type ReadCacheListener } from '../../db/read-cache-listener.ts';
import { loadConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { lazyTriageModel } from '../../platform/triage/model.ts';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  /** Present when the test asked for listenForReads. */
  readChanges?: ReadCacheListener;
  tokenFor(persona: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(
  opts: {
    withTemporal?: boolean;
    dev?: boolean;
    env?: Record<string, string>;
    /** Queues the app starts workflows on; tests use their own so parallel files don't share tasks. */
    taskQueues?: AppDeps['taskQueues'];
    /** The suite's (vitest inject) when omitted; scripts outside vitest pass their own. */
    databaseUrl?: string;
    temporalAddress?: string;
    /** A triage model chosen by the test (dispatch tests); else the committed model, loaded on first use. */
    triage?: AppDeps['triage'];
    /** The pool's application_name, so a fault test can find (and end) this app's sessions. */
    applicationName?: string;
    /**
     * Listen for read changes as scripts/api.ts does, so held reads answer without PostgreSQL. Off
     * by default: a test that writes on one connection and reads at once would otherwise have to wait
     * for the notification (db/read-cache.ts's consistency statement).
     */
    listenForReads?: boolean;
  } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mu-api-'));
  const config = loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    // Errors only: a 500 in a test leaves its cause and request id on stderr (MU_TEST_LOG for more).
    LOG_LEVEL: process.env.MU_TEST_LOG ?? 'error',
    // Test files share one database and, in process, one client address: each test that is
    // about rate limits turns them on with limits of its own.
    RATE_LIMITS: 'false',
    ...opts.env,
  });
  const orm = await createOrm({
    url: opts.databaseUrl ?? inject('databaseUrl'),
    poolMax: 4,
    timeouts: config.database,
    ...(opts.applicationName ? { applicationName: opts.applicationName } : {}),
  });
  const readChanges = opts.listenForReads
    ? listenForReadChanges(orm.em, {
        url: opts.databaseUrl ?? inject('databaseUrl'),
        ...(opts.applicationName ? { applicationName: opts.applicationName } : {}),
        backoff: { minMs: 20, maxMs: 500 },
      })
    : undefined;
  if (readChanges) await readChanges.listening();
  const issuer = await loadDevTokenIssuer(dataDir);
  let connection: Connection | undefined;
  let temporal: Client | undefined;
  if (opts.withTemporal !== false) {
    connection = await Connection.connect({ address: opts.temporalAddress ?? inject('temporalAddress') });
    temporal = new Client({ connection });
  }
  // Every 500 the app answers is logged as 'unhandled error' (api/app.ts): counted here whatever the
  // level, and close() fails the file on any, since no person may meet one.
  const unhandled: string[] = [];
  const logger = createLogger(config);
  const logError = logger.error.bind(logger) as (...args: unknown[]) => void;
  logger.error = ((...args: unknown[]) => {
    if (args[1] === 'unhandled error') {
      const { err, requestId } = args[0] as { err?: unknown; requestId?: string };
      unhandled.push(`${requestId}: ${err instanceof Error ? err.message : String(err)}`);
    }
    logError(...args);
  }) as typeof logger.error;
  const deps: AppDeps = {
    config,
    orm,
    logger,
    verifyToken: await createTokenVerifier(config.auth, issuer.publicJwk),
    temporal,
    taskQueues: opts.taskQueues,
    triage: opts.triage ?? lazyTriageModel(),
    dev: opts.dev === false ? undefined : { issuer, caughtMail: () => [] },
  };
  const app = createApp(deps);
  return {
    app,
    deps,
    ...(readChanges ? { readChanges } : {}),
    async tokenFor(persona) {
      const res = await app.request('/dev/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ persona }),
      });
      if (res.status !== 200) throw new Error(`token for ${persona}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async close() {
      await readChanges?.stop();
      await connection?.close();
      await orm.close();
      if (unhandled.length > 0)
        throw new Error(`the API answered 500 to ${unhandled.length} request(s): ${unhandled.join('; ')}`);
    },
  };
}

export const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });
