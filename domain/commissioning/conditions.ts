// Whether a building's commissioning conditions are met: what was recorded with evidence, checked
// against what the integrations observe now. An observation wins over a record, both ways: Turar-Joy
// showing the building is proof enough, and Turar-Joy not showing it undoes a filed screenshot.

import { isTin } from '../common/identifiers.ts';
import type { RegisterStatus } from '../common/register-status.ts';
import type { CommissioningCondition, CommissioningPolicy } from './policy.ts';
import { DEFAULT_COMMISSIONING_POLICY } from './policy.ts';
import type { CommissioningApplication, ConditionEvidence, EvidenceProblem } from './types.ts';

export interface CommissioningFacts {
  /** What integrations observe now (Turar-Joy, the cadastre); absent means not observed. */
  observed?: Partial<Record<CommissioningCondition, boolean>>;
  /**
   * The register status of the engaged management organization, when known: only a registered
   * organization may manage a building (docs/domain/register.md, since 1 Nov 2022).
   */
  managementOrganizationStatus?: RegisterStatus | null;
}

export type MissingBecause = 'not_recorded' | 'observed_not_met' | 'organization_not_registered';

export interface ConditionsEvaluation {
  met: CommissioningCondition[];
  missing: CommissioningCondition[];
  because: Partial<Record<CommissioningCondition, MissingBecause>>;
  canCommission: boolean;
}

export function evaluate(
  application: Pick<CommissioningApplication, 'conditions'>,
  facts: CommissioningFacts = {},
  policy: CommissioningPolicy = DEFAULT_COMMISSIONING_POLICY,
): ConditionsEvaluation {
  const met: CommissioningCondition[] = [];
  const missing: CommissioningCondition[] = [];
  const because: Partial<Record<CommissioningCondition, MissingBecause>> = {};
  for (const c of policy.required) {
    const observed = facts.observed?.[c];
    let why: MissingBecause | null = null;
    if (observed === false) why = 'observed_not_met';
    else if (observed !== true && !application.conditions[c]) why = 'not_recorded';
    else if (
      c === 'management_organization_engaged' &&
      facts.managementOrganizationStatus !== undefined &&
      facts.managementOrganizationStatus !== 'registered'
    ) {
      why = 'organization_not_registered';
    }
    if (why === null) met.push(c);
    else {
      missing.push(c);
      because[c] = why;
    }
  }
  return { met, missing, because, canCommission: missing.length === 0 };
}

/** What is wrong with the evidence for a condition; empty when it may be recorded. */
export function checkEvidence(
  policy: CommissioningPolicy,
  application: Pick<CommissioningApplication, 'developerTin' | 'conditions'>,
  condition: CommissioningCondition,
  evidence: ConditionEvidence,
): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  if (evidence.documentId.trim() === '') fail('documentId', 'is required');
  const parties = policy.signatures[condition];
  const names = condition === 'management_organization_engaged' || condition === 'solar_panels_transferred';
  const mo = evidence.managementOrganizationTin ?? null;
  if ((names || parties.includes('management_organization')) && (mo === null || !isTin(mo))) {
    fail('managementOrganizationTin', 'must be the TIN of the management organization');
  }
  for (const party of parties) {
    const tin = party === 'developer' ? application.developerTin : mo;
    if (tin !== null && !evidence.signedByTins.includes(tin)) {
      fail('signedByTins', `must carry the signature of the ${party.replace('_', ' ')} (${tin})`);
    }
  }
  // The panels go to the body that manages the building, not to any organization.
  const other =
    condition === 'solar_panels_transferred'
      ? application.conditions.management_organization_engaged
      : condition === 'management_organization_engaged'
        ? application.conditions.solar_panels_transferred
        : undefined;
  const otherMo = other?.evidence.managementOrganizationTin ?? null;
  if (mo !== null && otherMo !== null && otherMo !== mo) {
    fail('managementOrganizationTin', `must be the organization already recorded (${otherMo})`);
  }
  return problems;
}
