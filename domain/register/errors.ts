// What a register rule may refuse with (a RuleError of these codes). Its fields name the request's
// fields, or for unmet requirements the stored application's.
export type RegisterRuleCode =
  | 'not_found'
  | 'wrong_state'
  | 'forbidden'
  | 'invalid'
  | 'requirements_not_met'
  | 'idempotency_conflict';
