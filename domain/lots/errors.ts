// What a lots rule may refuse with (a RuleError of these codes); the API and the activities map
// each code, never the message.
export type LotRuleCode =
  | 'not_found'
  | 'wrong_state'
  | 'forbidden'
  | 'invalid'
  | 'violations'
  | 'window_closed'
  | 'idempotency_conflict';
