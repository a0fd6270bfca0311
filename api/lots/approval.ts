// The council's approval of a lot version, driven through its workflow (workflows/lots): the
// officer submits it, the council approves it by signing the act of its decision (read first, its
// exact bytes signed; the signature verified here, before the workflow records the approval and
// the signed act together) or returns it with remarks, and the officer resubmits. A request retried with its Idempotency-Key answers what
// it first answered; the key with another body is 409.
import { createRoute, z } from '@hono/zod-openapi';
import { earlierLotAnswer, type LotSummary, lotById, rememberLotAnswer } from '../../db/lots/repository.ts';
import { approvalActOf } from '../../db/lots/versions.ts';
import { hasRole } from '../../domain/access/roles.ts';
import {
  type DecideLotInput,
  decideLotUpdate,
  type LotApprovalState,
  lotApprovalWorkflow,
  lotApprovalWorkflowId,
  submitLotUpdate,
} from '../../workflows/lots/contract.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf } from '../context.ts';
import { IdempotencyHeader, requestHash } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem } from '../problem.ts';
import { SignBody, signableHtml, verifiedSignature } from '../signed-document.ts';
import { runUpdate, startOnce } from '../workflows.ts';
import { json, LotSchema, lotRefusals, OFFICER_ROLES, ruled, scopedLot, signerOfCaller } from './common.ts';

const REFUSALS = lotRefusals(
  "the lot's approval did not answer in time; retry with the same Idempotency-Key",
);

const ReviewSchema = z
  .object({
    approval: z.enum(['draft', 'submitted', 'returned', 'approved']),
    round: z.number().int(),
    submittedAt: z.number().int().nullable(),
    dueAt: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "When the council's decision is due, epoch ms" }),
    remindersSent: z.number().int(),
    escalated: z.boolean(),
    remarks: z.string().nullable(),
    decisionDocument: z
      .string()
      .nullable()
      .openapi({ description: 'sha256:<hex> of the act of the decision, once approved' }),
  })
  .openapi('LotReview');
const ReviewedLotSchema = z.object({ lot: LotSchema, review: ReviewSchema }).openapi('ReviewedLot');
const DecisionBody = z
  .discriminatedUnion('decision', [
    z
      .object({
        decision: z.literal('approve'),
        documentSha256: SignBody.shape.documentSha256,
        signature: SignBody.shape.signature,
      })
      .openapi({
        description:
          'The approval is the signature of the act of the decision (GET /lots/{id}/decision/act) over its exact bytes',
      }),
    z.object({ decision: z.literal('return'), remarks: z.string().trim().min(1).max(4000) }),
  ])
  .openapi('LotDecisionInput');

/** The act approving the lot's current version as the calling council member would sign it today. */
async function approvalAct(c: Ctx, lot: { id: string; state: { version: number } }) {
  const p = c.var.principal;
  return approvalActOf(emOf(c), {
    lotId: lot.id,
    version: lot.state.version,
    actorUserId: p.userId,
    now: Date.now(),
  });
}

/** Only a council member signs the council's act: an admin may return a lot, never approve it. */
function assertSigner(c: Ctx) {
  if (!hasRole(c.var.principal, 'council'))
    throw forbidden('the approval is the signature of a council member of the district');
}

/**
 * What the stored lot already refuses: the workflow of an approved version has ended, so its state
 * answers for it, and a step asked of a workflow that does not take it never reaches Temporal.
 */
function assertApproval(approval: string, allowed: readonly string[], what: string) {
  if (!allowed.includes(approval))
    throw new HttpProblem(409, `${what} is not possible while the lot is ${approval}`, {
      extensions: { code: 'lots.wrong_state', reason: 'not_allowed_from_state' },
    });
}

/** Runs one approval step once per Idempotency-Key, and answers the lot and its review. */
async function step(
  c: Ctx,
  id: string,
  request: { name: 'submit' | 'decide'; idempotencyKey: string; body: object },
  run: (workflowId: string, lot: LotSummary) => Promise<LotApprovalState>,
) {
  // The scope before anything of the lot's state, the earlier answers included.
  const lot = await scopedLot(c, id);
  const key = `${request.name}:${c.var.principal.userId}:${request.idempotencyKey}`;
  const sha = await requestHash({ lotId: id, ...request.body });
  const earlier = await ruled(earlierLotAnswer<object>(emOf(c), key, sha));
  if (earlier) return earlier;
  assertApproval(
    lot.state.approval,
    request.name === 'submit' ? ['draft', 'returned'] : ['submitted'],
    request.name === 'submit' ? 'submit' : 'a decision',
  );
  const review = await run(lotApprovalWorkflowId(id, lot.state.version), lot);
  const answer = { lot: (await lotById(emOf(c), id))!, review };
  await rememberLotAnswer(emOf(c), key, sha, answer);
  return answer;
}

export const approvalRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'submitLot',
      path: '/lots/{id}/submission',
      tags: ['lots'],
      summary:
        "Submit the lot's current version to the council, or resubmit it after a return; the council's deadline and reminders start (council of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...OFFICER_ROLES)] as const,
      request: { params: UuidParam, headers: IdempotencyHeader },
      responses: {
        200: { description: 'The lot and its review', content: json(ReviewedLotSchema) },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const p = c.var.principal;
      const policy = c.var.deps.config.lots.policy;
      const idempotencyKey = c.req.valid('header')['idempotency-key'];
      const answer = await step(c, id, { name: 'submit', idempotencyKey, body: {} }, async (workflowId) => {
        const version = Number(workflowId.split(':').at(-1));
        await startOnce(c, lotApprovalWorkflow, {
          workflowId,
          args: [
            {
              lotId: id,
              version,
              policy: { reviewDays: policy.reviewDays, reviewRemindersDays: policy.reviewRemindersDays },
            },
          ],
          what: 'lot approval',
        });
        return runUpdate(
          c,
          {
            workflow: lotApprovalWorkflow,
            workflowId,
            update: submitLotUpdate,
            args: [{ actorUserId: p.userId }],
          },
          REFUSALS,
        );
      });
      return c.json(answer as z.infer<typeof ReviewedLotSchema>, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'recordLotDecision',
      path: '/lots/{id}/decision',
      tags: ['lots'],
      summary:
        "The council's decision on the submitted version: approve it by signing the act of the decision over its exact bytes (GET /lots/{id}/decision/act; the approval, the act's hash and the signature are recorded together and the version is final from then on; a council member of the district), or return it with remarks (council of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...OFFICER_ROLES)] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: DecisionBody } } },
      },
      responses: {
        200: { description: 'The lot and its review', content: json(ReviewedLotSchema) },
        ...problems(400, 401, 403, 404, 409),
        422: {
          description:
            'The signature was refused: `reason` is bad_signature, wrong_signer, document_changed, malformed, certificate_revoked or certificate_expired, or unverified',
          content: { 'application/problem+json': { schema: { type: 'object' as const } } },
        },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      // The district's scope before the body (step checks it again with the lot's state).
      await scopedLot(c, id);
      const body = c.req.valid('json');
      const p = c.var.principal;
      if (body.decision === 'approve') assertSigner(c);
      const idempotencyKey = c.req.valid('header')['idempotency-key'];
      const answer = await step(c, id, { name: 'decide', idempotencyKey, body }, async (workflowId, lot) => {
        let input: DecideLotInput;
        if (body.decision === 'approve') {
          const act = await approvalAct(c, lot);
          const verification = await verifiedSignature(
            c,
            act,
            body,
            await signerOfCaller(c),
            'lots.signature_refused',
          );
          input = {
            actorUserId: p.userId,
            decision: 'approve',
            act: {
              documentSha256: act.sha256,
              signerName: act.signerName,
              envelope: body.signature,
              verification,
            },
          };
        } else input = { actorUserId: p.userId, decision: 'return', remarks: body.remarks };
        return runUpdate(
          c,
          { workflow: lotApprovalWorkflow, workflowId, update: decideLotUpdate, args: [input] },
          REFUSALS,
        );
      });
      return c.json(answer as z.infer<typeof ReviewedLotSchema>, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getLotApprovalAct',
      path: '/lots/{id}/decision/act',
      tags: ['lots'],
      summary:
        'The act approving the submitted version as the calling council member would sign it today: its exact bytes (X-Document-Sha256), which POST /lots/{id}/decision signs to approve (a council member of the district)',
      security: bearer,
      middleware: [requireRoles('council')] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The act', content: { 'text/html': { schema: { type: 'string' } } } },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const lot = await scopedLot(c, c.req.valid('param').id);
      assertApproval(lot.state.approval, ['submitted'], 'an approval');
      return signableHtml(c, await ruled(approvalAct(c, lot)));
    },
  );
