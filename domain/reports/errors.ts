// What a report rule may refuse with (a RuleError of these codes); the API and the activities map
// each code, never the message.
export type ReportRuleCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid'
  | 'wrong_state'
  | 'quarter_not_begun'
  | 'not_managed'
  | 'idempotency_conflict';
