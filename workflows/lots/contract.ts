// A lot version's approval as its callers address it (the API, its activities, tests): one
// workflow per lot version holds the council's deadline, the reminders and the escalation, and
// takes the officer's submissions and the council's decisions as updates. Workflow-safe: no
// activity or ORM imports.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CompetitionCriteria, RankedBid } from '../../domain/lots/competition.ts';
import type { LotRuleCode } from '../../domain/lots/errors.ts';
import type { LotPolicy } from '../../domain/lots/policy.ts';
import type { ApprovalStatus, SelectionStatus } from '../../domain/lots/status.ts';
import type { SignatureEnvelope, VerificationResult } from '../../domain/signatures/types.ts';
import { defineWorkflow } from '../common/contract.ts';

/** A version goes through approval once: a change of an approved lot is a new version, a new run. */
export const lotApprovalWorkflowId = (lotId: string, version: number): string =>
  `lot-approval:${lotId}:${version}`;

export interface LotApprovalInput {
  lotId: string;
  version: number;
  /** The deployment's review terms when the version was first submitted. */
  policy: Pick<LotPolicy, 'reviewDays' | 'reviewRemindersDays'>;
}

export interface LotApprovalState {
  approval: ApprovalStatus;
  /** Submissions so far (1 for the first, 2 after one return, …). */
  round: number;
  /** When the current submission was made, epoch ms; null before the first. */
  submittedAt: number | null;
  /** When the council's decision on it is due, epoch ms. */
  dueAt: number | null;
  remindersSent: number;
  /** The current submission passed its deadline undecided and was escalated. */
  escalated: boolean;
  remarks: string | null;
  /** `sha256:<hex>` of the decision act, once approved. */
  decisionDocument: string | null;
}

export interface SubmitLotInput {
  actorUserId: string;
}

/**
 * The council member's signature over the act of the approval, verified by the API over the act's
 * exact bytes before the update: the approval and its signed act are one step, so no approved lot
 * is without it.
 */
export interface SignedLotAct {
  /** Hex SHA-256 of the act's bytes as the signer read them (GET /lots/{id}/decision/act). */
  documentSha256: string;
  signerName: string;
  envelope: SignatureEnvelope;
  verification: VerificationResult & { status: 'verified' };
}

export type DecideLotInput =
  | { actorUserId: string; decision: 'approve'; act: SignedLotAct }
  | { actorUserId: string; decision: 'return'; remarks: string };

/** The failure type of each rule code; a refusal's fields travel as `details[0]`, its reason as `details[1]`. */
export const LOT_FAILURES = {
  not_found: 'LotNotFound',
  wrong_state: 'LotWrongState',
  forbidden: 'LotForbidden',
  invalid: 'LotInvalidInput',
  violations: 'LotViolations',
  window_closed: 'LotWindowClosed',
  idempotency_conflict: 'LotIdempotencyConflict',
} as const satisfies Record<LotRuleCode, string>;

export const lotApprovalWorkflow = defineWorkflow<(input: LotApprovalInput) => Promise<LotApprovalState>>()(
  'lotApproval',
  { queue: 'lots', failures: LOT_FAILURES },
);

export const submitLotUpdate = defineUpdate<LotApprovalState, [SubmitLotInput]>('submit');
export const decideLotUpdate = defineUpdate<LotApprovalState, [DecideLotInput]>('decide');
export const lotApprovalStateQuery = defineQuery<LotApprovalState>('state');

// A lot version's owners' choice (workflows/lots/choice.ts): one workflow per approved version holds
// the application window, follows the lot-wide meeting to its result, runs the council's
// competition when the owners do not choose, and concludes the contracts. Applications,
// withdrawals and bids are rows (db/lots/choice*.ts), never signals, so the history does not grow
// with them.

/** The choice is made once per approved version. */
export const lotChoiceWorkflowId = (lotId: string, version: number): string =>
  `lot-choice:${lotId}:${version}`;

export interface LotChoiceInput {
  lotId: string;
  version: number;
  /** The council officer who opened the choice: the lot's meeting is called in the council's name. */
  openedBy: { userId: string; name: string; districtId: string };
  /**
   * The deployment's terms when the choice was opened. `competitionRoundsPerRun` is missing from
   * the input of a choice opened before it existed: the workflow then takes the default.
   */
  policy: Pick<
    LotPolicy,
    'applicationDays' | 'votingDays' | 'competitionDays' | 'contractTermMonths' | 'resultPollMinutes'
  > &
    Partial<Pick<LotPolicy, 'competitionRoundsPerRun'>>;
  /** Published with the competition, if there is one. */
  criteria: CompetitionCriteria;
  /** The queues of the meeting's and the contracts' workflows (the deployment's, or a test's). */
  queues: { meetings: string; contracts: string };
  /**
   * Set only by the workflow itself when it continues as new after `competitionRoundsPerRun`
   * competition rounds nobody bid in: the run starts at the competition's next round, and the
   * window and the vote, long over, are not run again.
   */
  resume?: LotChoiceResume;
}

/** Where a choice continued as new picks up: always in the competition, before any protocol. */
export interface LotChoiceResume {
  /** The round to publish first; its request ids continue the numbering of the runs before. */
  competitionRound: number;
  /** The state the query showed when the last run ended (no protocol, nobody appointed yet). */
  state: LotChoiceState;
}

export interface LotChoiceState {
  selection: SelectionStatus;
  applicationsCloseAt: number | null;
  /** The lot's meeting series (its first attempt's id) and the attempt being followed. */
  meetingSeriesId: string | null;
  attempt: number;
  /** Looks for the meeting's result after its close; bounded by the meetings' own counting. */
  polls: number;
  competitionClosesAt: number | null;
  protocol: RankedBid[] | null;
  organizationId: string | null;
  /** Tiyin per m² a month, as offered by the organization chosen or appointed. */
  tariff: number | null;
  contractIds: string[];
}

export interface AppointLotInput {
  actorUserId: string;
  organizationId: string;
}

export const lotChoiceWorkflow = defineWorkflow<(input: LotChoiceInput) => Promise<LotChoiceState>>()(
  'lotChoice',
  { queue: 'lots', failures: LOT_FAILURES },
);

/** The council's appointment of the competition's winner. */
export const appointLotUpdate = defineUpdate<LotChoiceState, [AppointLotInput]>('appoint');
export const lotChoiceStateQuery = defineQuery<LotChoiceState>('choiceState');
