// The one place that decides how this app reaches Temporal: which CLI binary runs the local dev
// server, and how clients and workers connect (plain for local, TLS / API key for a cluster).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import { type AnySearchAttributeKey, SEARCH_ATTRIBUTES } from '../workflows/search-attributes.ts';
import type { Config } from './config.ts';
import { isListening, orphanWatchdog } from './local-server.ts';

/**
 * v1.5.1 (server 1.29.1) is the newest CLI that `go install` builds: the go.mod files of later ones
 * carry replace directives.
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

type Log = (message: string) => void;
const defaultLog: Log = (message) => console.error(`[temporal] ${message}`);

/** OS-level variables (not app settings), so they are read here rather than in config.ts. */
type OsEnv = Record<string, string | undefined>;

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(name: string, env: OsEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function cachedCliDir(env: OsEnv = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(cacheHome, 'mening-uyim', `temporal-${TEMPORAL_CLI_VERSION}`);
}

/**
 * Finds a Temporal CLI, building one with Go when none is around (no internet for release
 * downloads here, but the Go module proxy answers). `undefined` means: let @temporalio/testing
 * download its own copy, which works for users with internet access.
 */
export async function resolveTemporalCli(
  config: Pick<Config, 'temporal'>,
  opts: { env?: OsEnv; log?: Log } = {},
): Promise<string | undefined> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? defaultLog;
  if (config.temporal.cliPath) {
    if (await isExecutable(config.temporal.cliPath)) return config.temporal.cliPath;
    throw new Error(`TEMPORAL_CLI_PATH=${config.temporal.cliPath} is not an executable file`);
  }
  const onPath = await findOnPath('temporal', env);
  if (onPath) return onPath;
  const dir = cachedCliDir(env);
  const cached = path.join(dir, 'temporal');
  if (await isExecutable(cached)) return cached;
  const go = await findOnPath('go', env);
  if (!go) return undefined;
  log(`building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${dir}; the first build takes minutes`);
  await mkdir(dir, { recursive: true });
  const started = performance.now();
  await promisify(execFile)(go, ['install', CLI_MODULE], {
    env: { ...env, GOBIN: dir },
    maxBuffer: 64 * 1024 * 1024,
  });
  log(`built ${cached} in ${Math.round((performance.now() - started) / 1000)} s`);
  return cached;
}

const CLI_TYPE_NAMES: Record<SearchAttributeType, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

export function searchAttributeArgs(keys: readonly AnySearchAttributeKey[]): string[] {
  return keys.flatMap((k) => ['--search-attribute', `${k.name}=${CLI_TYPE_NAMES[k.type]}`]);
}

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

/** Runs `temporal server start-dev` with state in DATA_DIR, so workflows survive a restart. */
export async function startDevServer(
  config: Pick<Config, 'temporal' | 'dataDir'>,
  opts: { log?: Log; readyTimeoutMs?: number; stopGraceMs?: number } = {},
): Promise<DevServer> {
  const log = opts.log ?? defaultLog;
  const cli = await resolveTemporalCli(config, { log });
  await mkdir(config.dataDir, { recursive: true });
  if (!cli) return startDownloadedDevServer(config, log);
  const { devPort, uiPort, namespace } = config.temporal;
  // Otherwise a server left running would answer our readiness probe while our own child fails.
  for (const port of [devPort, uiPort]) {
    if (await isListening(port)) {
      throw new Error(
        `Port ${port} is in use (another Temporal dev server?): stop it or set TEMPORAL_ADDRESS`,
      );
    }
  }
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(config.dataDir, 'temporal.db'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(devPort),
    '--ui-port',
    String(uiPort),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
    ...searchAttributeArgs(SEARCH_ATTRIBUTES),
  ];
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  for (const input of [child.stdout, child.stderr]) {
    if (!input) continue;
    createInterface({ input }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      log(line);
    });
  }
  const watchdog = child.pid ? orphanWatchdog(child.pid) : undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      watchdog?.kill('SIGKILL');
      resolve(code);
    }),
  );
  const address = `127.0.0.1:${devPort}`;
  const stop = () => stopChild(child, exited, opts.stopGraceMs ?? 10_000);
  try {
    await Promise.race([
      waitForNamespace(address, namespace, opts.readyTimeoutMs ?? 60_000),
      exited.then((code) => {
        throw new Error(`temporal server start-dev exited with ${code}:\n${tail.join('\n')}`);
      }),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, uiUrl: `http://127.0.0.1:${uiPort}`, stop };
}

/**
 * Without Go or a binary, @temporalio/testing downloads the CLI into its cache (users with
 * internet) and runs the same dev server with the same persistent database and ports.
 */
async function startDownloadedDevServer(
  config: Pick<Config, 'temporal' | 'dataDir'>,
  log: Log,
): Promise<DevServer> {
  log("no temporal CLI found and no Go to build one: using @temporalio/testing's cached download");
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const { devPort, uiPort, namespace } = config.temporal;
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      dbFilename: path.join(config.dataDir, 'temporal.db'),
      ip: '127.0.0.1',
      port: devPort,
      ui: true,
      uiPort,
      namespace,
      extraArgs: ['--log-level', 'warn', ...searchAttributeArgs(SEARCH_ATTRIBUTES)],
    },
  });
  return { address: `127.0.0.1:${devPort}`, uiUrl: `http://127.0.0.1:${uiPort}`, stop: () => env.teardown() };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

async function waitForNamespace(address: string, namespace: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        // Describe reads the namespace from the store; starting a workflow goes through the
        // frontend's namespace cache, which a fresh server fills a moment later ("Namespace not
        // found" seen once by a bench right after start). A list call goes through that cache.
        await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal at ${address} did not answer: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Local addresses get a plain connection; the configured cluster gets its TLS and API key. */
export async function connectionOptions(
  config: Pick<Config, 'temporal'>,
  address?: string,
): Promise<{ address: string; tls?: TLSConfig; apiKey?: string }> {
  const t = config.temporal;
  if (address || !t.address) return { address: address ?? `127.0.0.1:${t.devPort}` };
  const read = (file?: string) => (file ? readFile(file) : Promise.resolve(undefined));
  const [crt, key, ca] = await Promise.all([
    read(t.tls?.certPath),
    read(t.tls?.keyPath),
    read(t.tls?.caPath),
  ]);
  const tls = t.tls?.enabled
    ? {
        serverNameOverride: t.tls.serverName,
        serverRootCACertificate: ca,
        clientCertPair: crt && key ? { crt, key } : undefined,
      }
    : undefined;
  return { address: t.address, tls, apiKey: t.apiKey };
}

export async function connectClient(
  config: Pick<Config, 'temporal'>,
  address?: string,
  opts: { lazy?: boolean } = {},
): Promise<Client> {
  const options = await connectionOptions(config, address);
  // Lazy lets the API boot while Temporal is down; /readyz then reports it instead of a crash loop.
  const connection = opts.lazy ? Connection.lazy(options) : await Connection.connect(options);
  return new Client({ connection, namespace: config.temporal.namespace });
}

export async function connectWorkerConnection(
  config: Pick<Config, 'temporal'>,
  address?: string,
): Promise<NativeConnection> {
  // Imported on demand so that processes that only need a client never load the native worker core.
  const { NativeConnection } = await import('@temporalio/worker');
  return NativeConnection.connect(await connectionOptions(config, address));
}

/** Rejects when Temporal does not answer within the deadline; for /readyz. */
export async function checkTemporalReachable(client: Client, timeoutMs = 3000): Promise<void> {
  await client.connection.withDeadline(Date.now() + timeoutMs, () =>
    client.workflowService.getSystemInfo({}),
  );
}
