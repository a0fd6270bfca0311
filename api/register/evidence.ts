// The applicant's evidence files: each uploaded for one requirement of its own application while
// the application is undecided, checked by its content and the policy's limits, kept in the
// platform's storage as every upload is (api/upload.ts); read by whoever may see the application
// (the organization's staff, the district's council and inspectors, admins) and by no one else.
import { createRoute, z } from '@hono/zod-openapi';
import { addEvidence, evidenceById, evidenceOf } from '../../db/register/evidence.ts';
import { SNIFF_BYTES } from '../../domain/common/media-type.ts';
import { checkEvidence, EVIDENCE_REQUIREMENTS } from '../../domain/register/evidence.ts';
import type { RegisterState } from '../../domain/register/status.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { IdempotencyHeader, uuidFor } from '../idempotency.ts';
import { decodedHeader } from '../input.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { readUpload, sendStored, storageOf } from '../upload.ts';
import { visibleApplication } from './common.ts';

/** Where evidence uploads may be as large as the register's policy allows (api/app.ts). */
export const EVIDENCE_UPLOAD_PATH = /^\/api\/v1\/register\/applications\/[^/]+\/evidence$/;

/** While the application is undecided its applicant may add evidence; a decided one is closed. */
const OPEN: readonly RegisterState[] = ['applicant', 'under_review', 'corrections_requested'];
const READERS = ['management_company', 'council', 'inspector', 'admin'] as const;

export const EvidenceSchema = z
  .object({
    id: z.uuid(),
    requirement: z.enum(EVIDENCE_REQUIREMENTS),
    filename: z.string(),
    mediaType: z.string().openapi({ example: 'application/pdf' }),
    size: z.number().int(),
    uploadedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('RegisterEvidence');

const UploadHeaders = IdempotencyHeader.extend({
  'content-type': z.string().openapi({ example: 'application/pdf' }),
  'x-filename': z
    .string()
    .min(1)
    .max(600)
    .openapi({ description: 'The file name, URI-encoded', example: 'balance-2026.pdf' }),
});
const UploadQuery = z.object({
  requirement: z
    .enum(EVIDENCE_REQUIREMENTS)
    .openapi({ description: 'The requirement the file proves', example: 'own_funds' }),
});

export const evidenceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'uploadRegisterEvidence',
      path: '/register/applications/{id}/evidence',
      tags: ['register'],
      summary:
        'Attach a file (PDF, JPEG or PNG, checked by its content) proving one requirement; the body is the file (management_company, own undecided application)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: { params: UuidParam, query: UploadQuery, headers: UploadHeaders },
      responses: {
        201: { description: 'Stored', content: { 'application/json': { schema: EvidenceSchema } } },
        ...problems(400, 401, 403, 404, 409),
        413: { description: 'Larger than the policy allows' },
        415: { description: 'Not an allowed type (PDF, JPEG, PNG)' },
        422: { description: 'The content is not what the declared type says' },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const p = c.var.principal;
      const application = await visibleApplication(c, id);
      // Reviewers see the application but only its own organization adds to its evidence.
      if (p.organizationId !== application.organizationId)
        throw forbidden('only the applicant organization attaches evidence');
      if (!OPEN.includes(application.state))
        throw new HttpProblem(409, `the application is ${application.state}: its evidence is closed`, {
          extensions: { code: 'register.wrong_state' },
        });
      const policy = c.var.deps.config.register.policy;
      const headers = c.req.valid('header');
      const bytes = await readUpload(c, policy.evidenceMaxBytes);
      const filename = decodedHeader(headers['x-filename'], 'header.x-filename');
      const em = emOf(c);
      const check = checkEvidence(
        policy,
        {
          declaredType: headers['content-type'],
          size: bytes.byteLength,
          head: bytes.subarray(0, SNIFF_BYTES),
        },
        (await evidenceOf(em, id)).length,
      );
      if (!check.ok)
        throw new HttpProblem(check.status, check.message, {
          errors: [{ field: check.field, message: check.message }],
        });
      const file = await addEvidence(em, {
        id: await uuidFor(`register-evidence:${p.userId}:${headers['idempotency-key']}`),
        applicationId: id,
        requirement: c.req.valid('query').requirement,
        userId: p.userId,
        filename,
        mediaType: check.type,
        stored: await storageOf(c).put(bytes),
        maxFiles: policy.evidenceMaxFiles,
      });
      if (!file)
        throw new HttpProblem(400, `at most ${policy.evidenceMaxFiles} files`, {
          errors: [{ field: 'body', message: `at most ${policy.evidenceMaxFiles} files` }],
        });
      return c.json(file, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listRegisterEvidence',
      path: '/register/applications/{id}/evidence',
      tags: ['register'],
      summary:
        'The evidence files of an application, oldest first (management_company of the organization, council and inspector of its district, admin)',
      security: bearer,
      middleware: [requireRoles(...READERS)] as const,
      request: { params: UuidParam },
      responses: {
        200: {
          description: 'The files',
          content: { 'application/json': { schema: z.object({ items: z.array(EvidenceSchema) }) } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleApplication(c, id);
      return c.json({ items: await evidenceOf(emOf(c), id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getRegisterEvidence',
      path: '/register/evidence/{id}',
      tags: ['register'],
      summary:
        'One evidence file, opened in place (management_company of the organization, council and inspector of its district, admin)',
      security: bearer,
      middleware: [requireRoles(...READERS)] as const,
      request: { params: UuidParam },
      responses: {
        200: {
          description: 'The file',
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const file = await evidenceById(emOf(c), c.req.valid('param').id);
      if (!file) throw notFound('no such evidence file');
      await visibleApplication(c, file.applicationId);
      return sendStored(c, file, 'inline');
    },
  );
