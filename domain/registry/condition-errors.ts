// What the building-condition writes may refuse with (a RuleError of these codes); fields name the
// request body's, e.g. `readings.3.value`.
export type ConditionRuleCode = 'not_found' | 'invalid' | 'conflict' | 'idempotency_conflict';
