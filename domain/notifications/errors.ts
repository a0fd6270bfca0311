// What a notifications rule may refuse with; the API and the activities map each code.
export type NotificationRuleCode =
  | 'invalid'
  | 'not_found'
  | 'forbidden'
  | 'wrong_state'
  | 'expired'
  | 'idempotency_conflict';
