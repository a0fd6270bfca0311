// The management contract in force for a building, as another capability cites it (billing's
// court package): its current signed document, section by section in the language asked for
// (the same text as its PDF copy), and the signatures made over that document.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type ContractSections,
  contractSections,
  type DocumentLanguage,
} from '../../domain/contracts/document.ts';
import { isoOrNull, isUuid } from '../sql.ts';
import { ContractDocument, ContractSignature } from './entities.ts';

export interface ManagementContractCopy extends ContractSections {
  contractId: string;
  number: string;
  version: number;
  concludedAt: string | null;
  documentSha256: string;
  signatures: { party: string; signerName: string; signedAt: string; status: string }[];
}

/** States in which a signed management contract binds the owners (a pending change does not undo it). */
const IN_FORCE = ['active', 'amendment_awaiting_signatures', 'termination_awaiting_signatures'];

export async function managementContractOf(
  em: EntityManager,
  buildingId: string,
  organizationId: string,
  lang: DocumentLanguage,
): Promise<ManagementContractCopy | null> {
  if (!isUuid(buildingId) || !isUuid(organizationId)) return null;
  const [row] = await em.execute<
    { id: string; number: string; version: number; concluded_at: Date | null; document_sha256: string }[]
  >(
    `select c.id, c.number, c.version, c.concluded_at, c.document_sha256
       from contract c join contract_building cb on cb.contract_id = c.id
      where cb.building_id = ? and c.organization_id = ? and c.kind = 'management'
        and c.state in (select jsonb_array_elements_text(?::jsonb)) and c.document_sha256 is not null
      order by c.concluded_at desc nulls last limit 1`,
    [buildingId, organizationId, JSON.stringify(IN_FORCE)],
  );
  if (!row) return null;
  const [doc, signatures] = await Promise.all([
    em.findOne(ContractDocument, { contract: row.id, sha256: row.document_sha256 }),
    em.find(
      ContractSignature,
      { contract: row.id, documentSha256: row.document_sha256 },
      { orderBy: { signedAt: 'asc', id: 'asc' } },
    ),
  ]);
  if (!doc) return null;
  return {
    contractId: row.id,
    number: row.number,
    version: row.version,
    concludedAt: isoOrNull(row.concluded_at),
    documentSha256: row.document_sha256,
    ...contractSections(doc.input, lang),
    signatures: signatures.map((s) => ({
      party: s.party,
      signerName: s.signerName,
      signedAt: new Date(s.signedAt).toISOString(),
      status: s.status,
    })),
  };
}

/**
 * Who signs for the owners under the building's management contract in force with this
 * organization: the representative the general meeting authorized, or null when there is none.
 */
export async function ownersRepresentativeOf(
  em: EntityManager,
  buildingId: string,
  organizationId: string,
): Promise<{ userId: string; name: string; pinfl: string | null } | null> {
  if (!isUuid(buildingId) || !isUuid(organizationId)) return null;
  const [row] = await em.execute<{ user_id: string; name: string; pinfl: string | null }[]>(
    `select c.owners_user_id as user_id, c.owners_name as name, c.owners_pinfl as pinfl
       from contract c join contract_building cb on cb.contract_id = c.id
      where cb.building_id = ? and c.organization_id = ? and c.kind = 'management'
        and c.state in (select jsonb_array_elements_text(?::jsonb))
      order by c.concluded_at desc nulls last limit 1`,
    [buildingId, organizationId, JSON.stringify(IN_FORCE)],
  );
  return row ? { userId: row.user_id, name: row.name, pinfl: row.pinfl } : null;
}
