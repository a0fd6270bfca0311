// Photos of a report's work lines: the bytes in the platform's storage (the route puts them there
// first), the metadata here. A photo belongs to the building and the organization that uploaded
// it; a work line may name only such photos, and others see a photo once a submitted version names it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { ReportRuleCode } from '../../domain/reports/errors.ts';
import type { PhotoType, ReportContent } from '../../domain/reports/types.ts';
import { isUuid } from '../sql.ts';

export interface PhotoView {
  id: string;
  filename: string;
  mediaType: PhotoType;
  size: number;
}

/** Stores the metadata under the id derived from the request; the same request again is the same photo. */
export async function storePhoto(
  em: EntityManager,
  input: {
    id: string;
    buildingId: string;
    organizationId: string;
    userId: string;
    filename: string;
    mediaType: PhotoType;
    stored: { key: string; size: number };
  },
): Promise<PhotoView> {
  await em.execute(
    `insert into report_photo (id, building_id, organization_id, uploaded_by_user_id, filename, media_type, size,
                               storage_key, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (id) do nothing`,
    [
      input.id,
      input.buildingId,
      input.organizationId,
      input.userId,
      input.filename.slice(0, 255),
      input.mediaType,
      input.stored.size,
      input.stored.key,
    ],
  );
  const photo = await photoById(em, input.id);
  return { id: photo!.id, filename: photo!.filename, mediaType: photo!.mediaType, size: photo!.size };
}

export async function photoById(em: EntityManager, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await em.execute<
    {
      id: string;
      building_id: string;
      organization_id: string;
      filename: string;
      media_type: PhotoType;
      size: number;
      storage_key: string;
      published: boolean;
    }[]
  >(
    `select p.id, p.building_id, p.organization_id, p.filename, p.media_type, p.size, p.storage_key,
            exists (select 1 from report_work w join report_version v on v.id = w.version_id
                     join report r on r.id = v.report_id
                    where r.building_id = p.building_id
                      and w.photos @> jsonb_build_array(jsonb_build_object('id', p.id::text))) as published
       from report_photo p where p.id = ?`,
    [id],
  );
  return row
    ? {
        id: row.id,
        buildingId: row.building_id,
        organizationId: row.organization_id,
        filename: row.filename,
        mediaType: row.media_type,
        size: row.size,
        storageKey: row.storage_key,
        /** Named by a submitted version: the building's readers may see it. */
        published: row.published,
      }
    : null;
}

/** Every photo the content names is this building's, uploaded by this organization; else 400 naming the line. */
export async function assertOwnPhotos(
  tx: EntityManager,
  buildingId: string,
  organizationId: string,
  content: ReportContent,
): Promise<void> {
  const named = content.works.flatMap((w, i) =>
    (w.photos ?? []).map((p, j) => ({ id: p.id, field: `works.${i}.photos.${j}.id` })),
  );
  if (named.length === 0) return;
  const rows = await tx.execute<{ id: string }[]>(
    `select id::text as id from report_photo
      where id in (select (jsonb_array_elements_text(?::jsonb))::uuid) and building_id = ? and organization_id = ?`,
    [JSON.stringify(named.map((n) => n.id)), buildingId, organizationId],
  );
  const own = new Set(rows.map((r) => r.id));
  const stranger = named.find((n) => !own.has(n.id));
  if (stranger)
    throw new RuleError<ReportRuleCode>('invalid', `${stranger.field}: no such photo of this building`, [
      stranger.field,
    ]);
}
