// The responsible body's and the applicant's steps, each an update of the appeal's workflow.
import { createRoute, type z } from '@hono/zod-openapi';
import { requireRoles } from '../auth/middleware.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { actOn, visibleAppeal } from './common.ts';
import {
  AnswerBody,
  AppealSchema,
  EmptyBody,
  ExtendBody,
  RatingBody,
  ReasonBody,
  TransferBody,
} from './schemas.ts';

const STAFF = ['management_company', 'council', 'inspector'] as const;
const content = { 'application/json': { schema: AppealSchema } };

/** Each step's operationId, stable for generated clients. */
const STEP_OPERATIONS = {
  accept: 'acceptAppeal',
  answer: 'answerAppeal',
  transfer: 'transferAppeal',
  extend: 'extendAppealTerm',
  study: 'setAppealStudyTerm',
  acceptance: 'acceptAppealAnswer',
  dispute: 'disputeAppealAnswer',
} as const;

const step = <S extends z.ZodType>(
  path: keyof typeof STEP_OPERATIONS,
  summary: string,
  schema: S,
  roles: readonly ((typeof STAFF)[number] | 'resident')[],
) =>
  createRoute({
    method: 'post',
    operationId: STEP_OPERATIONS[path],
    path: `/appeals/{id}/${path}`,
    tags: ['appeals'],
    summary,
    security: bearer,
    middleware: [requireRoles(...roles)] as const,
    request: { params: UuidParam, body: { required: true, content: { 'application/json': { schema } } } },
    responses: {
      200: { description: 'The appeal after the step', content },
      ...problems(400, 401, 403, 404, 409),
    },
  });

export const actionRoutes = createRouter()
  .openapi(
    step('accept', 'Take the appeal into consideration (the responsible body)', EmptyBody, STAFF),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleAppeal(c, id);
      return c.json(await actOn(c, id, { command: { type: 'accept' } }), 200);
    },
  )
  .openapi(
    step('answer', 'Answer, with attachments (the responsible body)', AnswerBody, STAFF),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleAppeal(c, id);
      const b = c.req.valid('json');
      return c.json(
        await actOn(c, id, { command: { type: 'answer', text: b.text }, attachmentIds: b.attachmentIds }),
        200,
      );
    },
  )
  .openapi(
    step(
      'transfer',
      'Forward to the competent body with a reason, within the forwarding term (the responsible body)',
      TransferBody,
      STAFF,
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleAppeal(c, id);
      const b = c.req.valid('json');
      return c.json(await actOn(c, id, { command: { type: 'transfer', to: b.to, reason: b.reason } }), 200);
    },
  )
  .openapi(
    step('extend', 'Extend the term once, with a justification (the responsible body)', ExtendBody, STAFF),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleAppeal(c, id);
      const b = c.req.valid('json');
      return c.json(
        await actOn(c, id, {
          command: { type: 'extend', justification: b.justification, lastDay: b.lastDay },
        }),
        200,
      );
    },
  )
  .openapi(
    step(
      'study',
      'Set the longer term for additional study, with a reason (the responsible body)',
      ReasonBody,
      STAFF,
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleAppeal(c, id);
      return c.json(
        await actOn(c, id, { command: { type: 'require_study', reason: c.req.valid('json').reason } }),
        200,
      );
    },
  )
  .openapi(
    step('acceptance', 'Accept the answer with a rating 1–5 (the applicant)', RatingBody, ['resident']),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleAppeal(c, id);
      return c.json(
        await actOn(c, id, { command: { type: 'accept_answer', rating: c.req.valid('json').rating } }),
        200,
      );
    },
  )
  .openapi(
    step(
      'dispute',
      'Dispute the answer within the period; it reopens at the next level (the applicant)',
      ReasonBody,
      ['resident'],
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleAppeal(c, id);
      return c.json(
        await actOn(c, id, { command: { type: 'dispute', reason: c.req.valid('json').reason } }),
        200,
      );
    },
  );
