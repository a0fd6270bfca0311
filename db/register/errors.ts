// The one error type register rules raise from the database layer. Callers map codes, not messages:
// the API turns them into problem+json (field names the offending input), activities into
// non-retryable failures where retrying cannot help.

export const REGISTER_RULE_CODES = [
  'not_found',
  'wrong_state',
  'forbidden',
  'invalid',
  'requirements_not_met',
  'idempotency_conflict',
] as const;
export type RegisterRuleCode = (typeof REGISTER_RULE_CODES)[number];

export class RegisterRuleError extends Error {
  readonly code: RegisterRuleCode;
  /** Fields of the request or of the application the refusal is about. */
  readonly fields: string[];

  constructor(code: RegisterRuleCode, message: string, fields: string[] = []) {
    super(message);
    this.name = 'RegisterRuleError';
    this.code = code;
    this.fields = fields;
  }
}

export const isRegisterRuleError = (e: unknown): e is RegisterRuleError => e instanceof RegisterRuleError;
