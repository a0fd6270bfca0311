// The connection below the routes: an answer given before the request body was read never
// promises keep-alive on a connection about to close, and what Node's parser refuses still gets
// problem+json. Spoken over raw TCP, since a pooled client would hide what the connection does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAIN_MAX_BYTES } from '../../api/connection.ts';
import { KEEP_ALIVE_MS, listen, type RunningServer } from '../../api/server.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { RawConnection, type RawResponse } from '../support/raw-http.ts';

let t: TestApp;
let server: RunningServer;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  server = await listen(t.app, '127.0.0.1', 0);
});
afterAll(async () => {
  await server.close();
  await t.close();
});

const host = () => new URL(server.url).host;
const head = (method: string, path: string, headers: Record<string, string | number> = {}) =>
  `${method} ${path} HTTP/1.1\r\nHost: ${host()}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

function expectProblem(res: RawResponse, status: number) {
  expect(res.status, res.body).toBe(status);
  expect(res.headers['content-type'], res.body).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(res.body)).toMatchObject({ status, detail: expect.any(String) });
}

/** A second request on the same connection gets its answer, or the first answer said close and the connection closed. */
async function connectionHonest(conn: RawConnection, first: RawResponse) {
  if (first.headers.connection === 'close') {
    await conn.ended();
    return 'closed';
  }
  await conn.write(head('GET', '/healthz'));
  const second = await conn.response();
  expect(second.status).toBe(200);
  expect(JSON.parse(second.body)).toEqual({ status: 'ok' });
  return 'reused';
}

describe('a reused connection', () => {
  it('is kept idle longer than a stalled process takes, and its next request is answered', async () => {
    const conn = await RawConnection.open(server.url);
    await conn.write(head('GET', '/healthz'));
    const first = await conn.response();
    expect(first.status).toBe(200);
    expect(first.headers['keep-alive']).toBe(`timeout=${KEEP_ALIVE_MS / 1000}`);
    // Idle past Node's own default of 5 s, which reset requests that arrived during a stall.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await connectionHonest(conn, first)).toBe('reused');
    conn.destroy();
  });
});

describe('an answer before the body was read', () => {
  it('keeps a connection whose small unread body Node reads off the wire, and answers the next request on it', async () => {
    const conn = await RawConnection.open(server.url);
    const body = JSON.stringify({ text: 'x'.repeat(DRAIN_MAX_BYTES / 2) });
    const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
    await conn.write(head('POST', '/api/v1/appeals', headers) + body);
    const first = await conn.response();
    expectProblem(first, 401);
    expect(await connectionHonest(conn, first)).toBe('reused');
    conn.destroy();
  });

  it('says Connection: close to a 401 on a large body and closes, and a new connection is answered', async () => {
    const conn = await RawConnection.open(server.url);
    // Over what is read off the wire, under the body limit: refused by authentication, unread.
    const size = DRAIN_MAX_BYTES * 8;
    await conn.write(
      head('POST', '/api/v1/appeals', { 'Content-Type': 'application/json', 'Content-Length': size }),
    );
    void conn.write(Buffer.alloc(size, 0x20));
    const first = await conn.response();
    expectProblem(first, 401);
    expect(first.headers.connection).toBe('close');
    expect(await connectionHonest(conn, first)).toBe('closed');
    const next = await RawConnection.open(server.url);
    await next.write(head('GET', '/healthz'));
    expect((await next.response()).status).toBe(200);
    next.destroy();
  });

  it('says Connection: close to a 413 on a body over the limit', async () => {
    const conn = await RawConnection.open(server.url);
    const size = 2 * 1024 * 1024;
    await conn.write(
      head('POST', '/api/v1/appeals', { 'Content-Type': 'application/json', 'Content-Length': size }),
    );
    void conn.write(Buffer.alloc(size, 0x20));
    const first = await conn.response();
    expectProblem(first, 413);
    expect(await connectionHonest(conn, first)).toBe('closed');
  });

  it('says Connection: close to a chunked body refused half read, over the limit', async () => {
    const conn = await RawConnection.open(server.url);
    await conn.write(
      head('POST', '/api/v1/appeals', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }),
    );
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    void (async () => {
      for (let i = 0; i < 8; i++)
        await conn.write(Buffer.concat([Buffer.from('40000\r\n'), chunk, Buffer.from('\r\n')]));
      await conn.write('0\r\n\r\n');
    })();
    const first = await conn.response();
    expectProblem(first, 413);
    expect(await connectionHonest(conn, first)).toBe('closed');
  });

  it('keeps the connection when the body was read', async () => {
    const conn = await RawConnection.open(server.url);
    const body = JSON.stringify({ persona: 'nobody' });
    await conn.write(
      head('POST', '/dev/token', { 'Content-Type': 'application/json', 'Content-Length': body.length }) +
        body,
    );
    const first = await conn.response();
    expectProblem(first, 400);
    expect(await connectionHonest(conn, first)).toBe('reused');
    conn.destroy();
  });
});

describe("requests Node's parser refuses", () => {
  it('answers an over-long request line with 431 problem+json and closes', async () => {
    const conn = await RawConnection.open(server.url);
    await conn.write(head('GET', `/api/v1/buildings?q=${'a'.repeat(70_000)}`));
    const res = await conn.response();
    expectProblem(res, 431);
    expect(res.headers.connection).toBe('close');
    await conn.ended();
  });

  it('answers headers over the limit with 431 problem+json', async () => {
    const conn = await RawConnection.open(server.url);
    await conn.write(head('GET', '/healthz', { 'X-Padding': 'p'.repeat(40_000) }));
    expectProblem(await conn.response(), 431);
  });

  it('answers bytes that are not HTTP with 400 problem+json', async () => {
    const conn = await RawConnection.open(server.url);
    await conn.write('HELLO THERE\r\n\r\n');
    expectProblem(await conn.response(), 400);
    await conn.ended();
  });

  it('answers a header with a control character with 400 problem+json', async () => {
    const conn = await RawConnection.open(server.url);
    await conn.write(`GET /healthz HTTP/1.1\r\nHost: ${host()}\r\nX-Bad: a\u0001b\r\n\r\n`);
    expectProblem(await conn.response(), 400);
  });
});
