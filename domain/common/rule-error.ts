// The one error a capability's rules raise when they refuse: a code from the capability's own
// list, a message for people, the fields it is about, and sometimes a reason. Callers map codes,
// never messages: the API to problem+json (api/rule-problem.ts), activities to non-retryable
// workflow failures (activities/rule-failure.ts).
export class RuleError<C extends string = string> extends Error {
  readonly code: C;
  /** The fields the refusal is about: of the request (e.g. `choices.<itemId>`) or of the stored record. */
  readonly fields: string[];
  /** What the code alone does not say, e.g. a verifier's `wrong_signer` or the domain's refusal code. */
  readonly reason: string | null;

  constructor(code: C, message: string, fields: string[] = [], reason: string | null = null) {
    super(message);
    this.name = 'RuleError';
    this.code = code;
    this.fields = fields;
    this.reason = reason;
  }
}

/** The error is one of these codes' (a capability's own list, as the keys of its table). */
export const isRuleOf = <C extends string>(err: unknown, table: Record<C, unknown>): err is RuleError<C> =>
  err instanceof RuleError && Object.hasOwn(table, err.code);
