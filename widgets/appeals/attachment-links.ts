// An appeal's files as controls that open them, for whoever may see the appeal (the applicant, and
// the body that must answer it): the API wants the bearer token, which a plain link cannot send, so
// each is fetched and handed to the browser under its own name and type.
import { html, nothing, type TemplateResult } from 'lit';
import type { AttachmentJson } from '../../domain/appeals/json.ts';
import type { Language } from '../../domain/common/language.ts';
import { getBytes, type RequestOptions } from '../core/api.ts';
import { saveFile } from '../core/download.ts';
import { formatNumber } from '../core/format.ts';

export async function openAttachment(file: AttachmentJson, options: RequestOptions): Promise<void> {
  const { bytes } = await getBytes(
    `/api/v1/appeal-attachments/${encodeURIComponent(file.id)}`,
    options,
    file.mediaType,
  );
  saveFile(bytes as BlobPart, file.mediaType, file.filename);
}

/** The files as a list of buttons, each named by its file; nothing when there are none. */
export function renderAttachmentLinks(
  label: string,
  lang: Language,
  files: readonly AttachmentJson[],
  onOpen: (file: AttachmentJson) => void,
): TemplateResult | typeof nothing {
  if (files.length === 0) return nothing;
  const kb = (size: number) => `${formatNumber(lang, Math.max(1, Math.round(size / 1024)))} KB`;
  return html`<div part="attachments" class="attachments">
    <span class="muted">${label}:</span>
    <ul>
      ${files.map(
        (f) => html`<li>
          <button type="button" part="attachment" class="secondary" data-attachment-id=${f.id}
            @click=${() => onOpen(f)}>${f.filename}</button>
          <span class="muted">(${kb(f.size)})</span>
        </li>`,
      )}
    </ul>
  </div>`;
}
