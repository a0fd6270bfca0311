// Idempotency for every POST that creates or changes something: the client's Idempotency-Key
// names the request, a stable hash of its body tells a retry from a different request under the
// same key, and a UUID derived from (caller, key) names what the request creates.
import { z } from '@hono/zod-openapi';
import { canonicalJson } from '../domain/common/canonical-json.ts';
import { sha256Hex } from '../domain/common/sha256.ts';
import { HttpProblem } from './problem.ts';

export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,128}$/, '8–128 characters: letters, digits, . _ : -')
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, example: 'portal-7f3c9a1e' }),
});

/**
 * The answer when an Idempotency-Key comes back with another request than the one it named, with
 * the code a capability's rule table gives it too (`billing.idempotency_conflict`).
 */
export const idempotencyConflict = (capability: string) =>
  new HttpProblem(409, 'this Idempotency-Key was used with another request', {
    errors: [{ field: 'idempotency-key', message: 'already used with another request body' }],
    extensions: { code: `${capability}.idempotency_conflict` },
  });

/**
 * The answer when a write met a row another request committed at the same moment (a unique
 * violation): most often one Idempotency-Key sent again while its first request was still running.
 * The repositories make those take turns (db/sql.ts lockIdempotencyKey); this is the net under a
 * write that does not, and a retry with the same key replays the first answer.
 */
export const concurrentWrite = () =>
  new HttpProblem(
    409,
    'another request wrote the same record at the same moment; retry with the same Idempotency-Key',
  );

export const requestHash = (value: unknown): Promise<string> => sha256Hex(canonicalJson(value));

/**
 * A UUID (version 5 layout, SHA-256 instead of SHA-1) named by `text`: the same caller and
 * Idempotency-Key always name the same resource, so a retried POST cannot create a second one.
 */
export async function uuidFor(text: string): Promise<string> {
  const h = (await sha256Hex(text)).slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
