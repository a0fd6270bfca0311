// Checks an application for the register against the policy, one verdict per requirement, so the
// reviewer sees every failing requirement at once and the applicant knows which field to correct.
import { isTin } from '../common/identifiers.ts';
import type { RegisterPolicy } from './policy.ts';

export const REQUIREMENTS = [
  'identity',
  'own_funds',
  'technical_base',
  'dispatch_service',
  // Found only by the periodic re-check, from the organization's record rather than its evidence.
  'quarterly_reports',
] as const;
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

/** A quarterly report of one of the organization's buildings that missed its deadline (the reports capability's data). */
export interface LateReport {
  buildingId: string;
  quarter: string;
  /** The deadline it missed, epoch ms. */
  deadlineAt: number;
}

/**
 * The re-check's finding from the quarterly reports: an organization whose reports missed their
 * deadline `policy.lateReportsForFinding` times or more within the last
 * `policy.lateReportsWindowDays` days before the re-check (entered late or not entered at all)
 * fails the requirement, naming the reports.
 */
export function reportingVerdict(
  policy: Pick<RegisterPolicy, 'lateReportsForFinding' | 'lateReportsWindowDays'>,
  late: readonly LateReport[],
  now: number,
): RequirementVerdict {
  const since = now - policy.lateReportsWindowDays * 24 * 60 * 60 * 1000;
  const within = late.filter((r) => r.deadlineAt > since && r.deadlineAt <= now);
  if (within.length < policy.lateReportsForFinding) return pass('quarterly_reports');
  const named = [...within]
    .sort((a, b) => a.deadlineAt - b.deadlineAt || (a.buildingId < b.buildingId ? -1 : 1))
    .map((r) => `${r.quarter} (building ${r.buildingId})`);
  return fail(
    'quarterly_reports',
    'quarterlyReports',
    `${within.length} quarterly reports late within ${policy.lateReportsWindowDays} days: ${named.join(', ')}`,
  );
}

/** What the dispatch service did between re-checks (the dispatch capability's data). */
export interface DispatchRecord {
  /** Where the measured stretch began; null when the organization recorded no shift and no request. */
  from: number | null;
  to: number;
  /** The least covered role or category's share of the stretch; null with nothing to measure. */
  coverage: {
    share: number;
    worst: { role: string; category: string | null; uncoveredMs: number } | null;
  } | null;
  /** Legal times decided in the stretch (answers, containments) and of them those met. */
  legal: { decided: number; inTime: number };
}

const percent = (x: number) => `${Math.floor(x * 1000) / 10} %`;

/**
 * The re-check's finding from the dispatch service's own record: its 24-hour service is judged by
 * the roster's round-the-clock coverage and the share of legal times met, not by the declaration.
 * An organization with no record in the system keeps the verdict on its declaration: there is
 * nothing to measure, and the declaration was checked on registration.
 */
export function dispatchRecordVerdict(
  policy: Pick<RegisterPolicy, 'dispatchMinCoverage' | 'dispatchMinInTime' | 'dispatchMinDecided'>,
  declared: RequirementVerdict,
  record: DispatchRecord,
): RequirementVerdict {
  if (!declared.ok || record.coverage === null) return declared;
  const { share, worst } = record.coverage;
  if (share < policy.dispatchMinCoverage) {
    const who = worst?.category
      ? `a ${worst.role} for ${worst.category}`
      : `a ${worst?.role ?? 'dispatcher'}`;
    return fail(
      'dispatch_service',
      'dispatch.coverage',
      `the roster covered ${percent(share)} of the time round the clock (at least ${percent(policy.dispatchMinCoverage)}); least covered: ${who}`,
    );
  }
  const { decided, inTime } = record.legal;
  if (decided >= policy.dispatchMinDecided && inTime / decided < policy.dispatchMinInTime)
    return fail(
      'dispatch_service',
      'dispatch.legalTimes',
      `${inTime} of ${decided} calls and emergencies were answered or contained in the legal time (${percent(inTime / decided)}, at least ${percent(policy.dispatchMinInTime)})`,
    );
  return declared;
}
