// Checks an application for the register against the policy, one verdict per requirement, so the
// reviewer sees every failing requirement at once and the applicant knows which field to correct.
import { isTin } from '../common/identifiers.ts';
import type { RegisterPolicy } from './policy.ts';

export const REQUIREMENTS = ['identity', 'own_funds', 'technical_base', 'dispatch_service'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

export interface TechnicalBaseItem {
  category: string;
  description: string;
  quantity: number;
}

export interface RegisterApplication {
  tin: string;
  name: string;
  /** Own funds shown by the evidence (balance sheet, bank statement), in so'm. */
  ownFundsUzs: number;
  technicalBase: TechnicalBaseItem[];
  dispatch: { hoursPerDay: number; daysPerWeek: number; phone: string | null };
}

export interface RequirementVerdict {
  requirement: Requirement;
  ok: boolean;
  /** Why it failed; null when ok. */
  reason: string | null;
  /** The first failing field as a path into the application; null when ok. */
  field: string | null;
}

const pass = (requirement: Requirement): RequirementVerdict => ({
  requirement,
  ok: true,
  reason: null,
  field: null,
});
const fail = (requirement: Requirement, field: string, reason: string): RequirementVerdict => ({
  requirement,
  ok: false,
  reason,
  field,
});

function identity(a: RegisterApplication): RequirementVerdict {
  if (!isTin(a.tin)) return fail('identity', 'tin', 'TIN must be 9 digits');
  if (a.name.trim() === '') return fail('identity', 'name', 'name is required');
  return pass('identity');
}

function ownFunds(policy: RegisterPolicy, a: RegisterApplication): RequirementVerdict {
  if (!Number.isFinite(a.ownFundsUzs) || a.ownFundsUzs < 0) {
    return fail('own_funds', 'ownFundsUzs', 'own funds must be a non-negative amount');
  }
  if (a.ownFundsUzs < policy.minOwnFundsUzs) {
    return fail('own_funds', 'ownFundsUzs', `own funds must be at least ${policy.minOwnFundsUzs} so'm`);
  }
  return pass('own_funds');
}

function technicalBase(policy: RegisterPolicy, a: RegisterApplication): RequirementVerdict {
  const bad = a.technicalBase.findIndex((i) => !Number.isInteger(i.quantity) || i.quantity < 1);
  if (bad >= 0)
    return fail('technical_base', `technicalBase[${bad}].quantity`, 'quantity must be at least 1');
  const blank = a.technicalBase.findIndex((i) => i.description.trim() === '');
  if (blank >= 0) {
    return fail('technical_base', `technicalBase[${blank}].description`, 'each item needs a description');
  }
  const present = new Set(a.technicalBase.map((i) => i.category));
  const missing = policy.requiredTechnicalBase.filter((c) => !present.has(c));
  if (missing.length > 0) {
    return fail('technical_base', 'technicalBase', `missing categories: ${missing.join(', ')}`);
  }
  return pass('technical_base');
}

function dispatchService(policy: RegisterPolicy, a: RegisterApplication): RequirementVerdict {
  if (a.dispatch.hoursPerDay < policy.dispatchHoursPerDay) {
    return fail(
      'dispatch_service',
      'dispatch.hoursPerDay',
      `dispatch must work ${policy.dispatchHoursPerDay} hours a day`,
    );
  }
  if (a.dispatch.daysPerWeek < policy.dispatchDaysPerWeek) {
    return fail(
      'dispatch_service',
      'dispatch.daysPerWeek',
      `dispatch must work ${policy.dispatchDaysPerWeek} days a week`,
    );
  }
  const phone = a.dispatch.phone?.replace(/[\s()-]/g, '') ?? '';
  if (!new RegExp(policy.dispatchPhonePattern).test(phone)) {
    return fail('dispatch_service', 'dispatch.phone', 'dispatch needs a reachable phone number');
  }
  return pass('dispatch_service');
}

export function assessApplication(policy: RegisterPolicy, a: RegisterApplication): RequirementVerdict[] {
  return [identity(a), ownFunds(policy, a), technicalBase(policy, a), dispatchService(policy, a)];
}

export const meetsAll = (verdicts: RequirementVerdict[]): boolean => verdicts.every((v) => v.ok);
