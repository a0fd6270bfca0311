// The one error type appeal rules raise from the database layer; callers map codes, not messages.
export const APPEAL_RULE_CODES = [
  'not_found',
  'wrong_state',
  'forbidden',
  'invalid',
  'idempotency_conflict',
] as const;
export type AppealRuleCode = (typeof APPEAL_RULE_CODES)[number];

export class AppealRuleError extends Error {
  readonly code: AppealRuleCode;
  readonly fields: string[];
  constructor(code: AppealRuleCode, message: string, fields: string[] = []) {
    super(message);
    this.name = 'AppealRuleError';
    this.code = code;
    this.fields = fields;
  }
}
