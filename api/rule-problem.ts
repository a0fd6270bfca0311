// A capability's rule error (a code, a message, the request fields it is about) as problem+json:
// each capability says only which status each code means.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type FieldError, HttpProblem } from './problem.ts';

export interface RuleErrorLike<C extends string> {
  code: C;
  message: string;
  fields: readonly string[];
}

/** Rule errors name fields of the request body; the API says `body.…`. */
export const bodyFields = (fields: readonly string[], message: string): FieldError[] =>
  fields.map((f) => ({ field: f.startsWith('body.') ? f : `body.${f}`, message }));

export function ruleProblem<C extends string>(
  err: RuleErrorLike<C>,
  status: Record<C, ContentfulStatusCode>,
  extensions?: Record<string, unknown>,
): HttpProblem {
  const errors = bodyFields(err.fields, err.message);
  const code = status[err.code];
  return new HttpProblem(code, err.message, {
    // A 400 always names something: the body as a whole when the rule named no field.
    errors: errors.length ? errors : code === 400 ? [{ field: 'body', message: err.message }] : undefined,
    extensions,
  });
}
