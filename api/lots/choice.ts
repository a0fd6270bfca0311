// The owners' choice of a lot's management organization (workflows/lots/choice.ts): the council
// opens it on an approved lot; registered organizations that meet the register's minimum
// requirements apply with their tariff and may withdraw while the window is open; the lot-wide
// meeting, its result and the contracts follow in the workflow; when the owners do not choose,
// organizations bid in the council's competition and the council appoints the protocol's winner.
// Every write takes an Idempotency-Key: a retry answers what the first request answered.
import { createRoute, z } from '@hono/zod-openapi';
import { applyForLot, ownsInLot, withdrawFromLot } from '../../db/lots/choice.ts';
import { submitBid } from '../../db/lots/choice-competition.ts';
import { choiceOf } from '../../db/lots/choice-view.ts';
import { earlierLotAnswer, lotById, rememberLotAnswer } from '../../db/lots/repository.ts';
import { hasRole } from '../../domain/access/roles.ts';
import { DEFAULT_COMPETITION_CRITERIA } from '../../domain/lots/competition.ts';
import { contractWorkflow } from '../../workflows/contracts/contract.ts';
import { appointLotUpdate, lotChoiceWorkflow, lotChoiceWorkflowId } from '../../workflows/lots/contract.ts';
import { meetingWorkflow } from '../../workflows/meetings/contract.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf } from '../context.ts';
import { IdempotencyHeader, requestHash } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { queueOf, runUpdate, startOnce } from '../workflows.ts';
import { CandidateSchema, type ChoiceReader, ChoiceSchema, choiceFor } from './choice-view.ts';
import { json, lotRefusals, OFFICER_ROLES, ruled, scopedLot } from './common.ts';

const REFUSALS = lotRefusals("the lot's choice did not answer in time; retry with the same Idempotency-Key");

const wrongState = (message: string, reason = 'not_allowed_from_state') =>
  new HttpProblem(409, message, { extensions: { code: 'lots.wrong_state', reason } });

/** Who reads the lot's choice, and as what: its district's officers, any organization, its owners. */
async function readerOf(c: Ctx, lotId: string): Promise<ChoiceReader> {
  const p = c.var.principal;
  const lot = await lotById(emOf(c), lotId);
  if (!lot) throw notFound('no such lot');
  if (hasRole(p, 'admin')) return { kind: 'officer' };
  if (hasRole(p, 'council', 'inspector') && p.districtId === lot.districtId) return { kind: 'officer' };
  if (hasRole(p, 'management_company') && p.organizationId)
    return { kind: 'organization', organizationId: p.organizationId };
  if (hasRole(p, 'resident') && (await ownsInLot(emOf(c), p.personId, lotId))) return { kind: 'owner' };
  throw forbidden("this lot's choice is outside your scope");
}

async function choiceAnswer(c: Ctx, lotId: string, reader: ChoiceReader) {
  const view = await choiceOf(emOf(c), lotId);
  if (!view) throw notFound('no such lot');
  return choiceFor(view, reader);
}

/** The organization the caller acts for; the lot must exist (404) before its state is asked. */
async function organizationOf(c: Ctx, lotId: string): Promise<string> {
  const p = c.var.principal;
  if (!p.organizationId) throw forbidden('you act for no management organization');
  if (!(await lotById(emOf(c), lotId))) throw notFound('no such lot');
  return p.organizationId;
}

/**
 * An organization's write under its Idempotency-Key: the key scoped by the kind of request and the
 * caller, and the hash of what it asks, so a retry finds its first answer and another body is 409.
 */
const keyedRequest = async (
  kind: 'apply' | 'withdraw' | 'bid',
  userId: string,
  key: string,
  asked: object,
) => ({
  requestKey: `${kind}:${userId}:${key}`,
  requestSha256: await requestHash(asked),
});

const writeRequest = <B extends z.ZodTypeAny>(body: B) => ({
  params: UuidParam,
  headers: IdempotencyHeader,
  body: { required: true, content: { 'application/json': { schema: body } } },
});
const bodilessWrite = { params: UuidParam, headers: IdempotencyHeader };

const ApplicationBody = z
  .object({
    tariff: z
      .number()
      .int()
      .positive()
      .max(100_000_000)
      .openapi({ description: 'The management tariff offered, tiyin per m² a month' }),
  })
  .openapi('LotApplicationInput');
const ApplicationAnswerSchema = z
  .object({
    lotId: z.uuid(),
    organizationId: z.uuid(),
    tariff: z.number().int().nullable().openapi({ description: 'The standing offer; null once withdrawn' }),
    applicationsCloseAt: z.string().nullable(),
  })
  .openapi('LotApplication');
const BidBody = z
  .object({
    tariff: z.number().int().positive().max(100_000_000).openapi({ description: 'Tiyin per m² a month' }),
    programmeCommitment: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .openapi({ description: 'Tiyin of programme works the bidder commits to' }),
    experienceYears: z.number().int().min(0).max(200),
  })
  .openapi('LotBidInput');
const BidAnswerSchema = BidBody.extend({
  lotId: z.uuid(),
  organizationId: z.uuid(),
  submittedAt: z.string(),
}).openapi('LotBidAnswer');
const AppointmentBody = z.object({ organizationId: z.uuid() }).openapi('LotAppointmentInput');

export const choiceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'startLotChoice',
      path: '/lots/{id}/choice',
      tags: ['lots'],
      summary:
        "Open the owners' choice of the approved lot's management organization: the application window starts, then the lot-wide vote, the competition if the owners do not choose, and the contracts (council of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...OFFICER_ROLES)] as const,
      request: bodilessWrite,
      responses: {
        202: { description: "The choice's workflow is started", content: json(ChoiceSchema) },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const p = c.var.principal;
      const lot = await scopedLot(c, id);
      const key = `choice:${p.userId}:${c.req.valid('header')['idempotency-key']}`;
      const sha = await requestHash({ lotId: id });
      const earlier = await ruled(earlierLotAnswer<object>(emOf(c), key, sha));
      if (earlier) return c.json(earlier as z.infer<typeof ChoiceSchema>, 202);
      if (lot.state.approval !== 'approved')
        throw wrongState(`the owners choose for an approved lot; this one is ${lot.state.approval}`);
      if (lot.state.selection !== 'not_started')
        throw wrongState(`the choice has begun: the lot is ${lot.state.selection}`);
      const { lots } = c.var.deps.config;
      await startOnce(c, lotChoiceWorkflow, {
        workflowId: lotChoiceWorkflowId(id, lot.state.version),
        args: [
          {
            lotId: id,
            version: lot.state.version,
            openedBy: { userId: p.userId, name: p.name, districtId: lot.districtId },
            policy: {
              applicationDays: lots.policy.applicationDays,
              votingDays: lots.policy.votingDays,
              competitionDays: lots.policy.competitionDays,
              competitionRoundsPerRun: lots.policy.competitionRoundsPerRun,
              contractTermMonths: lots.policy.contractTermMonths,
              resultPollMinutes: lots.policy.resultPollMinutes,
            },
            criteria: DEFAULT_COMPETITION_CRITERIA,
            queues: {
              meetings: queueOf(c, meetingWorkflow),
              contracts: queueOf(c, contractWorkflow),
            },
          },
        ],
        what: "lot's choice",
        memo: { openedBy: p.userId },
      });
      const answer = await choiceAnswer(c, id, { kind: 'officer' });
      await rememberLotAnswer(emOf(c), key, sha, answer);
      return c.json(answer as z.infer<typeof ChoiceSchema>, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getLotChoice',
      path: '/lots/{id}/choice',
      tags: ['lots'],
      summary:
        "Where the lot's choice stands: window, candidates, meeting, competition, protocol, contracts; offers and bids sealed while they may change (council and inspector of the district, admin, any management organization, owners in the lot)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: "The lot's choice as the caller may see it", content: json(ChoiceSchema) },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json((await choiceAnswer(c, id, await readerOf(c, id))) as z.infer<typeof ChoiceSchema>, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listLotCandidates',
      path: '/lots/{id}/candidates',
      tags: ['lots'],
      summary:
        "The lot's candidates with their tariffs; during the window an organization sees its own and owners none (council and inspector of the district, admin, any management organization, owners in the lot)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The candidates', content: json(z.array(CandidateSchema)) },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const reader = await readerOf(c, id);
      const answer = await choiceAnswer(c, id, reader);
      // Owners read the ballot, not the applications' times.
      const candidates =
        reader.kind === 'owner' ? answer.candidates.map((x) => ({ ...x, appliedAt: '' })) : answer.candidates;
      return c.json(candidates, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'applyForLot',
      path: '/lots/{id}/application',
      tags: ['lots'],
      summary:
        "Apply for the lot with a tariff, or replace the offer, while its window is open; the organization must meet the register's minimum requirements (management_company)",
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: writeRequest(ApplicationBody),
      responses: {
        200: { description: 'The standing application', content: json(ApplicationAnswerSchema) },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const organizationId = await organizationOf(c, id);
      const body = c.req.valid('json');
      const answer = await ruled(
        applyForLot(emOf(c), {
          lotId: id,
          organizationId,
          tariff: body.tariff,
          actorUserId: c.var.principal.userId,
          ...(await keyedRequest('apply', c.var.principal.userId, c.req.valid('header')['idempotency-key'], {
            lotId: id,
            organizationId,
            ...body,
          })),
          now: new Date(),
        }),
      );
      return c.json(answer, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'withdrawLotApplication',
      path: '/lots/{id}/application/withdrawal',
      tags: ['lots'],
      summary: "Withdraw the organization's application while the lot's window is open (management_company)",
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: bodilessWrite,
      responses: {
        200: { description: 'Withdrawn', content: json(ApplicationAnswerSchema) },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const organizationId = await organizationOf(c, id);
      const answer = await ruled(
        withdrawFromLot(emOf(c), {
          lotId: id,
          organizationId,
          actorUserId: c.var.principal.userId,
          ...(await keyedRequest(
            'withdraw',
            c.var.principal.userId,
            c.req.valid('header')['idempotency-key'],
            {
              lotId: id,
              organizationId,
            },
          )),
          now: new Date(),
        }),
      );
      return c.json(answer, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'submitLotBid',
      path: '/lots/{id}/bid',
      tags: ['lots'],
      summary:
        "Bid in the council's open competition for the lot before its deadline, or replace the bid; the organization must meet the register's minimum requirements (management_company)",
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: writeRequest(BidBody),
      responses: {
        200: { description: 'The standing bid', content: json(BidAnswerSchema) },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const organizationId = await organizationOf(c, id);
      const body = c.req.valid('json');
      const answer = await ruled(
        submitBid(emOf(c), {
          lotId: id,
          organizationId,
          ...body,
          ...(await keyedRequest('bid', c.var.principal.userId, c.req.valid('header')['idempotency-key'], {
            lotId: id,
            organizationId,
            ...body,
          })),
          now: new Date(),
        }),
      );
      return c.json(answer, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'recordLotAppointment',
      path: '/lots/{id}/appointment',
      tags: ['lots'],
      summary:
        "Appoint the winner of the competition's published protocol; the contracts follow (council of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...OFFICER_ROLES)] as const,
      request: writeRequest(AppointmentBody),
      responses: {
        200: { description: "The lot's choice after the appointment", content: json(ChoiceSchema) },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const lot = await scopedLot(c, id);
      const body = c.req.valid('json');
      const p = c.var.principal;
      const key = `appoint:${p.userId}:${c.req.valid('header')['idempotency-key']}`;
      const sha = await requestHash({ lotId: id, ...body });
      const earlier = await ruled(earlierLotAnswer<object>(emOf(c), key, sha));
      if (earlier) return c.json(earlier as z.infer<typeof ChoiceSchema>, 200);
      if (lot.state.selection !== 'competition')
        throw wrongState(`an appointment follows a competition; the lot is ${lot.state.selection}`);
      await runUpdate(
        c,
        {
          workflow: lotChoiceWorkflow,
          workflowId: lotChoiceWorkflowId(id, lot.state.version),
          update: appointLotUpdate,
          args: [{ actorUserId: p.userId, organizationId: body.organizationId }],
        },
        REFUSALS,
      );
      const answer = await choiceAnswer(c, id, { kind: 'officer' });
      await rememberLotAnswer(emOf(c), key, sha, answer);
      return c.json(answer as z.infer<typeof ChoiceSchema>, 200);
    },
  );
