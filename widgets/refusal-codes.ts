// Every capability's rule codes, under the name its problems carry them (`meetings.wrong_phase`):
// the widgets' words for refusals are keyed by them (widgets/core/rule-messages.ts), so a renamed or
// removed code fails the build there. Type-only, and composition: it names every capability.
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

/** A problem's code, or a rule code alone for the words every capability shares. */
export type RefusalCode =
  | { [C in keyof CapabilityCodes]: `${C}.${CapabilityCodes[C]}` }[keyof CapabilityCodes]
  | CapabilityCodes[keyof CapabilityCodes];
