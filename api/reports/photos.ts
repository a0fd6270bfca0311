// Photos before and after a work line: uploaded by the organization reporting on the building
// into the platform's storage (as the appeals' attachments), checked by their content; a work line
// names them by id. The building's readers see a photo once a submitted version names it.
import { createRoute } from '@hono/zod-openapi';
import { photoById, storePhoto } from '../../db/reports/photos.ts';
import { responsibleOrganization } from '../../db/reports/repository.ts';
import { SNIFF_BYTES } from '../../domain/common/media-type.ts';
import { checkPhoto } from '../../domain/reports/photos.ts';
import { quarterAt } from '../../domain/reports/quarters.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf } from '../context.ts';
import { IdempotencyHeader, uuidFor } from '../idempotency.ts';
import { decodedHeader } from '../input.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { readUpload, sendStored, storageOf } from '../upload.ts';
import { PhotoHeaders, PhotoSchema } from './schemas.ts';

/** Where photo uploads may be as large as the reports' policy allows (api/app.ts). */
export const PHOTO_UPLOAD_PATH = /^\/api\/v1\/reports\/buildings\/[^/]+\/photos$/;

/** Only the organization that reports on the building this quarter, or that manages it, uploads. */
async function assertReporting(c: Ctx, buildingId: string) {
  const p = c.var.principal;
  if (!p.organizationId) throw forbidden('the token names no organization (claim org)');
  const em = emOf(c);
  const [row] = await em.execute<{ manager: string | null }[]>(
    `select management_organization_id as manager from building where id = ?`,
    [buildingId],
  );
  if (row?.manager === p.organizationId) return p.organizationId;
  if ((await responsibleOrganization(em, buildingId, quarterAt(Date.now()))) === p.organizationId)
    return p.organizationId;
  throw forbidden('your organization does not report for this building');
}

export const photoRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'uploadReportPhoto',
      path: '/reports/buildings/{id}/photos',
      tags: ['reports'],
      summary:
        'Upload a photo (JPEG or PNG, checked by its content) for a work line of the building’s report; the body is the file (management_company reporting on the building)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: { params: UuidParam, headers: PhotoHeaders.merge(IdempotencyHeader) },
      responses: {
        201: { description: 'Stored', content: { 'application/json': { schema: PhotoSchema } } },
        ...problems(400, 401, 403, 404),
        413: { description: 'Larger than the policy allows' },
        415: { description: 'Not a photo type (JPEG, PNG)' },
        422: { description: 'The content is not what the declared type says' },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      const organizationId = await assertReporting(c, id);
      const headers = c.req.valid('header');
      const bytes = await readUpload(c, c.var.deps.config.reports.policy.maxPhotoBytes);
      const filename = decodedHeader(headers['x-filename'], 'header.x-filename');
      const check = checkPhoto(headers['content-type'], bytes.subarray(0, SNIFF_BYTES));
      if (!check.ok)
        throw new HttpProblem(check.status, check.message, {
          errors: [{ field: check.status === 415 ? 'header.content-type' : 'body', message: check.message }],
        });
      const p = c.var.principal;
      const photo = await storePhoto(emOf(c), {
        id: await uuidFor(`report-photo:${p.userId}:${headers['idempotency-key']}`),
        buildingId: id,
        organizationId,
        userId: p.userId,
        filename,
        mediaType: check.type,
        stored: await storageOf(c).put(bytes),
      });
      return c.json(photo, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getReportPhoto',
      path: '/reports/photos/{id}',
      tags: ['reports'],
      summary:
        'A work line’s photo: for the building’s readers once a submitted report names it; for the organization that uploaded it always (resident owning there, management_company, council and inspector of its district, admin)',
      security: bearer,
      middleware: [requireRoles('resident', 'management_company', 'council', 'inspector', 'admin')] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The photo', content: { 'image/jpeg': { schema: { type: 'string' } } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const photo = await photoById(emOf(c), c.req.valid('param').id);
      if (!photo) throw notFound('no such photo');
      await assertBuildingVisible(c, photo.buildingId);
      const p = c.var.principal;
      const own = p.roles.includes('management_company') && p.organizationId === photo.organizationId;
      if (!own && !photo.published) throw notFound('no such photo');
      return sendStored(c, photo, 'inline', { 'Cache-Control': 'private, max-age=86400, immutable' });
    },
  );
