// A rule the database refuses stays refused, so retrying cannot help: every capability's activities
// turn its rule errors into non-retryable failures of the type its workflow contract names for
// the code. `details[0]` lists the fields as `{ field, message }`, `details[1]` carries the reason.
import { ApplicationFailure } from '@temporalio/common';
import { isRuleOf, type RuleError } from '../domain/common/rule-error.ts';

export function ruleFailure(err: RuleError, type: string): ApplicationFailure {
  const errors = err.fields.map((field) => ({ field, message: err.message }));
  return ApplicationFailure.nonRetryable(
    err.message,
    type,
    errors,
    ...(err.reason ? [{ reason: err.reason }] : []),
  );
}

/** Awaits activity work; a rule error of the table's codes becomes its non-retryable failure. */
export function ruledBy<C extends string>(failures: Record<C, string>) {
  return async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (err) {
      throw isRuleOf(err, failures) ? ruleFailure(err, failures[err.code]) : err;
    }
  };
}
