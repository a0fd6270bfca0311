import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { APPEAL_TEXT_MAX } from '../../domain/appeals/limits.ts';
import {
  APPEAL_CATEGORIES,
  APPEAL_KINDS,
  type AppealCategory,
  type AppealKind,
} from '../../domain/appeals/types.ts';
import type { MyApartmentView } from '../../domain/registry/types.ts';
import { ApiError, NO_TOKEN_PROBLEM } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import type { FieldIssue } from '../core/field-issues.ts';
import { filePicker, filePickerStyles } from '../core/file-picker.ts';
import { checkField } from '../core/form-checks.ts';
import { formatDay } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { problemText, renderProblem } from '../core/problem-view.ts';
import { fieldIssueText, renderRefusal } from '../core/refusal.ts';
import { type AppealJson, myApartments, type NewAppeal, submitAppeal, uploadAttachment } from './client.ts';
import { ACCEPT, checkFile, declaredType, type FileIssue, LIMITS, MAX_MB } from './files.ts';
import { type AppealFormMessageKey, appealFormMessages } from './form-messages.ts';
import { type AppealMessageKey, appealMessages } from './messages.ts';
import { appealStyles } from './styles.ts';

type Busy = { key: 'submitting' } | { key: 'uploading'; name: string } | null;
type Field = 'category' | 'text';

/** The form's label for each request field the API may name. */
const LABELS: Readonly<Record<string, AppealFormMessageKey>> = {
  category: 'category',
  kind: 'kind',
  text: 'text',
  'subject.apartmentId': 'apartment',
  attachmentIds: 'files',
};

/**
 * A resident's new appeal about a building: category, kind, optionally one of the caller's own
 * apartments there, the text and up to five photos or scans. Files are checked in the browser
 * (type, size, and content: a disguised file is refused before upload), uploaded one by one, then
 * the appeal is sent with an Idempotency-Key that stays the same for every retry of the same
 * submission, so a lost answer never registers the appeal twice.
 *
 * @element mu-appeal-form
 * @attr building-id - The building the appeal is about.
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-appeal-submitted - `detail: { appealId, registrationNumber }` once the API registered it.
 *
 * @csspart card - The outer box. @csspart form - The form. @csspart submit-button - Send.
 * @csspart file-input - The file picker. @csspart file-list - The chosen files.
 * @csspart file-errors - Refused files (an alert). @csspart errors - Invalid fields (an alert).
 * @csspart status - Progress and the outcome (a live region). @csspart registration-number - The number.
 * @csspart error - A failed submission. @csspart another-button - Start a new appeal.
 */
export class MuAppealForm extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    _files: { state: true },
    _fileIssues: { state: true },
    _invalid: { state: true },
    _busy: { state: true },
    _failure: { state: true },
    _result: { state: true },
  };

  declare buildingId: string | undefined;
  declare _files: readonly File[];
  declare _fileIssues: readonly FileIssue[];
  /** What the check before sending found, one per field; an empty required field has its own words. */
  declare _invalid: readonly FieldIssue[];
  declare _busy: Busy;
  declare _failure: ApiError | null;
  declare _result: AppealJson | null;

  #apartments = new KeyedLoader<MyApartmentView[]>(this);
  #retry = new RetryKey();
  /** Attachments already uploaded, so a retry sends each file once. */
  #uploaded = new Map<File, string>();

  constructor() {
    super();
    this._files = [];
    this._fileIssues = [];
    this._invalid = [];
    this._busy = null;
    this._failure = null;
    this._result = null;
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const key = this.buildingId ? JSON.stringify([apiBase, token]) : undefined;
    this.#apartments.sync(key, token, (signal) => myApartments({ apiBase, token, lang, signal }));
  }

  #t = (key: AppealMessageKey, params?: Record<string, string | number>): string =>
    translate(appealMessages, this.settings.lang, key, params);

  /** The form's own words (form-messages.ts); the vocabulary and the shared words are #t's. */
  #f = (key: AppealFormMessageKey, params?: Record<string, string | number>): string =>
    translate(appealFormMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const { lang, token } = this.settings;
    let body: TemplateResult;
    if (!token) body = renderProblem(lang, new ApiError(NO_TOKEN_PROBLEM), () => this.requestUpdate());
    else if (this._result) body = this.#renderResult();
    else body = this.#renderForm();
    return html`<section part="card" class="card" aria-labelledby="form-title">
      <h2 id="form-title">${this.#f('formTitle')}</h2>
      <div part="status" class="status" role="status" aria-live="polite">${this.#renderStatus()}</div>
      ${body}
    </section>`;
  }

  #renderStatus(): TemplateResult | typeof nothing {
    const busy = this._busy;
    if (busy?.key === 'uploading')
      return html`<p class="muted">${this.#f('uploading', { name: busy.name })}</p>`;
    if (busy) return html`<p class="muted">${this.#f('submitting')}</p>`;
    const r = this._result;
    if (!r) return nothing;
    return html`<p class="result ok">${this.#numbered(r.registrationNumber)}</p>
      <p>${this.#f('due', { date: formatDay(r.dueLastDay) })}</p>`;
  }

  /** The sentence with the number set apart, so a portal can style (and a test can find) it. */
  #numbered(number: string): TemplateResult {
    const [before, after = ''] = this.#f('submitted', { number: '\u0000' }).split('\u0000');
    return html`${before}<span part="registration-number" class="number">${number}</span>${after}`;
  }

  #renderResult(): TemplateResult {
    return html`<p>
      <button type="button" part="another-button" class="secondary" @click=${this.#again}>
        ${this.#f('another')}
      </button>
    </p>`;
  }

  #renderForm(): TemplateResult {
    const busy = this._busy !== null;
    const invalid = (f: Field) => this._invalid.some((i) => i.field === f);
    const errorOf = (f: Field) => {
      const issue = this._invalid.find((i) => i.field === f);
      return issue ? html`<p id="${f}-error" class="field-error">${this.#issueText(issue)}</p>` : nothing;
    };
    return html`<form part="form" novalidate @submit=${this.#submit} @input=${this.#edited} @change=${this.#edited}>
      ${this.#renderErrors()}
      <div class="field">
        <label class="title" for="category">${this.#f('category')}</label>
        <select
          id="category"
          name="category"
          @change=${() => this.#valid('category')}
          required
          aria-invalid=${invalid('category') ? 'true' : 'false'}
          aria-describedby=${invalid('category') ? 'category-error' : nothing}
        >
          <option value="">${this.#f('chooseCategory')}</option>
          ${APPEAL_CATEGORIES.map((c) => html`<option value=${c}>${this.#t(`cat_${c}`)}</option>`)}
        </select>
        ${errorOf('category')}
      </div>
      <fieldset>
        <legend>${this.#f('kind')}</legend>
        <div class="choices">
          ${APPEAL_KINDS.map(
            (k, i) => html`<label
              ><input type="radio" name="kind" value=${k} ?checked=${i === 0} /> ${this.#t(`kind_${k}`)}</label
            >`,
          )}
        </div>
      </fieldset>
      ${this.#renderApartments()}
      <div class="field">
        <label class="title" for="text">${this.#f('text')}</label>
        <textarea
          id="text"
          name="text"
          @input=${() => this.#valid('text')}
          required
          aria-invalid=${invalid('text') ? 'true' : 'false'}
          aria-describedby=${invalid('text') ? 'text-error text-hint' : 'text-hint'}
          maxlength=${APPEAL_TEXT_MAX}
        ></textarea>
        <span id="text-hint" class="hint muted">${this.#f('textHint')}</span>
        ${errorOf('text')}
      </div>
      ${this.#renderFiles()}
      ${this._failure ? this.#renderFailure(this._failure) : nothing}
      <p>
        <button type="submit" part="submit-button" ?disabled=${busy}>
          ${busy ? this.#f('submitting') : this.#f('submit')}
        </button>
      </p>
    </form>`;
  }

  #renderErrors(): TemplateResult {
    // Always in the tree, so assistive technology announces what is put into it.
    const fields = this._invalid;
    return html`<div part="errors" class="error" role="alert">
      ${
        fields.length > 0
          ? html`<p>${this.#f('fixErrors')}</p>
            <ul>
              ${fields.map((i) => html`<li data-field=${i.field}>${this.#issueText(i)}</li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }

  #renderApartments(): TemplateResult | typeof nothing {
    const mine = (this.#apartments.value ?? []).filter((a) => a.buildingId === this.buildingId);
    if (mine.length === 0) return nothing;
    return html`<div class="field">
      <label class="title" for="apartment">${this.#f('apartment')}</label>
      <select id="apartment" name="apartmentId">
        <option value="">${this.#f('noApartment')}</option>
        ${mine.map(
          (a) =>
            html`<option value=${a.id}>${this.#f('apartmentValue', { number: a.number, address: a.address })}</option>`,
        )}
      </select>
    </div>`;
  }

  #renderFiles(): TemplateResult {
    const issues = this._fileIssues;
    return html`<div class="field">
      <label class="title" for="files">${this.#f('files')}</label>
      ${filePicker(
        this.settings.lang,
        'files',
        html`<input
          id="files"
          part="file-input"
          type="file"
          multiple
          accept=${ACCEPT}
          aria-describedby="files-hint"
          ?disabled=${this._files.length >= LIMITS.maxFiles}
          @change=${this.#pick}
        />`,
        this._files.map((f) => f.name),
        true,
      )}
      <span id="files-hint" class="hint muted">${this.#f('filesHint', { max: LIMITS.maxFiles, size: MAX_MB })}</span>
      <div part="file-errors" class="error" role="alert">
        ${issues.length > 0 ? html`<ul>${issues.map((i) => html`<li>${this.#f(i.key, i.params)}</li>`)}</ul>` : nothing}
      </div>
      ${
        this._files.length > 0
          ? html`<ul part="file-list" class="files">
              ${this._files.map(
                (f) => html`<li data-name=${f.name}>
                  <span>${f.name}</span> <span class="muted">(${Math.max(1, Math.round(f.size / 1024))} KB)</span>
                  <button
                    type="button"
                    class="secondary"
                    aria-label="${this.#f('removeFile')}: ${f.name}"
                    ?disabled=${this._busy !== null}
                    @click=${() => this.#remove(f)}
                  >
                    ${this.#f('removeFile')}
                  </button>
                </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>`;
  }

  /** A field the user filled in stops being flagged at once, not only at the next submission. */
  #valid(field: Field): void {
    if (this._invalid.some((i) => i.field === field))
      this._invalid = this._invalid.filter((i) => i.field !== field);
  }

  /** The service's refusal was about what was sent: once the person edits, it no longer holds. */
  #edited(): void {
    if (this._failure && !this._busy) this._failure = null;
  }

  /** An empty required field in the appeal's own words; anything else in the shared templates. */
  #issueText(issue: FieldIssue): string {
    if (issue.code === 'required' || issue.code === 'choose')
      return this.#f(issue.field === 'text' ? 'textRequired' : 'categoryRequired');
    return `${this.#f(LABELS[issue.field] ?? 'text')}: ${fieldIssueText(this.settings.lang, issue).text}`;
  }

  async #pick(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    // Cleared, so picking the same file again after removing it fires `change` again.
    input.value = '';
    const issues: FileIssue[] = [];
    const files = [...this._files];
    for (const file of picked) {
      const issue = await checkFile(file);
      if (issue) issues.push(issue);
      else if (files.length >= LIMITS.maxFiles)
        issues.push({ key: 'tooManyFiles', params: { max: LIMITS.maxFiles } });
      else files.push(file);
    }
    this._files = files;
    this._fileIssues = issues;
  }

  #remove(file: File): void {
    this._files = this._files.filter((f) => f !== file);
    this.#uploaded.delete(file);
    this._fileIssues = [];
  }

  /**
   * A refusal of what was sent names its fields under the form's labels, in the reader's
   * language; a failure to get an answer says so, and the same submission may be retried.
   */
  #renderFailure(error: ApiError): TemplateResult {
    const lang = this.settings.lang;
    const s = error.status;
    if (s === 400 || s === 409 || s === 413 || s === 422)
      return renderRefusal(lang, error, (f) => (LABELS[f] ? this.#f(LABELS[f]) : undefined));
    return html`<div part="error" class="error" role="alert">
      <p>${this.#f('submitFailed', { reason: problemText(lang, error) })}</p>
    </div>`;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this._busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const category = String(data.get('category') ?? '') as AppealCategory | '';
    const text = String(data.get('text') ?? '').trim();
    const invalid = [
      checkField('category', category, { required: 'choose' }),
      checkField('text', text, { required: true, maxLength: APPEAL_TEXT_MAX }),
    ].filter((i) => i !== null);
    this._invalid = invalid;
    if (invalid.length > 0) {
      this._failure = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${invalid[0]!.field}`)?.focus();
      return;
    }
    const apartmentId = String(data.get('apartmentId') ?? '');
    const body: NewAppeal = {
      category: category as AppealCategory,
      kind: (String(data.get('kind') ?? '') || 'application') as AppealKind,
      subject: { buildingId: this.buildingId ?? '', ...(apartmentId ? { apartmentId } : {}) },
      text,
    };
    const files = this._files;
    const key = this.#retry.for(JSON.stringify([body, files.map((f) => [f.name, f.size, f.lastModified])]));
    this._failure = null;
    const settings = this.settings;
    try {
      const ids: string[] = [];
      for (const file of files) {
        let id = this.#uploaded.get(file);
        if (!id) {
          this._busy = { key: 'uploading', name: file.name };
          id = (await uploadAttachment(file, declaredType(file), settings)).id;
          this.#uploaded.set(file, id);
        }
        ids.push(id);
      }
      this._busy = { key: 'submitting' };
      const appeal = await submitAppeal(ids.length > 0 ? { ...body, attachmentIds: ids } : body, {
        ...settings,
        idempotencyKey: key,
      });
      this.#retry.reset();
      this.#uploaded.clear();
      this._files = [];
      this._fileIssues = [];
      this._result = appeal;
      this.emit('mu-appeal-submitted', {
        appealId: appeal.id,
        registrationNumber: appeal.registrationNumber,
      });
    } catch (error) {
      this._failure = toApiError(error);
    } finally {
      this._busy = null;
    }
  }

  #again(): void {
    this._result = null;
    this._invalid = [];
    this._failure = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#category')?.focus());
  }

  static override styles = [appealStyles, filePickerStyles];
}
