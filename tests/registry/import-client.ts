// The import endpoints as the tests call them: tokens of any role and district, a CSV POST,
// and the checks every answer gets (the status, problem+json for a refusal).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'vitest';
import { type ProblemBody as Problem, problem, type Why } from '../support/api-client.ts';
import { bearer, type TestApp } from '../support/app.ts';

export interface Report {
  id: string;
  status: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** A refused import's problem carries the id of its recorded report. */
export type ProblemBody = Problem & { id?: string };

export const counts = (n: number) => ({ rows: n, created: n, updated: 0, unchanged: 0 });

export async function importClient(t: TestApp) {
  const sign = (roles: string[], district: string | null) =>
    t.deps.dev!.issuer.sign({
      sub: randomUUID(),
      name: `Test ${roles[0]}`,
      pid: null,
      roles,
      org: null,
      district,
    });
  const admin = await sign(['admin'], null);
  const post = (kind: string, body: BodyInit, token: string | null, type = 'text/csv') =>
    t.app.request(`/api/v1/imports/${kind}`, {
      method: 'POST',
      headers: {
        'Content-Type': type,
        'X-Filename': encodeURIComponent(`${kind} (test).csv`),
        ...(token ? bearer(token).headers : {}),
      },
      body,
    });
  return {
    admin,
    sign,
    post,
    em: () => t.deps.orm.em.fork() as EntityManager,
    async imported(kind: string, body: string, token = admin): Promise<Report> {
      const res = await post(kind, body, token);
      const json = await res.json();
      expect(res.status, JSON.stringify(json)).toBe(200);
      return json as Report;
    },
    problem: (res: Response, status: number, why?: string | Why): Promise<ProblemBody> =>
      problem(res, status, why),
  };
}
