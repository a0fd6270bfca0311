// What a commissioning rule may refuse with (a RuleError of these codes), and the pure rules'
// refusals as such errors. A rejected signature carries the verifier's reason; a refusal carries
// the domain's own code.
import { RuleError } from '../common/rule-error.ts';
import type { CommissioningRefusal } from './application.ts';

export type CommissioningRuleCode =
  | 'not_found'
  | 'wrong_state'
  | 'forbidden'
  | 'invalid'
  | 'conditions_missing'
  | 'idempotency_conflict'
  | 'signature_rejected';

/** The pure rules' refusal as the error the layers above map. */
export function refusalError(r: CommissioningRefusal): RuleError<CommissioningRuleCode> {
  const E = (code: CommissioningRuleCode, message: string, fields: string[], reason: string) =>
    new RuleError(code, message, fields, reason);
  switch (r.code) {
    case 'not_allowed_from_state':
      return E('wrong_state', `${r.action} is not allowed while the application is ${r.state}`, [], r.code);
    case 'forbidden':
      return E('forbidden', `you may not ${r.action.replace('_', ' ')} on this application`, [], r.code);
    case 'out_of_scope':
      return E('forbidden', 'this application is in another district', [], r.code);
    case 'invalid_tin':
      return E('invalid', `${r.tin} is not a TIN`, ['developerTin'], r.code);
    case 'unknown_condition':
      return E('invalid', `no condition ${r.condition}`, ['condition'], r.code);
    case 'invalid_evidence':
      return E(
        'invalid',
        r.problems.map((p) => `${p.field} ${p.message}`).join('; '),
        r.problems.map((p) => p.field),
        r.code,
      );
    case 'reasons_required':
      return E('invalid', 'give at least one reason', ['reasons'], r.code);
    case 'conditions_missing':
      return E('conditions_missing', `conditions not met: ${r.missing.join(', ')}`, [], r.code);
    case 'deadline_passed':
      return E('wrong_state', `the deadline passed at ${new Date(r.dueAt).toISOString()}`, [], r.code);
    case 'deadline_not_reached':
      return E('wrong_state', 'the deadline has not passed yet', [], r.code);
    case 'conditions_met':
      return E('wrong_state', 'every condition is met: the inspector commissions', [], r.code);
  }
}
