// Phone verification's rows: a code is recorded before its SMS goes out (so a crash between the
// two costs a retry, never an unrecorded code), marked sent when the gateway accepts it, and
// checked under its row lock so two typed codes at once count as two tries.
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type CodeVerdict,
  codeWaitSeconds,
  judgeCode,
  phoneCodeFrom,
} from '../../domain/notifications/phone-code.ts';
import { executeBound } from '../sql.ts';

const hashOf = (id: string, code: string) => createHash('sha256').update(`${id}:${code}`).digest('hex');

export interface CodeToSend {
  id: string;
  phone: string;
  expiresAt: Date;
  /** The digits, to be put in the SMS now; null when the SMS already went (a replayed request). */
  code: string | null;
  /** The gateway's client id for this SMS: a new code is a new SMS. */
  smsKey: string;
}

export type RequestedCode =
  | { kind: 'send'; code: CodeToSend }
  | { kind: 'conflict' }
  | { kind: 'wait'; seconds: number };

/**
 * Records a new code for the person and number, unless the person or the number had `perHour`
 * codes within the hour. The same key with the same body is the same request: an SMS the gateway
 * took is not sent again, one it did not take is retried with a fresh code.
 */
export async function requestPhoneCode(
  em: EntityManager,
  input: { personId: string; phone: string; key: string; requestSha256: string },
  policy: { minutes: number; perHour: number },
  now: Date,
): Promise<RequestedCode> {
  return em.transactional(async (tx) => {
    // One number's requests in a row, whoever makes them, so its hourly count holds under races.
    await executeBound(tx, 'select pg_advisory_xact_lock(hashtext($1))', [`phone-code:${input.phone}`]);
    await executeBound(tx, 'select id from person where id = $1 for update', [input.personId]);
    const key = `${input.personId}:${input.key}`;
    const [earlier] = await executeBound<{
      id: string;
      phone: string;
      expires_at: Date;
      sent_at: Date | null;
      request_sha256: string;
    }>(
      tx,
      'select id, phone, expires_at, sent_at, request_sha256 from phone_verification where idempotency_key = $1',
      [key],
    );
    const fresh = (id: string) => {
      const code = phoneCodeFrom(randomInt(0, 1_000_000));
      return { code, hash: hashOf(id, code) };
    };
    if (earlier) {
      if (earlier.request_sha256 !== input.requestSha256) return { kind: 'conflict' };
      const expiresAt = new Date(earlier.expires_at);
      if (earlier.sent_at)
        return {
          kind: 'send',
          code: { id: earlier.id, phone: earlier.phone, expiresAt, code: null, smsKey: '' },
        };
      const { code, hash } = fresh(earlier.id);
      const until = new Date(now.getTime() + policy.minutes * 60_000);
      await executeBound(
        tx,
        'update phone_verification set code_sha256 = $2, expires_at = $3, attempts = 0 where id = $1',
        [earlier.id, hash, until],
      );
      return {
        kind: 'send',
        code: {
          id: earlier.id,
          phone: earlier.phone,
          expiresAt: until,
          code,
          smsKey: smsKeyOf(earlier.id, hash),
        },
      };
    }
    const recent = await executeBound<{ created_at: Date }>(
      tx,
      `select created_at from phone_verification
        where (person_id = $1 or phone = $2) and created_at > $3::timestamptz - interval '1 hour'`,
      [input.personId, input.phone, now],
    );
    const wait = codeWaitSeconds(
      recent.map((r) => new Date(r.created_at)),
      now,
      policy.perHour,
    );
    if (wait > 0) return { kind: 'wait', seconds: wait };
    const id = randomUUID();
    const { code, hash } = fresh(id);
    const expiresAt = new Date(now.getTime() + policy.minutes * 60_000);
    await executeBound(
      tx,
      `insert into phone_verification (id, person_id, phone, code_sha256, expires_at, attempts, idempotency_key, request_sha256, created_at)
       values ($1, $2, $3, $4, $5, 0, $6, $7, $8)`,
      [id, input.personId, input.phone, hash, expiresAt, key, input.requestSha256, now],
    );
    return { kind: 'send', code: { id, phone: input.phone, expiresAt, code, smsKey: smsKeyOf(id, hash) } };
  });
}

/** The gateway keeps client ids unique: each code gets its own, so a resent code is a new SMS. */
const smsKeyOf = (id: string, hash: string) => `phone-code:${id}:${hash.slice(0, 8)}`;

export async function markPhoneCodeSent(em: EntityManager, id: string, now: Date): Promise<void> {
  await executeBound(em, 'update phone_verification set sent_at = $2 where id = $1 and sent_at is null', [
    id,
    now,
  ]);
}

export type CheckedCode = { verdict: CodeVerdict; attemptsLeft: number; phone: string } | { verdict: 'none' };

/**
 * Checks a typed code against the person's newest sent code, in constant time: a wrong one is
 * counted; the right one, in time, makes its number the person's SMS number, verified (and SMS
 * reachable again). A right code typed again after it verified is the same answer.
 */
export async function checkPhoneCode(
  em: EntityManager,
  personId: string,
  typed: string,
  maxAttempts: number,
  now: Date,
): Promise<CheckedCode> {
  return em.transactional(async (tx) => {
    const [row] = await executeBound<{
      id: string;
      phone: string;
      code_sha256: string;
      expires_at: Date;
      attempts: number;
      verified_at: Date | null;
    }>(
      tx,
      `select id, phone, code_sha256, expires_at, attempts, verified_at from phone_verification
        where person_id = $1 and sent_at is not null order by created_at desc limit 1 for update`,
      [personId],
    );
    if (!row) return { verdict: 'none' };
    const matches = timingSafeEqual(
      Buffer.from(row.code_sha256, 'hex'),
      Buffer.from(hashOf(row.id, typed), 'hex'),
    );
    const verdict = judgeCode(
      { expiresAt: new Date(row.expires_at), attempts: row.attempts, verifiedAt: row.verified_at },
      matches,
      now,
      maxAttempts,
    );
    let attempts = row.attempts;
    if (verdict === 'wrong') {
      attempts++;
      await executeBound(tx, 'update phone_verification set attempts = $2 where id = $1', [row.id, attempts]);
    }
    if (verdict === 'verified') {
      await executeBound(tx, 'update phone_verification set verified_at = $2 where id = $1', [row.id, now]);
      await executeBound(
        tx,
        `insert into notification_preference (person_id, channel_order, language, opt_out, phone, phone_verified_at, unreachable, updated_at)
         select p.id, '[]'::jsonb, p.language, false, $2, $3, '[]'::jsonb, $3 from person p where p.id = $1
         on conflict (person_id) do update set phone = $2, phone_verified_at = $3, updated_at = $3,
           unreachable = notification_preference.unreachable - 'sms'`,
        [personId, row.phone, now],
      );
    }
    // The right code again after it verified: the person's retry, answered the same way.
    const answer = verdict === 'used' && matches ? 'verified' : verdict;
    return { verdict: answer, attemptsLeft: Math.max(0, maxAttempts - attempts), phone: row.phone };
  });
}
