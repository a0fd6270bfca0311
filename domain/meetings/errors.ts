// What a meeting rule may refuse with (a RuleError of these codes); its fields name the offending
// input, e.g. `choices.<itemId>`.
export type MeetingRuleCode =
  | 'not_found'
  | 'wrong_phase'
  | 'not_eligible'
  | 'invalid'
  | 'idempotency_conflict'
  | 'forbidden'
  | 'not_selectable';
