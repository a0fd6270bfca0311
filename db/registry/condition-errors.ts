// The one error type the building-condition writes raise; the API maps codes, not messages.
export const CONDITION_RULE_CODES = ['not_found', 'invalid', 'conflict', 'idempotency_conflict'] as const;
export type ConditionRuleCode = (typeof CONDITION_RULE_CODES)[number];

export class ConditionRuleError extends Error {
  readonly code: ConditionRuleCode;
  /** Request-body fields the error is about, e.g. `readings.3.value`. */
  readonly fields: string[];
  constructor(code: ConditionRuleCode, message: string, fields: string[] = []) {
    super(message);
    this.name = 'ConditionRuleError';
    this.code = code;
    this.fields = fields;
  }
}
