// The log format a process writes: readable lines for a person in development, one JSON object a
// line in production (LOG_FORMAT overrides either), and the API's request logs below info in
// development so that they do not bury the start-up and its banner.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { prettyLine } from '../../platform/log-format.ts';
import { createLogger } from '../../platform/logger.ts';
import { createTestApp } from '../support/app.ts';

function capture() {
  const out = new PassThrough();
  let text = '';
  out.setEncoding('utf8').on('data', (d: string) => {
    text += d;
  });
  return { out, text: () => text };
}

describe('the log format', () => {
  it('is pretty in development and JSON elsewhere, unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).logFormat).toBe('pretty');
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'development', LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('a pretty logger writes one readable line per entry, an error with its stack', () => {
    const { out, text } = capture();
    const log = createLogger({ logLevel: 'info', logFormat: 'pretty' }, 'start', out);
    log.info('embedded PostgreSQL 17 in /tmp/pg');
    log.warn({ port: 7233, path: '/a b' }, 'port in use');
    log.debug('not shown at info');
    log.error({ err: new Error('boom') }, 'start failed');
    const lines = text().split('\n');
    expect(lines[0]).toMatch(/^\d{2}:\d{2}:\d{2} INFO {2}\[start\] embedded PostgreSQL 17 in \/tmp\/pg$/);
    expect(lines[1]).toMatch(/^\d{2}:\d{2}:\d{2} WARN {2}\[start\] port in use port=7233 path="\/a b"$/);
    expect(lines[2]).toMatch(/^\d{2}:\d{2}:\d{2} ERROR \[start\] start failed$/);
    expect(lines[3]).toBe('    Error: boom');
    expect(lines[4]).toMatch(/^ {4}\s*at /);
    expect(text()).not.toContain('not shown');
    expect(text()).not.toContain('{"level"');
  });

  it('a JSON logger writes pino objects, one a line', () => {
    const { out, text } = capture();
    createLogger({ logLevel: 'info', logFormat: 'json' }, 'api', out).info({ status: 200 }, 'request');
    expect(JSON.parse(text().trim())).toMatchObject({ level: 30, name: 'api', status: 200, msg: 'request' });
  });

  it('passes a line that is not pino JSON unchanged', () => {
    expect(prettyLine('plain text')).toBe('plain text');
    expect(prettyLine('{"no":"level"}')).toBe('{"no":"level"}');
    expect(prettyLine('{"level":30,"time":0,"msg":"x"}', true)).toContain('\u001b[36mINFO \u001b[0m x');
  });

  it('logs requests at debug in development and at info in production', async () => {
    for (const [env, level] of [
      ['development', 20],
      ['production', 30],
    ] as const) {
      const { out, text } = capture();
      const app = await createTestApp({ withTemporal: false, env: { NODE_ENV: env, LOG_LEVEL: 'debug' } });
      try {
        app.deps.logger = createLogger({ logLevel: 'debug', logFormat: 'json' }, 'api', out);
        expect((await app.app.request('/healthz')).status).toBe(200);
      } finally {
        await app.close();
      }
      const request = text()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { level: number; msg: string })
        .find((l) => l.msg === 'request');
      expect(request?.level, env).toBe(level);
    }
  });
});
