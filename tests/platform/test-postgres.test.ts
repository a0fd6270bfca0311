// Which PostgreSQL `npm test` runs on: the configured one, or an embedded one when none is
// configured, and never a quiet fallback when the configured one does not answer.
import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { configuredPostgres, startTestPostgres } from '../support/database.ts';
import { freePort } from '../support/processes.ts';

describe('the test run’s PostgreSQL', () => {
  it('is TEST_DATABASE_URL, else DATABASE_URL, else none; empty variables count as unset', () => {
    const a = 'postgres://a@127.0.0.1:5401/x';
    const b = 'postgres://b@127.0.0.1:5402/y';
    expect(configuredPostgres({ TEST_DATABASE_URL: a, DATABASE_URL: b })).toEqual({
      variable: 'TEST_DATABASE_URL',
      url: a,
    });
    expect(configuredPostgres({ TEST_DATABASE_URL: '', DATABASE_URL: b })).toEqual({
      variable: 'DATABASE_URL',
      url: b,
    });
    expect(configuredPostgres({ TEST_DATABASE_URL: '', DATABASE_URL: '' })).toBeUndefined();
  });

  it('uses a configured server as it is and names it', async () => {
    const { adminUrl } = inject('postgres');
    const server = await startTestPostgres({ DATABASE_URL: adminUrl });
    await server.stop();
    const url = new URL(adminUrl);
    expect(server.adminUrl).toBe(adminUrl);
    // The embedded server's URL names its Unix socket, which the description then shows.
    const socket = url.searchParams.get('host');
    const where = socket ? `${socket} (Unix socket)` : `127.0.0.1:${url.port}`;
    expect(server.description).toBe(
      `PostgreSQL ${server.description.split(' ')[1]} at ${where} (configured by DATABASE_URL)`,
    );
    expect(server.description).toMatch(/^PostgreSQL \d+\.\d+ at /);
  });

  it('npm test stops before any test, saying why, when the configured server does not answer', async () => {
    const port = await freePort();
    // The argument keeps a broken check from running the whole suite again: vitest would only
    // look for a file that does not exist.
    const child = spawn(process.execPath, ['scripts/test.ts', 'tests/no-such-file.test.ts'], {
      cwd: new URL('../../', import.meta.url).pathname,
      env: { ...process.env, TEST_DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr])
      stream.setEncoding('utf8').on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(output).toContain(
      `TEST_DATABASE_URL names a PostgreSQL at 127.0.0.1:${port} that cannot be reached`,
    );
    expect(output).not.toContain('Tests (vitest)');
    expect(code).toBe(1);
  });
});
