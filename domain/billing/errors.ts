// What a billing rule may refuse with (a RuleError of these codes).
export type BillingRuleCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid'
  /** A transfer id already recorded with other content: the client reused an idempotency key. */
  | 'transfer_conflict'
  /** Posting or voiding a transfer that is not pending. */
  | 'not_pending'
  /** Assigning a bank payment that no longer waits in the unmatched queue (matched or assigned meanwhile). */
  | 'line_not_waiting'
  /** A management contract's tariff below the minimum for the building's class. */
  | 'below_minimum'
  | 'already_registered'
  | 'idempotency_conflict';
