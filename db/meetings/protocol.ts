// The protocol (minutes) PDF: stored once with its SHA-256, signed off by the meeting's chair and
// secretary, and findable by hash so anyone holding the PDF can check it against the system.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import type { ProtocolSigner } from '../../domain/meetings/types.ts';
import { isoOrNull, isUuid } from '../sql.ts';
import { appendAudit } from './audit.ts';

export type SignerRole = ProtocolSigner;

export interface ProtocolSignatures {
  chairSignedAt: string | null;
  secretarySignedAt: string | null;
}

export interface StoredProtocol extends ProtocolSignatures {
  pdf: Uint8Array;
  sha256: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Keeps the first PDF: a regenerated one (activity retry) would differ in bytes, not in meaning. */
export async function saveProtocol(
  em: EntityManager,
  meetingId: string,
  pdf: Uint8Array,
  sha256: string,
): Promise<{ sha256: string; created: boolean }> {
  if (!isUuid(meetingId)) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  if (bytes.length === 0)
    throw new RuleError<MeetingRuleCode>('invalid', 'the protocol PDF is empty', ['pdf']);
  if (createHash('sha256').update(bytes).digest('hex') !== sha256)
    throw new RuleError<MeetingRuleCode>('invalid', 'sha256 is not the SHA-256 of the PDF', ['sha256']);
  const [meeting] = await em.execute<{ id: string }[]>('select id from meeting where id = ?', [meetingId]);
  if (!meeting) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  const inserted = await em.execute<{ sha256: string }[]>(
    `insert into meeting_protocol (meeting_id, pdf, sha256, generated_at) values (?, ?, ?, now())
     on conflict (meeting_id) do nothing returning sha256`,
    [meetingId, bytes, sha256],
  );
  if (inserted[0]) return { sha256: inserted[0].sha256, created: true };
  const [kept] = await em.execute<{ sha256: string }[]>(
    'select sha256 from meeting_protocol where meeting_id = ?',
    [meetingId],
  );
  return { sha256: kept!.sha256, created: false };
}

/** Only the meeting's own chair or secretary signs in that role; signing twice keeps the first time. */
export async function signProtocol(
  em: EntityManager,
  meetingId: string,
  role: SignerRole,
  userId: string,
): Promise<ProtocolSignatures> {
  if (role !== 'chair' && role !== 'secretary')
    throw new RuleError<MeetingRuleCode>('invalid', 'role is chair or secretary', ['role']);
  if (!isUuid(meetingId)) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  const column = role === 'chair' ? 'chair_signed_at' : 'secretary_signed_at';
  return em.transactional(async (tx) => {
    const [m] = await tx.execute<{ signer: string; hasProtocol: boolean; signed: boolean }[]>(
      `select case when ? = 'chair' then m.chair_user_id else m.secretary_user_id end as signer,
              pr.meeting_id is not null as "hasProtocol", pr.${column} is not null as signed
       from meeting m left join meeting_protocol pr on pr.meeting_id = m.id
       where m.id = ? for update of m`,
      [role, meetingId],
    );
    if (!m) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
    if (m.signer !== userId)
      throw new RuleError<MeetingRuleCode>('forbidden', `only the meeting's ${role} signs as ${role}`, [
        'role',
      ]);
    if (!m.hasProtocol)
      throw new RuleError<MeetingRuleCode>('wrong_phase', 'the protocol has not been generated yet');
    const [row] = await tx.execute<{ chair: string | null; secretary: string | null }[]>(
      `update meeting_protocol set ${column} = coalesce(${column}, clock_timestamp()) where meeting_id = ?
       returning chair_signed_at as chair, secretary_signed_at as secretary`,
      [meetingId],
    );
    if (!m.signed)
      await appendAudit(tx, {
        actorUserId: userId,
        entity: 'meeting_protocol',
        entityId: meetingId,
        action: `sign_${role}`,
        data: { role },
      });
    return { chairSignedAt: isoOrNull(row!.chair), secretarySignedAt: isoOrNull(row!.secretary) };
  });
}

export async function getProtocol(em: EntityManager, meetingId: string): Promise<StoredProtocol | null> {
  if (!isUuid(meetingId)) return null;
  const [row] = await em.execute<
    { pdf: Buffer; sha256: string; chair: string | null; secretary: string | null }[]
  >(
    `select pdf, sha256, chair_signed_at as chair, secretary_signed_at as secretary
     from meeting_protocol where meeting_id = ?`,
    [meetingId],
  );
  if (!row) return null;
  return {
    pdf: new Uint8Array(row.pdf),
    sha256: row.sha256,
    chairSignedAt: isoOrNull(row.chair),
    secretarySignedAt: isoOrNull(row.secretary),
  };
}

/** The public check: which meeting issued the PDF with this hash. */
export async function findProtocolBySha256(
  em: EntityManager,
  sha256: string,
): Promise<{ meetingId: string; title: string; decidedAt: string | null } | null> {
  const hash = typeof sha256 === 'string' ? sha256.toLowerCase() : '';
  if (!SHA256_HEX.test(hash)) return null;
  const [row] = await em.execute<{ meetingId: string; title: string; decidedAt: string | null }[]>(
    `select pr.meeting_id as "meetingId", m.title, m.decided_at as "decidedAt"
     from meeting_protocol pr join meeting m on m.id = pr.meeting_id where pr.sha256 = ?`,
    [hash],
  );
  return row ? { ...row, decidedAt: isoOrNull(row.decidedAt) } : null;
}
