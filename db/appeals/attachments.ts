// Uploaded files of appeals and answers: the bytes in the storage adapter (the route puts them
// there first), the metadata here.
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../sql.ts';
import { AppealAttachment } from './entities.ts';

export interface AttachmentView {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  part: 'appeal' | 'answer';
}

export async function storeUpload(
  em: EntityManager,
  upload: {
    userId: string;
    filename: string;
    mediaType: string;
    /** Where the storage adapter put the bytes. */
    stored: { key: string; size: number };
  },
): Promise<AttachmentView> {
  const { stored } = upload;
  const row = em.create(AppealAttachment, {
    appeal: null,
    part: null,
    uploadedByUserId: upload.userId,
    filename: upload.filename,
    mediaType: upload.mediaType,
    size: stored.size,
    storageKey: stored.key,
  });
  await em.flush();
  return { id: row.id, filename: row.filename, mediaType: row.mediaType, size: row.size, part: 'appeal' };
}

export async function attachmentsOf(em: EntityManager, appealId: string): Promise<AttachmentView[]> {
  const rows = await em.find(
    AppealAttachment,
    { appeal: appealId },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    mediaType: r.mediaType,
    size: r.size,
    part: r.part ?? 'appeal',
  }));
}

export async function attachmentById(em: EntityManager, id: string) {
  if (!isUuid(id)) return null;
  const row = await em.findOne(AppealAttachment, { id });
  return row
    ? {
        appealId: row.appeal?.id ?? null,
        uploadedByUserId: row.uploadedByUserId,
        filename: row.filename,
        mediaType: row.mediaType,
        storageKey: row.storageKey,
      }
    : null;
}
