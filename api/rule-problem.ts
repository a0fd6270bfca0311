// A capability's rule errors as problem+json: each capability declares only which status each of
// its codes means, and gets its `ruled()`/`toProblem()` from that table.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isRuleOf, type RuleError } from '../domain/common/rule-error.ts';
import { HttpProblem } from './problem.ts';

export type RuleStatus<C extends string> = Record<C, ContentfulStatusCode>;

/** Rule errors name fields of the request body; the API says `body.…`. */
export const bodyField = (f: string): string => (f.startsWith('body.') ? f : `body.${f}`);

/**
 * The rule error as a problem: its status from the table, its fields, its reason if it has one,
 * and `code`, the capability and the rule's code (`meetings.wrong_phase`): stable, so a client
 * says the refusal in its reader's language instead of showing the English `detail`.
 */
export function ruleProblem<C extends string>(
  err: RuleError<C>,
  status: RuleStatus<C>,
  capability: string,
  /** Where the rule's fields are in the request: the body's, unless a route says otherwise. */
  fieldOf: (field: string) => string = bodyField,
): HttpProblem {
  const errors = err.fields.map((f) => ({ field: fieldOf(f), message: err.message }));
  const code = status[err.code];
  return new HttpProblem(code, err.message, {
    // A 400 always names something: the body as a whole when the rule named no field.
    errors: errors.length ? errors : code === 400 ? [{ field: 'body', message: err.message }] : undefined,
    extensions: { code: `${capability}.${err.code}`, ...(err.reason ? { reason: err.reason } : {}) },
  });
}

export interface RuleProblems {
  /** A rule error of the table's codes as a problem; anything else unchanged. */
  toProblem(err: unknown): unknown;
  /** Awaits a repository call, rethrowing its rule errors as problems. */
  ruled<T>(work: Promise<T>): Promise<T>;
}

export function ruleProblems<C extends string>(status: RuleStatus<C>, capability: string): RuleProblems {
  const toProblem = (err: unknown): unknown =>
    isRuleOf(err, status) ? ruleProblem(err, status, capability) : err;
  return {
    toProblem,
    async ruled<T>(work: Promise<T>): Promise<T> {
      try {
        return await work;
      } catch (err) {
        throw toProblem(err);
      }
    },
  };
}
