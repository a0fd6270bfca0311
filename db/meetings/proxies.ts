// Powers of attorney: an owner of the electorate lets another person vote for them, for one
// apartment or all of theirs. Recorded (and revoked) only until voting closes, each with an audit
// entry; ballots cast under one keep pointing at it.
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import type { MeetingPhase } from '../../domain/meetings/types.ts';
import { iso, isoOrNull, isUuid } from '../sql.ts';
import { appendAudit } from './audit.ts';

/** Before the close; after it a power of attorney could change nothing that counts. */
export const PROXY_PHASES: readonly MeetingPhase[] = ['notice', 'discussion', 'voting'];

export interface PowerOfAttorneyView {
  id: string;
  meetingId: string;
  grantorPersonId: string;
  proxyPersonId: string;
  apartmentId: string | null;
  documentRef: string;
  recordedByUserId: string;
  recordedAt: string;
  revokedAt: string | null;
}

export interface RecordPowerOfAttorneyInput {
  meetingId: string;
  grantorPersonId: string;
  proxyPersonId: string;
  apartmentId?: string | null;
  documentRef: string;
  recordedByUserId: string;
  /** Scoped to the meeting and the recording user; a replay returns the first record. */
  idempotencyKey?: string;
}

type PoaRow = Omit<PowerOfAttorneyView, 'recordedAt' | 'revokedAt'> & {
  recordedAt: string;
  revokedAt: string | null;
};

const POA_COLUMNS = `id, meeting_id as "meetingId", grantor_person_id as "grantorPersonId",
  proxy_person_id as "proxyPersonId", apartment_id as "apartmentId", document_ref as "documentRef",
  recorded_by_user_id as "recordedByUserId", recorded_at as "recordedAt", revoked_at as "revokedAt"`;

const viewOf = (r: PoaRow): PowerOfAttorneyView => ({
  ...r,
  recordedAt: iso(r.recordedAt),
  revokedAt: isoOrNull(r.revokedAt),
});

const invalid = (field: string, message: string) =>
  new RuleError<MeetingRuleCode>('invalid', message, [field]);

async function replayOf(
  em: EntityManager,
  input: RecordPowerOfAttorneyInput,
): Promise<(PowerOfAttorneyView & { created: false }) | null> {
  if (input.idempotencyKey === undefined) return null;
  const [row] = await em.execute<PoaRow[]>(
    `select ${POA_COLUMNS} from power_of_attorney
     where meeting_id = ? and recorded_by_user_id = ? and idempotency_key = ?`,
    [input.meetingId, input.recordedByUserId, input.idempotencyKey],
  );
  if (!row) return null;
  const same =
    row.grantorPersonId === input.grantorPersonId &&
    row.proxyPersonId === input.proxyPersonId &&
    row.apartmentId === (input.apartmentId ?? null) &&
    row.documentRef === input.documentRef.trim();
  if (!same)
    throw new RuleError<MeetingRuleCode>(
      'idempotency_conflict',
      'this idempotency key was already used for a different power of attorney',
    );
  return { ...viewOf(row), created: false };
}

export async function recordPowerOfAttorney(
  em: EntityManager,
  input: RecordPowerOfAttorneyInput,
): Promise<PowerOfAttorneyView & { created: boolean }> {
  if (!isUuid(input.meetingId)) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  if (!isUuid(input.recordedByUserId))
    throw invalid('recordedByUserId', 'the recorder must be a user account');
  if (!isUuid(input.grantorPersonId))
    throw new RuleError<MeetingRuleCode>('not_eligible', 'the grantor holds no vote in this meeting', [
      'grantorPersonId',
    ]);
  if (!isUuid(input.proxyPersonId)) throw invalid('proxyPersonId', 'no such person');
  if (input.proxyPersonId === input.grantorPersonId)
    throw invalid('proxyPersonId', 'an owner cannot be their own proxy');
  const apartmentId = input.apartmentId ?? null;
  if (apartmentId !== null && !isUuid(apartmentId))
    throw new RuleError<MeetingRuleCode>('not_eligible', 'the grantor holds no vote for this apartment', [
      'apartmentId',
    ]);
  const documentRef = typeof input.documentRef === 'string' ? input.documentRef.trim() : '';
  if (documentRef === '' || documentRef.length > 500)
    throw invalid('documentRef', 'the power of attorney document reference has 1 to 500 characters');
  if (
    input.idempotencyKey !== undefined &&
    (input.idempotencyKey === '' || input.idempotencyKey.length > 255)
  )
    throw invalid('idempotencyKey', 'the idempotency key has 1 to 255 characters');
  try {
    return await em.transactional(async (tx) => {
      const replay = await replayOf(tx, input);
      if (replay) return replay;
      const [facts] = await tx.execute<{ phase: MeetingPhase; grantorOk: boolean; proxyOk: boolean }[]>(
        `select m.phase,
                exists (select 1 from meeting_voter mv where mv.meeting_id = m.id and mv.person_id = ?
                        and (?::uuid is null or mv.apartment_id = ?::uuid)) as "grantorOk",
                exists (select 1 from person p where p.id = ?) as "proxyOk"
         from meeting m where m.id = ? for share of m`,
        [input.grantorPersonId, apartmentId, apartmentId, input.proxyPersonId, input.meetingId],
      );
      if (!facts) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
      if (!PROXY_PHASES.includes(facts.phase))
        throw new RuleError<MeetingRuleCode>(
          'wrong_phase',
          `powers of attorney are recorded until voting closes (${facts.phase})`,
        );
      if (!facts.grantorOk)
        throw new RuleError<MeetingRuleCode>(
          'not_eligible',
          apartmentId
            ? 'the grantor holds no vote for this apartment'
            : 'the grantor holds no vote in this meeting',
          [apartmentId ? 'apartmentId' : 'grantorPersonId'],
        );
      if (!facts.proxyOk) throw invalid('proxyPersonId', 'no such person');
      const [row] = await tx.execute<PoaRow[]>(
        `insert into power_of_attorney (id, meeting_id, grantor_person_id, proxy_person_id, apartment_id, document_ref,
                                        recorded_by_user_id, recorded_at, idempotency_key)
         values (?, ?, ?, ?, ?, ?, ?, clock_timestamp(), ?)
         returning ${POA_COLUMNS}`,
        [
          randomUUID(),
          input.meetingId,
          input.grantorPersonId,
          input.proxyPersonId,
          apartmentId,
          documentRef,
          input.recordedByUserId,
          input.idempotencyKey ?? null,
        ],
      );
      await appendAudit(tx, {
        actorUserId: input.recordedByUserId,
        entity: 'power_of_attorney',
        entityId: row!.id,
        action: 'record',
        data: {
          meetingId: input.meetingId,
          grantorPersonId: input.grantorPersonId,
          proxyPersonId: input.proxyPersonId,
          apartmentId,
          documentRef,
        },
      });
      return { ...viewOf(row!), created: true };
    });
  } catch (error) {
    // A concurrent twin with the same key won: answer as its replay.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const replay = await replayOf(em, input);
    if (replay) return replay;
    throw error;
  }
}

/** Revokes once (audited); false when it was already revoked. Ballots cast under it stay counted. */
export async function revokePowerOfAttorney(
  em: EntityManager,
  id: string,
  byUserId: string,
): Promise<boolean> {
  if (!isUuid(id)) throw new RuleError<MeetingRuleCode>('not_found', 'no such power of attorney');
  if (!isUuid(byUserId)) throw invalid('byUserId', 'the revoker must be a user account');
  return em.transactional(async (tx) => {
    const [poa] = await tx.execute<{ meetingId: string; phase: MeetingPhase; revoked: boolean }[]>(
      `select x.meeting_id as "meetingId", m.phase, x.revoked_at is not null as revoked
       from power_of_attorney x join meeting m on m.id = x.meeting_id where x.id = ? for share of m`,
      [id],
    );
    if (!poa) throw new RuleError<MeetingRuleCode>('not_found', 'no such power of attorney');
    if (!PROXY_PHASES.includes(poa.phase))
      throw new RuleError<MeetingRuleCode>(
        'wrong_phase',
        `powers of attorney are revoked until voting closes (${poa.phase})`,
      );
    if (poa.revoked) return false;
    const revoked = await tx.execute<{ id: string }[]>(
      'update power_of_attorney set revoked_at = clock_timestamp() where id = ? and revoked_at is null returning id',
      [id],
    );
    if (revoked.length === 0) return false;
    await appendAudit(tx, {
      actorUserId: byUserId,
      entity: 'power_of_attorney',
      entityId: id,
      action: 'revoke',
      data: { meetingId: poa.meetingId },
    });
    return true;
  });
}

/** The meeting's powers of attorney, newest first, for staff recording paper ones. */
export async function listPowersOfAttorney(
  em: EntityManager,
  meetingId: string,
): Promise<PowerOfAttorneyView[]> {
  if (!isUuid(meetingId)) return [];
  const rows = await em.execute<PoaRow[]>(
    `select ${POA_COLUMNS} from power_of_attorney where meeting_id = ? order by recorded_at desc, id`,
    [meetingId],
  );
  return rows.map(viewOf);
}
