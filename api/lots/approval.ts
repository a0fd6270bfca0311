// The council's approval of a lot version, driven through its workflow (workflows/lots): the
// officer submits it, the council approves it (drawing up the act of its decision) or returns it
// with remarks, and the officer resubmits. A request retried with its Idempotency-Key answers what
// it first answered; the key with another body is 409.
import { createRoute, z } from '@hono/zod-openapi';
import { earlierLotAnswer, lotById, rememberLotAnswer } from '../../db/lots/repository.ts';
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
import { HttpProblem } from '../problem.ts';
import { runUpdate, startOnce } from '../workflows.ts';
import { json, LotSchema, lotRefusals, OFFICER_ROLES, ruled, scopedLot } from './common.ts';

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
    z.object({ decision: z.literal('approve') }),
    z.object({ decision: z.literal('return'), remarks: z.string().trim().min(1).max(4000) }),
  ])
  .openapi('LotDecisionInput');

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
  run: (workflowId: string) => Promise<LotApprovalState>,
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
  const review = await run(lotApprovalWorkflowId(id, lot.state.version));
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
        "The council's decision on the submitted version: approve it (the act of the decision is drawn up and its hash recorded; the version is final from then on) or return it with remarks (council of the district, admin)",
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
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const p = c.var.principal;
      const input: DecideLotInput =
        body.decision === 'approve'
          ? { actorUserId: p.userId, decision: 'approve' }
          : { actorUserId: p.userId, decision: 'return', remarks: body.remarks };
      const idempotencyKey = c.req.valid('header')['idempotency-key'];
      const answer = await step(c, id, { name: 'decide', idempotencyKey, body }, async (workflowId) =>
        runUpdate(
          c,
          { workflow: lotApprovalWorkflow, workflowId, update: decideLotUpdate, args: [input] },
          REFUSALS,
        ),
      );
      return c.json(answer as z.infer<typeof ReviewedLotSchema>, 200);
    },
  );
