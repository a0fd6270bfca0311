// What a dispatch rule may refuse with (a RuleError of these codes); the API and the activities
// map each code, never the message.
export type DispatchRuleCode = 'not_found' | 'wrong_state' | 'forbidden' | 'invalid' | 'idempotency_conflict';
