// Element assessments and the green/yellow/red class they lead to, with reasons and history, and
// counts by class per district. Roles: inspectors of the building's district and admins assess;
// anyone who may see the building reads; any role but developer reads a district's counts.
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { listAssessments, recordAssessment } from '../../db/registry/condition-assessments.ts';
import { districtSummary, getClassification } from '../../db/registry/condition-classification.ts';
import { validateAssessment } from '../../domain/registry/assessment.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { IdempotencyHeader } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { assertBuildingWritable, conditionRule } from './condition-access.ts';
import {
  AssessmentBody,
  AssessmentList,
  AssessmentRecorded,
  ClassificationSchema,
  DistrictSummarySchema,
} from './condition-schemas.ts';
import { assertBuildingVisible } from './visibility.ts';

const ASSESSORS = ['inspector', 'admin'] as const;
const em = (c: Context<AppEnv>) => c.var.deps.orm.em.fork();
const ok = <T>(schema: T, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
});

async function classificationOf(c: Context<AppEnv>, id: string) {
  const view = await getClassification(em(c), id);
  if (!view) throw notFound('no such building');
  return view;
}

export const conditionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'recordAssessment',
      path: '/buildings/{id}/assessments',
      tags: ['registry'],
      summary:
        "Record an element assessment and reclassify the building in the same transaction (inspector of the building's district, admin; Idempotency-Key)",
      security: bearer,
      middleware: [requireRoles(...ASSESSORS)] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: AssessmentBody } } },
      },
      responses: {
        201: {
          description: 'Recorded (or the first response again, for a retry with the same key and body)',
          content: { 'application/json': { schema: AssessmentRecorded } },
        },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingWritable(c, id, ASSESSORS);
      const body = c.req.valid('json');
      const p = c.var.principal;
      const now = Date.now();
      const checked = validateAssessment(
        {
          ...body,
          inspectorId: p.userId.length <= 64 ? p.userId : '',
          assessedAt: body.assessedAt === undefined ? now : Date.parse(body.assessedAt),
        },
        now,
      );
      if (!checked.ok) {
        throw new HttpProblem(400, 'The assessment is not valid', {
          errors: checked.errors.map((e) => ({ field: `body.${e.field}`, message: e.message })),
        });
      }
      const { assessment } = await conditionRule(() =>
        recordAssessment(em(c), {
          buildingId: id,
          assessment: checked.assessment,
          inspectorName: p.name || null,
          idempotencyKey: c.req.valid('header')['idempotency-key'],
          policy: c.var.deps.config.registry.classificationPolicy,
        }),
      );
      return c.json({ assessment, classification: await classificationOf(c, id) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listAssessments',
      path: '/buildings/{id}/assessments',
      tags: ['registry'],
      summary:
        'The latest assessment of each element and every assessment, newest first (any role but developer, scoped)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: { ...ok(AssessmentList, 'Assessments'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      return c.json(await listAssessments(em(c), id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getClassification',
      path: '/buildings/{id}/classification',
      tags: ['registry'],
      summary:
        'The condition class with its reasons and every reclassification, newest first (any role but developer, scoped)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: { ...ok(ClassificationSchema, 'The classification'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      return c.json(await classificationOf(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getDistrictSummary',
      path: '/districts/{id}/summary',
      tags: ['registry'],
      summary: "Counts of the district's buildings by condition class (any role but developer)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: { ...ok(DistrictSummarySchema, 'Counts by class'), ...problems(400, 401, 404) },
    }),
    async (c) => {
      const summary = await districtSummary(em(c), c.req.valid('param').id);
      if (!summary) throw notFound('no such district');
      return c.json(summary, 200);
    },
  );
