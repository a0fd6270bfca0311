// An application's evidence files (api/register/evidence.ts): listed under the requirement each
// proves, opened with the reader's token, and attached by the applicant after the same checks the
// API makes (the type by the first bytes, the policy's size), so a bad file is named before upload.

import { SNIFF_BYTES, SNIFFED_TYPES, sniffMediaType } from '../../domain/common/media-type.ts';
import type { EvidenceRequirement } from '../../domain/register/evidence.ts';
import { DEFAULT_REGISTER_POLICY } from '../../domain/register/policy.ts';
import type { RequestOptions } from '../core/api.ts';
import { getJson, type SendOptions, sendFile } from '../core/api.ts';
import type { FieldIssue } from '../core/field-issues.ts';
import { openStoredFile, type StoredFile } from '../core/stored-file.ts';

/** `RegisterEvidence` of the OpenAPI document. */
export interface Evidence extends StoredFile {
  requirement: EvidenceRequirement;
  uploadedAt: string;
}

export const EVIDENCE_ACCEPT = SNIFFED_TYPES.join(',');

const path = (applicationId: string) =>
  `/api/v1/register/applications/${encodeURIComponent(applicationId)}/evidence`;

export const listEvidence = (applicationId: string, o: RequestOptions) =>
  getJson<{ items: Evidence[] }>(path(applicationId), o).then((r) => r.items);

export const openEvidence = (file: Evidence, o: RequestOptions) =>
  openStoredFile(`/api/v1/register/evidence/${encodeURIComponent(file.id)}`, file, o);

export const attachEvidence = (
  applicationId: string,
  requirement: EvidenceRequirement,
  file: File,
  mediaType: string,
  o: SendOptions,
) =>
  // Sent as the type the checks found, which a browser's File.type may lack.
  sendFile<Evidence>(
    `${path(applicationId)}?requirement=${encodeURIComponent(requirement)}`,
    file.slice(0, file.size, mediaType),
    file.name,
    o,
  );

/**
 * What is wrong with the choice before anything is sent: no requirement chosen, no file, a type
 * other than PDF/JPEG/PNG or one its first bytes deny, an empty or too large file.
 */
export async function checkEvidenceChoice(
  requirement: string,
  file: File | undefined,
  mediaType: string,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (!requirement) issues.push({ field: 'requirement', code: 'choose' });
  if (!file) {
    issues.push({ field: 'file', code: 'required' });
    return issues;
  }
  const max = DEFAULT_REGISTER_POLICY.evidenceMaxBytes;
  if (!(SNIFFED_TYPES as readonly string[]).includes(mediaType))
    issues.push({ field: 'file', code: 'invalid' });
  else if (file.size <= 0) issues.push({ field: 'file', code: 'required' });
  else if (file.size > max)
    issues.push({
      field: 'file',
      code: 'too_big',
      origin: 'file_size',
      maximum: `${Math.round(max / 1048576)} MB`,
    });
  else if (sniffMediaType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer())) !== mediaType)
    issues.push({ field: 'file', code: 'invalid' });
  return issues;
}
