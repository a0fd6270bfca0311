// Every capability's rule codes, under the name its problems carry them (`meetings.wrong_phase`):
// the widgets' words for refusals are keyed by them (widgets/core/rule-messages.ts), so a renamed or
// removed code fails the build there. Composition: it names every capability. The widgets import
// its types only, of ROUTE_CODES (the codes routes write themselves) too; RULE_CODES, the same codes
// as values, is for the test that asks each to be worded in every language
// (tests/widgets/refusal-words.test.ts).
import type { AppealRuleCode } from '../domain/appeals/errors.ts';
import type { BillingRuleCode } from '../domain/billing/errors.ts';
import type { CommissioningRuleCode } from '../domain/commissioning/errors.ts';
import type { ContractRuleCode } from '../domain/contracts/errors.ts';
import type { DispatchRuleCode } from '../domain/dispatch/errors.ts';
import type { LotRuleCode } from '../domain/lots/errors.ts';
import type { MeetingRuleCode } from '../domain/meetings/errors.ts';
import type { NotificationRuleCode } from '../domain/notifications/errors.ts';
import type { RegisterRuleCode } from '../domain/register/errors.ts';
import type { ConditionRuleCode } from '../domain/registry/condition-errors.ts';
import type { ReportRuleCode } from '../domain/reports/errors.ts';

/** Each capability's rule codes, under the name its problems carry them (`meetings.wrong_phase`). */
interface CapabilityCodes {
  appeals: AppealRuleCode;
  billing: BillingRuleCode;
  commissioning: CommissioningRuleCode;
  contracts: ContractRuleCode;
  dispatch: DispatchRuleCode;
  lots: LotRuleCode;
  meetings: MeetingRuleCode;
  notifications: NotificationRuleCode;
  register: RegisterRuleCode;
  registry: ConditionRuleCode;
  reports: ReportRuleCode;
}

/**
 * Codes a route gives a problem itself, outside any rule table (a phone code typed wrong, a lot
 * act's signature refused). tests/widgets/refusal-words.test.ts reads api/ for every code a route
 * writes and fails on one missing here or without words.
 */
export const ROUTE_CODES = [
  'lots.signature_refused',
  'notifications.no_code',
  'notifications.code_wrong',
  'notifications.code_expired',
  'notifications.code_exhausted',
  'notifications.code_used',
  'notifications.too_many_codes',
  'notifications.phone_unreachable',
] as const;
export type RouteCode = (typeof ROUTE_CODES)[number];

/** A problem's code, or a rule code alone for the words every capability shares. */
export type RefusalCode =
  | { [C in keyof CapabilityCodes]: `${C}.${CapabilityCodes[C]}` }[keyof CapabilityCodes]
  | CapabilityCodes[keyof CapabilityCodes]
  | RouteCode;

/** One capability's codes as a set: exhaustive, so a code added to the domain fails the build here. */
type CodeSet<C extends string> = Record<C, true>;

/** Every capability's rule codes as values, the same as CapabilityCodes. */
export const RULE_CODES: { [C in keyof CapabilityCodes]: CodeSet<CapabilityCodes[C]> } = {
  appeals: { not_found: true, wrong_state: true, forbidden: true, invalid: true, idempotency_conflict: true },
  billing: {
    not_found: true,
    forbidden: true,
    invalid: true,
    transfer_conflict: true,
    not_pending: true,
    below_minimum: true,
    line_not_waiting: true,
    already_registered: true,
    idempotency_conflict: true,
  },
  commissioning: {
    not_found: true,
    wrong_state: true,
    forbidden: true,
    invalid: true,
    conditions_missing: true,
    idempotency_conflict: true,
    signature_rejected: true,
  },
  contracts: {
    not_found: true,
    wrong_state: true,
    forbidden: true,
    invalid: true,
    idempotency_conflict: true,
    signature_rejected: true,
    not_selectable: true,
  },
  dispatch: {
    not_found: true,
    wrong_state: true,
    forbidden: true,
    invalid: true,
    idempotency_conflict: true,
  },
  lots: {
    not_found: true,
    wrong_state: true,
    forbidden: true,
    invalid: true,
    violations: true,
    window_closed: true,
    idempotency_conflict: true,
  },
  meetings: {
    not_found: true,
    wrong_phase: true,
    not_eligible: true,
    invalid: true,
    idempotency_conflict: true,
    forbidden: true,
    not_selectable: true,
  },
  notifications: {
    invalid: true,
    not_found: true,
    forbidden: true,
    wrong_state: true,
    expired: true,
    idempotency_conflict: true,
  },
  register: {
    not_found: true,
    wrong_state: true,
    forbidden: true,
    invalid: true,
    requirements_not_met: true,
    idempotency_conflict: true,
  },
  registry: { not_found: true, invalid: true, conflict: true, idempotency_conflict: true },
  reports: {
    not_found: true,
    forbidden: true,
    invalid: true,
    wrong_state: true,
    quarter_not_begun: true,
    not_managed: true,
    idempotency_conflict: true,
  },
};

/** Every problem code a rule may refuse with (`meetings.wrong_phase`). */
export const allRuleCodes = (): string[] =>
  Object.entries(RULE_CODES).flatMap(([capability, codes]) =>
    Object.keys(codes).map((code) => `${capability}.${code}`),
  );

/** Every problem code the API may answer with: the rules' and the routes' own. */
export const allRefusalCodes = (): string[] => [...allRuleCodes(), ...ROUTE_CODES];
