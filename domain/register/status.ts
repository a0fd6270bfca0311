// The register's state machine. Every change is a pure function of the entry, the command, who
// asks and when, so the workflow, the API and the tests share one answer to "may this happen?".
// Only `registered` may manage buildings (docs/domain/register.md: since 1 Nov 2022 a management
// body operates only once entered in the electronic register).
import type { Principal, Role } from '../access/roles.ts';
import type { Actor } from '../common/actor.ts';
import type { RegisterStatus } from '../common/register-status.ts';
import type { RegisterPolicy } from './policy.ts';
import { meetsAll, type RequirementVerdict } from './requirements.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const TASHKENT_OFFSET_MS = 5 * 60 * 60 * 1000;

export const REGISTER_STATES = [
  'applicant',
  'under_review',
  'corrections_requested',
  'registered',
  'rejected',
  'suspended',
  'removed',
] as const;
export type RegisterState = (typeof REGISTER_STATES)[number];

/** Refusal grounds include false data (docs/domain/register.md). */
export const REJECTION_REASONS = ['requirements_not_met', 'false_data', 'corrections_not_made'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const SUSPENSION_REASONS = ['recheck_failed', 'under_investigation'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

/** An unregistered common-property contract removes the organization (docs/domain/contracts.md). */
export const REMOVAL_REASONS = [
  'tax_registration_missed',
  'false_data',
  'requirements_not_met',
  'liquidated',
] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

export interface RegisterEntry {
  organizationId: string;
  /** The district whose council and inspectors review this organization. */
  districtId: string;
  state: RegisterState;
  /** When the entry entered its current state. */
  since: number;
  /** Set only while corrections are requested. */
  correctionsDueAt: number | null;
  /** Why the entry is rejected, suspended or removed; null otherwise. */
  reason: RejectionReason | SuspensionReason | RemovalReason | null;
  /** Last time the requirements were found met; the periodic re-check counts from here. */
  lastCheckedAt: number | null;
}

export type RegisterCommand =
  | { type: 'submit' }
  | { type: 'request_corrections' }
  | { type: 'resubmit' }
  | { type: 'withdraw' }
  | { type: 'register'; verdicts: RequirementVerdict[] }
  | { type: 'reject'; reason: RejectionReason }
  | { type: 'recheck'; verdicts: RequirementVerdict[] }
  | { type: 'suspend'; reason: SuspensionReason }
  | { type: 'reinstate'; verdicts: RequirementVerdict[] }
  | { type: 'remove'; reason: RemovalReason };
export type RegisterAction = RegisterCommand['type'];

const REVIEWERS = ['council', 'inspector', 'admin'] as const;

/** From which states each action is allowed, and who may take it. */
export const REGISTER_TRANSITIONS: Record<
  RegisterAction,
  { from: readonly RegisterState[]; by: readonly (Role | 'system')[] }
> = {
  submit: { from: ['applicant', 'rejected'], by: ['management_company'] },
  request_corrections: { from: ['under_review'], by: REVIEWERS },
  resubmit: { from: ['corrections_requested'], by: ['management_company'] },
  // The applicant takes back an application nobody has decided yet; it may apply again later.
  withdraw: { from: ['under_review', 'corrections_requested'], by: ['management_company'] },
  register: { from: ['under_review'], by: REVIEWERS },
  reject: { from: ['under_review', 'corrections_requested'], by: [...REVIEWERS, 'system'] },
  recheck: { from: ['registered'], by: [...REVIEWERS, 'system'] },
  suspend: { from: ['registered'], by: [...REVIEWERS, 'system'] },
  reinstate: { from: ['suspended'], by: REVIEWERS },
  remove: { from: ['registered', 'suspended'], by: [...REVIEWERS, 'system'] },
};

export type RegisterRefusal =
  | { code: 'not_allowed_from_state'; action: RegisterAction; state: RegisterState }
  | { code: 'forbidden'; action: RegisterAction }
  | { code: 'out_of_scope'; action: RegisterAction }
  | { code: 'requirements_not_met'; fields: string[] }
  | { code: 'corrections_deadline_passed'; dueAt: number }
  | { code: 'corrections_deadline_not_reached'; dueAt: number }
  | { code: 'invalid_reason'; reason: string };

export type RegisterResult = { ok: true; entry: RegisterEntry } | { ok: false; refusal: RegisterRefusal };

export function newRegisterEntry(organizationId: string, districtId: string, now: number): RegisterEntry {
  return {
    organizationId,
    districtId,
    state: 'applicant',
    since: now,
    correctionsDueAt: null,
    reason: null,
    lastCheckedAt: null,
  };
}

function inScope(role: Role, p: Principal, entry: RegisterEntry): boolean {
  if (role === 'admin') return true;
  if (role === 'management_company') return p.organizationId === entry.organizationId;
  if (role === 'council' || role === 'inspector') return p.districtId === entry.districtId;
  return false;
}

/** Whether the actor may take the action on this entry, regardless of its state. */
export function authorize(
  entry: RegisterEntry,
  action: RegisterAction,
  actor: Actor,
): RegisterRefusal | null {
  const by = REGISTER_TRANSITIONS[action].by;
  if (actor.kind === 'system') return by.includes('system') ? null : { code: 'forbidden', action };
  const roles = actor.principal.roles.filter((r) => by.includes(r));
  if (roles.length === 0) return { code: 'forbidden', action };
  return roles.some((r) => inScope(r, actor.principal, entry)) ? null : { code: 'out_of_scope', action };
}

/** The actions this actor could take now, for buttons and the API's hints. */
export function availableActions(entry: RegisterEntry, actor: Actor): RegisterAction[] {
  return (Object.keys(REGISTER_TRANSITIONS) as RegisterAction[]).filter(
    (a) => REGISTER_TRANSITIONS[a].from.includes(entry.state) && authorize(entry, a, actor) === null,
  );
}

const failing = (verdicts: RequirementVerdict[]): RegisterRefusal => ({
  code: 'requirements_not_met',
  fields: verdicts.filter((v) => !v.ok).map((v) => v.field ?? v.requirement),
});

export function applyRegisterCommand(
  policy: RegisterPolicy,
  entry: RegisterEntry,
  command: RegisterCommand,
  actor: Actor,
  now: number,
): RegisterResult {
  const action = command.type;
  // Who may act before what state the entry is in: the state is not a stranger's to learn.
  const denied = authorize(entry, action, actor);
  if (denied) return { ok: false, refusal: denied };
  if (!REGISTER_TRANSITIONS[action].from.includes(entry.state)) {
    return { ok: false, refusal: { code: 'not_allowed_from_state', action, state: entry.state } };
  }

  const to = (
    state: RegisterState,
    extra: Partial<Pick<RegisterEntry, 'correctionsDueAt' | 'reason' | 'lastCheckedAt'>> = {},
  ): RegisterResult => ({
    ok: true,
    entry: { ...entry, state, since: now, correctionsDueAt: null, reason: null, ...extra },
  });

  switch (command.type) {
    case 'submit':
      return to('under_review');
    case 'request_corrections':
      return to('corrections_requested', { correctionsDueAt: now + policy.correctionDays * DAY_MS });
    case 'resubmit': {
      const dueAt = entry.correctionsDueAt ?? now;
      if (now > dueAt) return { ok: false, refusal: { code: 'corrections_deadline_passed', dueAt } };
      return to('under_review');
    }
    case 'withdraw':
      return to('applicant');
    case 'register':
      if (!meetsAll(command.verdicts)) return { ok: false, refusal: failing(command.verdicts) };
      return to('registered', { lastCheckedAt: now });
    case 'reject': {
      if (!REJECTION_REASONS.includes(command.reason)) {
        return { ok: false, refusal: { code: 'invalid_reason', reason: command.reason } };
      }
      if (command.reason === 'corrections_not_made') {
        if (entry.state !== 'corrections_requested') {
          return { ok: false, refusal: { code: 'invalid_reason', reason: command.reason } };
        }
        const dueAt = entry.correctionsDueAt ?? now;
        if (now <= dueAt) return { ok: false, refusal: { code: 'corrections_deadline_not_reached', dueAt } };
      }
      return to('rejected', { reason: command.reason });
    }
    case 'recheck':
      // A failed re-check suspends rather than removes: the organization keeps its buildings
      // while it fixes what is missing, but cannot be selected for new ones.
      if (!meetsAll(command.verdicts)) return to('suspended', { reason: 'recheck_failed' });
      return { ok: true, entry: { ...entry, lastCheckedAt: now } };
    case 'suspend':
      if (!SUSPENSION_REASONS.includes(command.reason)) {
        return { ok: false, refusal: { code: 'invalid_reason', reason: command.reason } };
      }
      return to('suspended', { reason: command.reason });
    case 'reinstate':
      if (!meetsAll(command.verdicts)) return { ok: false, refusal: failing(command.verdicts) };
      return to('registered', { lastCheckedAt: now });
    case 'remove':
      if (!REMOVAL_REASONS.includes(command.reason)) {
        return { ok: false, refusal: { code: 'invalid_reason', reason: command.reason } };
      }
      return to('removed', { reason: command.reason });
  }
}

/** Only a registered organization may be chosen by owners or a council. */
export const isSelectable = (state: RegisterState): boolean => state === 'registered';

/**
 * The coarser status the registry vocabulary (REGISTER_STATUSES) and OrganizationRef carry.
 * A rejected organization is not in the register and may apply again, hence `applicant`.
 */
export function registerStatusOf(state: RegisterState): RegisterStatus {
  if (state === 'registered' || state === 'suspended' || state === 'removed') return state;
  return 'applicant';
}

/** When the next periodic re-check is due: calendar months in Asia/Tashkent, clamped to month end. */
export function recheckDueAt(policy: RegisterPolicy, entry: RegisterEntry): number | null {
  if (entry.state !== 'registered' || entry.lastCheckedAt === null) return null;
  const local = new Date(entry.lastCheckedAt + TASHKENT_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + policy.recheckIntervalMonths;
  const day = Math.min(local.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
  const timeOfDay =
    entry.lastCheckedAt + TASHKENT_OFFSET_MS - Date.UTC(y, local.getUTCMonth(), local.getUTCDate());
  return Date.UTC(y, m, day) + timeOfDay - TASHKENT_OFFSET_MS;
}

export const REMOVAL_CONSEQUENCES = [
  'exclude_from_selection',
  'flag_contracts',
  'notify_councils',
  'notify_owners',
  'notify_organization',
] as const;
export type RemovalConsequence = (typeof REMOVAL_CONSEQUENCES)[number];

/**
 * What follows a removal (docs/domain/register.md): the organization cannot be selected, its contracts are
 * flagged for the owners to choose anew, and the councils of its districts, the owners of its
 * buildings and the organization itself are told why. The same for every reason today; the
 * reason is a parameter so a region may treat them differently without changing callers.
 */
export function consequencesOfRemoval(_reason: RemovalReason): RemovalConsequence[] {
  return [...REMOVAL_CONSEQUENCES];
}
