// What the meeting activities share: their dependencies, the meeting row as the workflow needs it,
// and the mapping of the repository's rule errors to Temporal failures (retrying a rule never helps).

import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApplicationFailure } from '@temporalio/common';
import { Meeting } from '../../db/meetings/entities.ts';
import type { Orm } from '../../db/orm.ts';
import { isUuid } from '../../db/sql.ts';
import type { Language } from '../../domain/common/language.ts';
import { objectLink } from '../../domain/common/links.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import type { MeetingPolicy } from '../../domain/meetings/policy.ts';
import type { MeetingPhase } from '../../domain/meetings/types.ts';
import type { Mailer } from '../../platform/mail.ts';
import { MEETING_FAILURES } from '../../workflows/meetings/contract.ts';
import { ruledBy, ruleFailure } from '../rule-failure.ts';

export interface MeetingActivityDeps {
  orm: Orm;
  mailer: Mailer;
  from: string;
  /** Base URL of the system, for links in notices and the protocol. */
  publicUrl: string;
  /** The portal every link in a mail opens (config PORTAL_URL, PUBLIC_URL by default; domain/common/links.ts). */
  portalUrl: string;
  /** The protocol is one document for everyone: in the state language unless configured. */
  protocolLanguage?: Language;
  /** Owners per page of notices (default NOTICE_BATCH); tests page through small electorates. */
  noticeBatchSize?: number;
}

/** The meeting as the workflow drives it: instants as epoch ms, the policy snapshot. */
export interface MeetingState {
  meetingId: string;
  seriesId: string;
  attempt: number;
  phase: MeetingPhase;
  noticeAt: number;
  votingOpensAt: number;
  votingClosesAt: number;
  policy: MeetingPolicy;
  decidedAt: number | null;
  appealWindowEndsAt: number | null;
  quorumReached: boolean | null;
}

export const failure = (code: MeetingRuleCode, message: string, field?: string): ApplicationFailure =>
  ruleFailure(new RuleError(code, message, field ? [field] : []), MEETING_FAILURES[code]);

/** Rule errors become non-retryable failures; anything else (database down) stays retryable. */
export const ruled = ruledBy(MEETING_FAILURES);

export async function meetingRow(em: EntityManager, meetingId: string) {
  const row = isUuid(meetingId) ? await em.findOne(Meeting, { id: meetingId }, { refresh: true }) : null;
  if (!row) throw failure('not_found', `Meeting ${meetingId} does not exist`);
  return row;
}

export async function loadMeetingState(em: EntityManager, meetingId: string): Promise<MeetingState> {
  const m = await meetingRow(em, meetingId);
  return {
    meetingId: m.id,
    seriesId: m.seriesId,
    attempt: m.attempt,
    phase: m.phase,
    noticeAt: m.noticeAt.getTime(),
    votingOpensAt: m.votingOpensAt.getTime(),
    votingClosesAt: m.votingClosesAt.getTime(),
    policy: m.policy,
    decidedAt: m.decidedAt?.getTime() ?? null,
    appealWindowEndsAt: m.appealWindowEndsAt?.getTime() ?? null,
    quorumReached: m.decision?.quorumReached ?? null,
  };
}

export const materialsUrl = (deps: Pick<MeetingActivityDeps, 'portalUrl'>, meetingId: string) =>
  objectLink(deps.portalUrl, 'meeting', meetingId);
