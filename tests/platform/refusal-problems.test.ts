// Every refusal carries its stable `code` (`<capability>.<rule code>`), whichever way it reached
// problem+json: a repository's rule error, a workflow's refused update, a rule about the path, or
// an Idempotency-Key that came back with another request. The widgets say a refusal in the
// reader's words by that code; without it a person reads the service's English.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { idempotencyConflict } from '../../api/idempotency.ts';
import { ruled as reportsRuled } from '../../api/reports/common.ts';
import { refusalProblem } from '../../api/workflows.ts';
import { RuleError } from '../../domain/common/rule-error.ts';

const FAILURES = { wrong_phase: 'MeetingWrongPhase', invalid: 'MeetingInvalid' } as const;
const refused = (type: string, details: unknown[] = []) =>
  new WorkflowUpdateFailedError(
    'update failed',
    ApplicationFailure.create({ type, message: 'voting is closed', nonRetryable: true, details }),
  );
const REFUSALS = {
  capability: 'meetings',
  status: { wrong_phase: 409, invalid: 400 },
  noAnswer: 'no answer',
} as const;

async function thrown(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.unreachable('no refusal'),
    (err: unknown) => err,
  );
}

describe("a workflow's refused update", () => {
  it('carries the capability and the rule code', () => {
    const problem = refusalProblem(refused(FAILURES.wrong_phase), FAILURES, REFUSALS);
    expect(problem.status).toBe(409);
    expect(problem.extensions).toEqual({ code: 'meetings.wrong_phase' });
  });

  it('carries it beside the fields and the reason', () => {
    const problem = refusalProblem(
      refused(FAILURES.invalid, [[{ field: 'choices.1', message: 'no such option' }], { reason: 'gone' }]),
      FAILURES,
      REFUSALS,
    );
    expect(problem.status).toBe(400);
    expect(problem.extensions).toEqual({ code: 'meetings.invalid', reason: 'gone' });
    expect(problem.errors).toEqual([{ field: 'body.choices.1', message: 'voting is closed' }]);
  });
});

describe('a report rule about the path', () => {
  it('names the path field and carries its code', async () => {
    const err = await thrown(
      reportsRuled(Promise.reject(new RuleError('quarter_not_begun', 'not begun', ['quarter']))),
    );
    expect(err).toMatchObject({
      status: 400,
      errors: [{ field: 'path.quarter', message: 'not begun' }],
      extensions: { code: 'reports.quarter_not_begun' },
    });
  });

  it('names the body field of a rule about the body, with its code', async () => {
    const err = await thrown(reportsRuled(Promise.reject(new RuleError('invalid', 'bad', ['lines.0']))));
    expect(err).toMatchObject({
      errors: [{ field: 'body.lines.0' }],
      extensions: { code: 'reports.invalid' },
    });
  });
});

describe('an Idempotency-Key used with another request', () => {
  it('is a 409 naming the header, with the code', () => {
    const problem = idempotencyConflict('billing');
    expect(problem.status).toBe(409);
    expect(problem.errors).toEqual([{ field: 'idempotency-key', message: expect.any(String) }]);
    expect(problem.extensions).toEqual({ code: 'billing.idempotency_conflict' });
  });

  it('is answered by that one helper everywhere in the API', () => {
    const api = join(import.meta.dirname, '../../api');
    const copies = readdirSync(api, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && file !== 'idempotency.ts')
      .filter((file) =>
        /HttpProblem\(\s*409,\s*['`"][^'`"]*Idempotency-Key/.test(readFileSync(join(api, file), 'utf8')),
      );
    expect(copies).toEqual([]);
  });
});
