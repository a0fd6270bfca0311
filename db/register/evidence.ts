// An application's evidence files: the bytes in the platform's storage (the route puts them there
// first), the metadata here. The application's row is locked while a file is added, so two uploads
// at once cannot carry it past the policy's count.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EvidenceRequirement } from '../../domain/register/evidence.ts';
import { isUuid } from '../sql.ts';

export interface EvidenceView {
  id: string;
  requirement: EvidenceRequirement;
  filename: string;
  mediaType: string;
  size: number;
  uploadedAt: string;
}

interface Row {
  id: string;
  application_id: string;
  requirement: EvidenceRequirement;
  filename: string;
  media_type: string;
  size: number;
  storage_key: string;
  created_at: Date;
}

const COLUMNS = 'id, application_id, requirement, filename, media_type, size, storage_key, created_at';

const viewOf = (r: Row): EvidenceView => ({
  id: r.id,
  requirement: r.requirement,
  filename: r.filename,
  mediaType: r.media_type,
  size: r.size,
  uploadedAt: new Date(r.created_at).toISOString(),
});

/**
 * Adds the file under the id derived from the request (the same request again is the same file),
 * unless the application already carries `maxFiles`: then null.
 */
export async function addEvidence(
  em: EntityManager,
  input: {
    id: string;
    applicationId: string;
    requirement: EvidenceRequirement;
    userId: string;
    filename: string;
    mediaType: string;
    stored: { key: string; size: number };
    maxFiles: number;
  },
): Promise<EvidenceView | null> {
  return em.transactional(async (tx) => {
    await tx.execute('select id from register_application where id = ? for update', [input.applicationId]);
    const [existing] = await tx.execute<Row[]>(`select ${COLUMNS} from register_evidence where id = ?`, [
      input.id,
    ]);
    if (existing) return viewOf(existing);
    const [count] = await tx.execute<{ n: string }[]>(
      'select count(*) as n from register_evidence where application_id = ?',
      [input.applicationId],
    );
    if (Number(count?.n ?? 0) >= input.maxFiles) return null;
    const [row] = await tx.execute<Row[]>(
      `insert into register_evidence (id, application_id, requirement, uploaded_by_user_id, filename, media_type,
                                      size, storage_key, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, now()) returning ${COLUMNS}`,
      [
        input.id,
        input.applicationId,
        input.requirement,
        input.userId,
        input.filename.slice(0, 600),
        input.mediaType,
        input.stored.size,
        input.stored.key,
      ],
    );
    return viewOf(row!);
  });
}

/** The application's files, oldest first. */
export async function evidenceOf(em: EntityManager, applicationId: string): Promise<EvidenceView[]> {
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from register_evidence where application_id = ? order by created_at, id`,
    [applicationId],
  );
  return rows.map(viewOf);
}

export async function evidenceById(
  em: EntityManager,
  id: string,
): Promise<(EvidenceView & { applicationId: string; storageKey: string }) | null> {
  if (!isUuid(id)) return null;
  const [row] = await em.execute<Row[]>(`select ${COLUMNS} from register_evidence where id = ?`, [id]);
  return row ? { ...viewOf(row), applicationId: row.application_id, storageKey: row.storage_key } : null;
}
