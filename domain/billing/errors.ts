// What a billing rule may refuse with (a RuleError of these codes).
export type BillingRuleCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid'
  /** A transfer id already recorded with other content: the client reused an idempotency key. */
  | 'transfer_conflict'
  /** Posting or voiding a transfer that is not pending. */
  | 'not_pending'
  /** A management contract's tariff below the minimum for the building's class. */
  | 'below_minimum'
  | 'already_registered'
  | 'idempotency_conflict';
