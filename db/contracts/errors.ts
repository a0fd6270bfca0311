// The one error type contract rules raise from the database layer. Callers map codes, not
// messages: the API to problem+json, activities to non-retryable failures.

export const CONTRACT_RULE_CODES = [
  'not_found',
  'wrong_state',
  'forbidden',
  'invalid',
  'idempotency_conflict',
  'signature_rejected',
  'not_selectable',
] as const;
export type ContractRuleCode = (typeof CONTRACT_RULE_CODES)[number];

export class ContractRuleError extends Error {
  readonly code: ContractRuleCode;
  readonly fields: string[];
  /** For signature_rejected: the verifier's reason (bad_signature, wrong_signer, document_changed, …). */
  readonly reason: string | null;

  constructor(code: ContractRuleCode, message: string, fields: string[] = [], reason: string | null = null) {
    super(message);
    this.name = 'ContractRuleError';
    this.code = code;
    this.fields = fields;
    this.reason = reason;
  }
}
