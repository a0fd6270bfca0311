// An applicant's evidence files (a balance sheet, a bank statement, photos of the technical base),
// each for one requirement, checked by their content as every upload is (common/media-type.ts): a
// file whose first bytes are not what it claims is refused, so nothing executable hides behind ".pdf".
import { normalizeMediaType, SNIFFED_TYPES, type SniffedType, sniffMediaType } from '../common/media-type.ts';
import type { RegisterPolicy } from './policy.ts';
import type { Requirement } from './requirements.ts';

/** The requirements an applicant proves with files; quarterly reports are found from the record. */
export const EVIDENCE_REQUIREMENTS = [
  'identity',
  'own_funds',
  'technical_base',
  'dispatch_service',
] as const satisfies readonly Requirement[];
export type EvidenceRequirement = (typeof EVIDENCE_REQUIREMENTS)[number];

export type EvidenceCheck =
  | { ok: true; type: SniffedType }
  | { ok: false; status: 400 | 413 | 415 | 422; field: string; message: string };

export function checkEvidence(
  policy: Pick<RegisterPolicy, 'evidenceMaxBytes' | 'evidenceMaxFiles'>,
  file: { declaredType: string; size: number; head: Uint8Array },
  /** Files the application already carries. */
  already: number,
): EvidenceCheck {
  if (already >= policy.evidenceMaxFiles)
    return { ok: false, status: 400, field: 'body', message: `at most ${policy.evidenceMaxFiles} files` };
  if (file.size > policy.evidenceMaxBytes)
    return { ok: false, status: 413, field: 'body', message: `at most ${policy.evidenceMaxBytes} bytes` };
  const declared = normalizeMediaType(file.declaredType);
  if (!(SNIFFED_TYPES as readonly string[]).includes(declared))
    return {
      ok: false,
      status: 415,
      field: 'header.content-type',
      message: `allowed types: ${SNIFFED_TYPES.join(', ')}`,
    };
  const sniffed = sniffMediaType(file.head);
  if (sniffed !== declared)
    return {
      ok: false,
      status: 422,
      field: 'body',
      message: `the content is ${sniffed ?? 'not an allowed type'}, not ${declared}`,
    };
  return { ok: true, type: sniffed };
}
