// What every meetings router shares: turning the repository's rule errors into problem+json and
// loading a meeting the caller may see.
import { getMeetingInScope } from '../../db/meetings/repository.ts';
import { type JsonText, parseJsonText } from '../../db/sql.ts';
import { buildingScopeOf } from '../../domain/access/roles.ts';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import { type Ctx, sqlOf } from '../context.ts';
import { forbidden, notFound } from '../problem.ts';
import { ruleProblems } from '../rule-problem.ts';

/** The status of each meeting rule code, for the repository's refusals and the workflow's alike. */
export const STATUS: Record<MeetingRuleCode, 400 | 403 | 404 | 409> = {
  not_found: 404,
  forbidden: 403,
  not_eligible: 403,
  wrong_phase: 409,
  idempotency_conflict: 409,
  not_selectable: 409,
  invalid: 400,
};

export const { ruled } = ruleProblems(STATUS, 'meetings');

/**
 * The meeting's view as the database wrote it, for the meeting read to send as it is: 404 when the
 * meeting does not exist, 403 when none of its buildings is in the caller's scope.
 */
export async function visibleMeetingJson(c: Ctx, id: string): Promise<JsonText<MeetingView>> {
  const meeting = await getMeetingInScope(sqlOf(c), buildingScopeOf(c.get('principal')), id);
  if (!meeting) throw notFound('no such meeting');
  if (meeting === 'outside') throw forbidden('this meeting is outside your scope');
  return meeting;
}

/** The meeting, refused as visibleMeetingJson refuses it. */
export async function visibleMeeting(c: Ctx, id: string): Promise<MeetingView> {
  return parseJsonText(await visibleMeetingJson(c, id));
}
