// The one error type commissioning rules raise from the database layer. Callers map codes, not
// messages: the API to problem+json, activities to non-retryable failures.
import type { CommissioningRefusal } from '../../domain/commissioning/application.ts';

export const COMMISSIONING_RULE_CODES = [
  'not_found',
  'wrong_state',
  'forbidden',
  'invalid',
  'conditions_missing',
  'idempotency_conflict',
  'signature_rejected',
] as const;
export type CommissioningRuleCode = (typeof COMMISSIONING_RULE_CODES)[number];

export class CommissioningRuleError extends Error {
  readonly code: CommissioningRuleCode;
  readonly fields: string[];
  /** For signature_rejected: the verifier's reason; for a refusal: its domain code. */
  readonly reason: string | null;
  constructor(
    code: CommissioningRuleCode,
    message: string,
    fields: string[] = [],
    reason: string | null = null,
  ) {
    super(message);
    this.name = 'CommissioningRuleError';
    this.code = code;
    this.fields = fields;
    this.reason = reason;
  }
}

/** The pure rules' refusal as the error the layers above map. */
export function refusalError(r: CommissioningRefusal): CommissioningRuleError {
  const E = CommissioningRuleError;
  switch (r.code) {
    case 'not_allowed_from_state':
      return new E(
        'wrong_state',
        `${r.action} is not allowed while the application is ${r.state}`,
        [],
        r.code,
      );
    case 'forbidden':
      return new E('forbidden', `you may not ${r.action.replace('_', ' ')} on this application`, [], r.code);
    case 'out_of_scope':
      return new E('forbidden', 'this application is in another district', [], r.code);
    case 'invalid_tin':
      return new E('invalid', `${r.tin} is not a TIN`, ['developerTin'], r.code);
    case 'unknown_condition':
      return new E('invalid', `no condition ${r.condition}`, ['condition'], r.code);
    case 'invalid_evidence':
      return new E(
        'invalid',
        r.problems.map((p) => `${p.field} ${p.message}`).join('; '),
        r.problems.map((p) => p.field),
        r.code,
      );
    case 'reasons_required':
      return new E('invalid', 'give at least one reason', ['reasons'], r.code);
    case 'conditions_missing':
      return new E('conditions_missing', `conditions not met: ${r.missing.join(', ')}`, [], r.code);
    case 'deadline_passed':
      return new E('wrong_state', `the deadline passed at ${new Date(r.dueAt).toISOString()}`, [], r.code);
    case 'deadline_not_reached':
      return new E('wrong_state', 'the deadline has not passed yet', [], r.code);
    case 'conditions_met':
      return new E('wrong_state', 'every condition is met: the inspector commissions', [], r.code);
  }
}
