// Submitting an appeal with its attachments, reading appeals, and downloading attachments.
import { createRoute, z } from '@hono/zod-openapi';
import { attachmentById, storeUpload } from '../../db/appeals/attachments.ts';
import { createAppeal, loadAppeal } from '../../db/appeals/repository.ts';
import { listAppeals } from '../../db/appeals/views.ts';
import { canView } from '../../domain/appeals/appeal.ts';
import {
  checkAttachments,
  normalizeMediaType,
  SNIFF_BYTES,
  sniffMediaType,
} from '../../domain/appeals/attachments.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf, temporalOf } from '../context.ts';
import { IdempotencyHeader, requestHash, uuidFor } from '../idempotency.ts';
import { decodedHeader } from '../input.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { readUpload, sendStored, storageOf } from '../upload.ts';
import { ruled, startLifecycle, visibleAppeal } from './common.ts';
import { AppealListSchema, AppealSchema, AttachmentSchema, ListQuery, SubmitBody } from './schemas.ts';

const content = { 'application/json': { schema: AppealSchema } };
const ANY_ROLE = ['resident', 'management_company', 'council', 'inspector', 'admin'] as const;
/** Where uploads may be larger than the API's general body limit (see api/app.ts). */
export const UPLOAD_PATH = '/api/v1/appeal-attachments';

const UploadHeaders = z.object({
  'content-type': z.string().openapi({ example: 'application/pdf' }),
  'x-filename': z
    .string()
    .min(1)
    .max(600)
    .openapi({ description: 'The file name, URI-encoded', example: 'photo.jpg' }),
});

export const appealRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'uploadAttachment',
      path: '/appeal-attachments',
      tags: ['appeals'],
      summary:
        'Upload a file (JPEG, PNG or PDF, checked by its content) to attach to an appeal or an answer (resident, management_company, council, inspector)',
      security: bearer,
      middleware: [requireRoles('resident', 'management_company', 'council', 'inspector')] as const,
      request: { headers: UploadHeaders },
      responses: {
        201: { description: 'Stored', content: { 'application/json': { schema: AttachmentSchema } } },
        ...problems(400, 401, 403),
        413: { description: 'Larger than the policy allows' },
      },
    }),
    async (c) => {
      const policy = c.var.deps.config.appeals.policy;
      const headers = c.req.valid('header');
      const bytes = await readUpload(c, policy.attachments.maxBytes);
      const filename = decodedHeader(headers['x-filename'], 'header.x-filename');
      const mediaType = normalizeMediaType(headers['content-type']);
      const issues = checkAttachments(policy, [
        {
          name: filename,
          declaredType: mediaType,
          size: bytes.byteLength,
          head: bytes.subarray(0, SNIFF_BYTES),
        },
      ]);
      if (issues.length)
        throw new HttpProblem(400, issues.map((i) => i.message).join('; '), {
          // The upload is one file: its content is the body, its declared type the header.
          errors: issues.map((i) => ({
            field: i.field.endsWith('.type') ? 'header.content-type' : 'body',
            message: i.message,
          })),
        });
      const view = await storeUpload(emOf(c), {
        userId: c.var.principal.userId,
        filename,
        mediaType: sniffMediaType(bytes.subarray(0, SNIFF_BYTES)) ?? mediaType,
        stored: await storageOf(c).put(bytes),
      });
      return c.json(view, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'submitAppeal',
      path: '/appeals',
      tags: ['appeals'],
      summary:
        'Submit an appeal about your building, an apartment in it or its organization; registered with a number and acknowledged by email (resident owning there)',
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      request: {
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: SubmitBody } } },
      },
      responses: {
        201: { description: 'Registered; its deadline is running', content },
        200: { description: 'Replay of an earlier request with the same Idempotency-Key', content },
        ...problems(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const p = c.var.principal;
      if (!p.personId)
        throw forbidden('the token names no person (claim pid): anonymous appeals are not considered');
      temporalOf(c);
      const policy = c.var.deps.config.appeals.policy;
      if (body.attachmentIds.length > policy.attachments.maxFiles)
        throw new HttpProblem(400, `at most ${policy.attachments.maxFiles} attachments`, {
          errors: [{ field: 'body.attachmentIds', message: `at most ${policy.attachments.maxFiles}` }],
        });
      const { id, created } = await ruled(
        createAppeal(emOf(c), {
          id: await uuidFor(`appeal|${p.userId}|${key}`),
          principal: p,
          category: body.category,
          kind: body.kind,
          subject: body.subject,
          text: body.text,
          attachmentIds: body.attachmentIds,
          policy,
          idempotencyKey: `${p.userId}:${key}`,
          requestSha256: await requestHash(body),
        }),
      );
      await startLifecycle(c, id);
      c.header('Location', `/api/v1/appeals/${id}`);
      return c.json(await visibleAppeal(c, id), created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listAppeals',
      path: '/appeals',
      tags: ['appeals'],
      summary:
        'Appeals the caller may see: their own (resident, or mine=1), addressed to their organization (management_company), their district (council, inspector), all (admin)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { query: ListQuery },
      responses: {
        200: {
          description: 'A page, newest first',
          content: { 'application/json': { schema: AppealListSchema } },
        },
        ...problems(400, 401),
      },
    }),
    async (c) => {
      const { page, pageSize, ...filter } = c.req.valid('query');
      const { items, total } = await listAppeals(emOf(c), c.var.principal, filter, { page, pageSize });
      return c.json({ items, total, page, pageSize }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getAppeal',
      path: '/appeals/{id}',
      tags: ['appeals'],
      summary: 'An appeal with its timeline (the applicant, the responsible and observing bodies, admin)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: { 200: { description: 'The appeal', content }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await visibleAppeal(c, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getAttachment',
      path: '/appeal-attachments/{id}',
      tags: ['appeals'],
      summary: 'An attachment (whoever may see its appeal; the uploader before it is attached)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: { 200: { description: 'The file' }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const a = await attachmentById(emOf(c), c.req.valid('param').id);
      if (!a) throw notFound('no such attachment');
      const p = c.var.principal;
      const stored = a.appealId ? await loadAppeal(emOf(c), a.appealId) : null;
      const allowed = stored ? canView(p, stored.appeal) : a.uploadedByUserId === p.userId;
      if (!allowed) throw forbidden('this attachment is outside your scope');
      return sendStored(c, a, 'attachment');
    },
  );
