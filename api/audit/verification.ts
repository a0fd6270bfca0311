// GET /audit/{kind}/{id}/verification: recomputes one hash-chained history (db/audit/chain.ts) and
// says whether it is intact. Each capability mounts it for its own history with its own
// visibility check, which runs before anything about the history is read.
import { createRoute, z } from '@hono/zod-openapi';
import type { ChainedHistory } from '../../db/audit/chain.ts';
import { verifyHistories } from '../../db/audit/verify.ts';
import type { Role } from '../../domain/access/roles.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf } from '../context.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';

export const ChainVerificationSchema = z
  .object({
    valid: z.boolean(),
    rows: z.number().int().openapi({ description: 'Rows in the history now' }),
    headHash: z.string().nullable().openapi({
      description:
        'SHA-256 of the last row. Note it: a later answer with fewer rows or another head means rows were cut off the end, which the chain alone cannot show',
    }),
    firstBrokenAt: z
      .object({
        position: z
          .number()
          .int()
          .nullable()
          .openapi({ description: 'Position the row claims in its chain' }),
        rowId: z.string(),
      })
      .optional()
      .openapi({ description: 'The first row that does not hold' }),
    reason: z.enum(['row_missing', 'row_inserted', 'link_broken', 'content_changed']).optional().openapi({
      description:
        'row_missing: a gap before this row (deleted); row_inserted: its position repeats or it never went through the chain; link_broken: its previous hash is not the hash of the row before (reordered or slipped in); content_changed: edited since it was written',
    }),
  })
  .openapi('AuditChainVerification');

export interface AuditVerification {
  /** The path segment: /audit/{kind}/{id}/verification. */
  kind: string;
  /** What the id names and whose history it is, for the summary: "an appeal's history". */
  what: string;
  operationId: string;
  tag: string;
  history: ChainedHistory;
  /** Who may ask; each must also pass `stream`'s scope check. */
  roles: readonly Role[];
  /**
   * Throws 404/403 unless the caller may see the record; answers the streams to verify (each the
   * values of the history's columns), usually one, in a fixed order.
   */
  streams: (c: Ctx, id: string) => Promise<readonly (readonly string[])[]>;
}

export const auditVerificationRoute = (v: AuditVerification) =>
  createRouter().openapi(
    createRoute({
      method: 'get',
      path: `/audit/${v.kind}/{id}/verification`,
      operationId: v.operationId,
      tags: [v.tag, 'audit'],
      summary: `Recompute ${v.what} hash chain and say whether any row was edited, deleted, reordered or slipped in (${v.roles.join(', ')}; within their scope)`,
      security: bearer,
      middleware: [requireRoles(...v.roles)] as const,
      request: { params: UuidParam },
      responses: {
        200: {
          description: 'The verdict over the whole history',
          content: { 'application/json': { schema: ChainVerificationSchema } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const streams = await v.streams(c, id);
      return c.json(await verifyHistories(emOf(c), v.history, streams), 200);
    },
  );
