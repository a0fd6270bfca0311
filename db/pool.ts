// How the pool survives a database that goes away: a server restart, terminated backends, a
// network that stops answering. Every failed query must give its slot back and the next request
// must get a fresh connection, or a burst of disconnects leaves a pool of dead, checked-out
// clients and every later request waits for ever.
import pg from 'pg';

export interface PoolTimeouts {
  /** How long a request waits for a slot or a new connection before it is refused. */
  acquireTimeoutMs: number;
  /** The server cancels a statement running longer (statement_timeout). */
  statementTimeoutMs: number;
}

export const DEFAULT_POOL_TIMEOUTS: PoolTimeouts = { acquireTimeoutMs: 10_000, statementTimeoutMs: 60_000 };

/**
 * A pooled client that frees its slot when its connection dies. The query builder under the ORM
 * releases a client only after a successful commit or rollback, so a connection that dies inside
 * a transaction (its rollback fails too) would otherwise stay checked out for good. pg-pool
 * assigns `release` on every checkout; the accessor below keeps that function and makes it
 * idempotent, so releasing early here and again later by the query builder is harmless.
 */
export class ResilientClient extends pg.Client {
  #poolRelease: ((err?: Error | boolean) => void) | undefined;
  #released = true;
  /** Set when a query timed out on our side: the server may still answer it, so never reuse. */
  #broken: Error | undefined;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // 'end' is emitted however the connection died (terminated backend, server stop, reset).
    this.on('end', () => this.#releaseNow(new Error('Connection terminated')));
  }

  get release(): (err?: Error | boolean) => void {
    return (err) => this.#releaseNow(err ?? this.#broken);
  }

  set release(fn: (err?: Error | boolean) => void) {
    this.#poolRelease = fn;
    this.#released = false;
  }

  #releaseNow(err?: Error | boolean): void {
    if (this.#released || !this.#poolRelease) return;
    this.#released = true;
    // An error makes pg-pool remove the client and open a new one for the next waiter.
    this.#poolRelease(err);
  }

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this only observes.
  override query(...args: any[]): any {
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    const result = (super.query as (...a: any[]) => any)(...args);
    if (result && typeof result.catch === 'function') {
      result.catch((err: Error) => {
        if (err?.message === 'Query read timeout') this.#broken = err;
      });
    }
    return result;
  }
}

/** pg Pool options for the ORM's `driverOptions`. */
export function resilientPoolOptions(t: PoolTimeouts) {
  return {
    Client: ResilientClient,
    connectionTimeoutMillis: t.acquireTimeoutMs,
    statement_timeout: t.statementTimeoutMs,
    // The backstop when the network, not the server, is gone: statement_timeout never arrives.
    query_timeout: t.statementTimeoutMs + 10_000,
    // Half-open sockets (a peer that vanished without a reset) are found by the kernel.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    idleTimeoutMillis: 30_000,
  };
}

// SQLSTATEs of a server that is going away, starting up or out of a resource, and of our own
// statement timeout: none is the request's fault, and the same request may succeed later.
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '57014', // query_canceled: statement_timeout
  '53000', // insufficient_resources: a backend could not be started (fork failed)
  '53100', // disk_full: also a full shared-memory segment for a parallel query
  '53200', // out_of_memory, out of shared memory (locks)
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
// EAGAIN: a Unix socket whose server has not yet accepted as many connections as its backlog holds
// refuses the next at once (TCP would wait), which a busy server's postmaster meets under a burst.
const UNAVAILABLE_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EAGAIN',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Query read timeout|Client was closed|Cannot use a pool after calling end/i;

/**
 * True when a failure says the database could not be reached or cut us off, not that the
 * request was wrong: the caller may retry the same request later. Looks through wrapped causes
 * (the ORM copies the driver's code and message onto its own exception).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message, cause, syscall } = e as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      syscall?: unknown;
    };
    if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_SOCKET.has(code)))
      return true;
    // A Unix socket's file is gone while its server is stopped.
    if (code === 'ENOENT' && syscall === 'connect') return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    e = cause;
  }
  return false;
}
