// What a contract rule may refuse with (a RuleError of these codes). A rejected signature carries
// the verifier's reason (bad_signature, wrong_signer, document_changed, …).
export type ContractRuleCode =
  | 'not_found'
  | 'wrong_state'
  | 'forbidden'
  | 'invalid'
  | 'idempotency_conflict'
  | 'signature_rejected'
  | 'not_selectable';
