// The one error type meeting rules raise from the database layer. Callers map codes, not messages:
// the API turns them into problem+json (field names the offending input), activities into
// non-retryable failures where retrying cannot help.

export const MEETING_RULE_CODES = [
  'not_found',
  'wrong_phase',
  'not_eligible',
  'invalid',
  'idempotency_conflict',
  'forbidden',
  'not_selectable',
] as const;
export type MeetingRuleCode = (typeof MEETING_RULE_CODES)[number];

export class MeetingRuleError extends Error {
  readonly code: MeetingRuleCode;
  readonly field: string | undefined;

  constructor(code: MeetingRuleCode, message: string, field?: string) {
    super(message);
    this.name = 'MeetingRuleError';
    this.code = code;
    this.field = field;
  }
}

export const isMeetingRuleError = (e: unknown): e is MeetingRuleError => e instanceof MeetingRuleError;
