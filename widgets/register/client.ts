// The two public register endpoints as typed calls, and the tables that turn the API's enum values
// into message keys. No token is ever sent: anyone may read the register.
import type { Page } from '../../domain/common/page.ts';
import type { RegisterStatus } from '../../domain/common/register-status.ts';
import type { RegisterState } from '../../domain/register/status.ts';
import { getJson, type RequestOptions } from '../core/api.ts';
import type { RegisterMessageKey } from './messages.ts';

/** `RegisterOrganization` of the OpenAPI document. */
export interface RegisterListItem {
  id: string;
  tin: string;
  name: string;
  registerStatus: RegisterStatus;
  dispatchPhone: string;
  since: string | null;
}

export interface RegisterHistoryItem {
  at: string;
  action: string;
  fromState: RegisterState | null;
  toState: RegisterState;
  reason: string | null;
}

/** `RegisterHistory` of the OpenAPI document. */
export interface RegisterHistory {
  organization: RegisterListItem;
  events: RegisterHistoryItem[];
}

type PublicOptions = Omit<RequestOptions, 'token'>;

const BASE = '/api/v1/register/organizations';

export function listOrganizations(
  q: { status?: RegisterStatus; page: number; pageSize: number },
  { apiBase, lang, signal }: PublicOptions,
): Promise<Page<RegisterListItem>> {
  const query = new URLSearchParams({ page: String(q.page), pageSize: String(q.pageSize) });
  if (q.status) query.set('status', q.status);
  return getJson(`${BASE}?${query}`, { apiBase, lang, signal });
}

export function getHistory(
  orgId: string,
  { apiBase, lang, signal }: PublicOptions,
): Promise<RegisterHistory> {
  return getJson(`${BASE}/${encodeURIComponent(orgId)}/history`, { apiBase, lang, signal });
}

/** The filter's choices, in the order the select offers them. */
export const FILTER_STATUSES: readonly RegisterStatus[] = ['registered', 'suspended', 'removed', 'applicant'];

// Statuses of the list and the states of the history (a superset).
export const STATE_TEXT: Readonly<Record<string, RegisterMessageKey>> = {
  applicant: 'statusApplicant',
  under_review: 'statusUnderReview',
  corrections_requested: 'statusCorrectionsRequested',
  registered: 'statusRegistered',
  rejected: 'statusRejected',
  suspended: 'statusSuspended',
  removed: 'statusRemoved',
};

export const ACTION_TEXT: Readonly<Record<string, RegisterMessageKey>> = {
  submit: 'actionSubmit',
  request_corrections: 'actionRequestCorrections',
  resubmit: 'actionResubmit',
  withdraw: 'actionWithdraw',
  register: 'actionRegister',
  reject: 'actionReject',
  recheck: 'actionRecheck',
  suspend: 'actionSuspend',
  reinstate: 'actionReinstate',
  remove: 'actionRemove',
};

export const REASON_TEXT: Readonly<Record<string, RegisterMessageKey>> = {
  requirements_not_met: 'reasonRequirementsNotMet',
  false_data: 'reasonFalseData',
  corrections_not_made: 'reasonCorrectionsNotMade',
  recheck_failed: 'reasonRecheckFailed',
  under_investigation: 'reasonUnderInvestigation',
  tax_registration_missed: 'reasonTaxRegistrationMissed',
  liquidated: 'reasonLiquidated',
};
