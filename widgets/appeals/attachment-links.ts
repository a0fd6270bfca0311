// An appeal's files as controls that open them, for whoever may see the appeal (the applicant, and
// the body that must answer it): the API wants the bearer token, which a plain link cannot send, so
// each is fetched and handed to the browser under its own name and type.
import { html, nothing, type TemplateResult } from 'lit';
import type { AttachmentJson } from '../../domain/appeals/json.ts';
import type { Language } from '../../domain/common/language.ts';
import type { RequestOptions } from '../core/api.ts';
import { fileSizeText, openStoredFile } from '../core/stored-file.ts';

export const openAttachment = (file: AttachmentJson, options: RequestOptions): Promise<void> =>
  openStoredFile(`/api/v1/appeal-attachments/${encodeURIComponent(file.id)}`, file, options);

/** The files as a list of buttons, each named by its file; nothing when there are none. */
export function renderAttachmentLinks(
  label: string,
  lang: Language,
  files: readonly AttachmentJson[],
  onOpen: (file: AttachmentJson) => void,
): TemplateResult | typeof nothing {
  if (files.length === 0) return nothing;
  return html`<div part="attachments" class="attachments">
    <span class="muted">${label}:</span>
    <ul>
      ${files.map(
        (f) => html`<li>
          <button type="button" part="attachment" class="secondary" data-attachment-id=${f.id}
            @click=${() => onOpen(f)}>${f.filename}</button>
          <span class="muted">(${fileSizeText(lang, f.size)})</span>
        </li>`,
      )}
    </ul>
  </div>`;
}
