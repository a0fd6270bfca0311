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

/** The driver hands timestamps over as text or Date; the API speaks ISO 8601 in UTC. */
export const iso = (value: unknown): string => new Date(value as string).toISOString();
export const isoOrNull = (value: unknown): string | null => (value == null ? null : iso(value));
