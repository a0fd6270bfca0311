import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ApiError, NO_TOKEN_PROBLEM } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { filePicker, filePickerStyles } from '../core/file-picker.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { problemText, renderLoaded } from '../core/problem-view.ts';
import { renderRefusal } from '../core/refusal.ts';
import { type MyApartmentView, myApartments, type SubmittedRequest, submitRequest } from './client.ts';
import { clockTime, dateTime } from './format.ts';
import { type DispatchMessageKey, dispatchMessages } from './messages.ts';
import {
  addPhotos,
  PHOTO_ACCEPT,
  PHOTO_LIMITS,
  PHOTO_MAX_MB,
  type PhotoIssue,
  toPhotoInput,
} from './photos.ts';
import { dispatchStyles } from './styles.ts';

/** The API caps a request's text at 4000 characters. */
const TEXT_MAX = 4000;

/** The form's label for each request field the API may name. */
const LABELS: Readonly<Record<string, DispatchMessageKey>> = {
  apartmentId: 'apartment',
  text: 'text',
  photos: 'photos',
};

/**
 * A resident reports a problem in their apartment to the 24-hour dispatch service: the apartment
 * (theirs in this building, from GET /me/apartments, `apartment-id` chosen first), what happened in
 * any language, and up to five photos (JPEG or PNG, checked by their content before sending). The
 * answer comes at once: the request's number and when it was registered, and how the triage sorted
 * it (kind of problem and urgency, in words), or that a dispatcher will check it. One
 * Idempotency-Key per submission, the same for each retry, so a lost answer never reports twice.
 *
 * @element mu-dispatch-request
 * @attr building-id - The building the resident is reporting from.
 * @attr apartment-id - The apartment to choose first (optional).
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-dispatch-request-submitted - `detail: { requestId, number, urgency }` once registered.
 *
 * @csspart card - The box. @csspart form - The form. @csspart submit-button - Send.
 * @csspart photo-input - The photo picker. @csspart photo-list - The chosen photos.
 * @csspart errors - What to correct (an alert). @csspart status - Progress and outcome (live).
 * @csspart request-number - The number. @csspart triage - Kind and urgency.
 * @csspart urgency - The urgency's label. @csspart another-button - Report another problem.
 * @csspart error - A failed submission.
 */
export class MuDispatchRequest extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    apartmentId: { attribute: 'apartment-id' },
    _photos: { state: true },
    _photoIssues: { state: true },
    _missing: { state: true },
    _busy: { state: true },
    _failure: { state: true },
    _result: { state: true },
  };

  declare buildingId: string | undefined;
  declare apartmentId: string | undefined;
  declare _photos: readonly File[];
  declare _photoIssues: readonly PhotoIssue[];
  /** Fields left empty at the last attempt. */
  declare _missing: readonly ('apartment' | 'text')[];
  declare _busy: boolean;
  declare _failure: ApiError | null;
  declare _result: SubmittedRequest | null;

  #apartments = new KeyedLoader<MyApartmentView[]>(this, this.reportError);
  #retry = new RetryKey();

  constructor() {
    super();
    this._photos = [];
    this._photoIssues = [];
    this._missing = [];
    this._busy = false;
    this._failure = null;
    this._result = null;
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    this.#apartments.sync(JSON.stringify([apiBase, token]), token, (signal) =>
      myApartments({ apiBase, token, lang, signal }),
    );
  }

  #t = (key: DispatchMessageKey, params?: Record<string, string | number>): string =>
    translate(dispatchMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const { lang, token } = this.settings;
    const body = !token
      ? html`<p part="error" class="error" role="alert">${problemText(lang, new ApiError(NO_TOKEN_PROBLEM))}</p>`
      : this._result
        ? this.#renderResult(this._result)
        : renderLoaded(lang, this.#apartments, (all) => this.#renderForm(all));
    return html`<section part="card" class="card" aria-labelledby="title">
      <h2 id="title">${this.#t('formTitle')}</h2>
      <div part="status" role="status" aria-live="polite">
        ${this._busy ? html`<p class="muted">${this.#t('submitting')}</p>` : nothing}
        ${this._result ? this.#renderAcknowledgement(this._result) : nothing}
      </div>
      ${body}
    </section>`;
  }

  /** The number at once, in the sentence, set apart so a portal can style it. */
  #renderAcknowledgement(r: SubmittedRequest): TemplateResult {
    const [before, after = ''] = this.#t('submitted', { number: '\u0000' }).split('\u0000');
    return html`<p class="ok">
      ${before}<span part="request-number" class="number">${r.acknowledgement.number}</span>${after}
      <br /><span class="muted"
        >${this.#t('registeredAt', { date: dateTime(this.settings.lang, Date.parse(r.acknowledgement.registeredAt)) })}</span
      >
    </p>`;
  }

  #renderResult(r: SubmittedRequest): TemplateResult {
    const contain = r.clocks.find((c) => c.kind === 'contain' && c.metAt === null);
    return html`<section part="triage" aria-labelledby="triage-title">
        <h3 id="triage-title">${this.#t('triageTitle')}</h3>
        <dl class="facts">
          <div><dt>${this.#t('category')}</dt><dd data-category=${r.category}>${this.#t(`cat_${r.category}`)}</dd></div>
          <div>
            <dt>${this.#t('urgency')}</dt>
            <dd>
              <span part="urgency" class="urgency ${r.urgency}" data-urgency=${r.urgency}
                >${this.#t(`urgency_${r.urgency}`)}</span
              >
            </dd>
          </div>
        </dl>
        ${r.needsConfirmation ? html`<p class="muted">${this.#t('triagePending')}</p>` : nothing}
        ${
          r.urgency === 'emergency' && contain
            ? html`<p><strong>${this.#t('emergencyNote', { time: clockTime(contain.dueAt, Date.now()) })}</strong></p>`
            : nothing
        }
      </section>
      <p>
        <button type="button" part="another-button" class="secondary" @click=${this.#again}>
          ${this.#t('another')}
        </button>
      </p>`;
  }

  #renderForm(all: readonly MyApartmentView[]): TemplateResult {
    const mine = all.filter((a) => !this.buildingId || a.buildingId === this.buildingId);
    if (mine.length === 0) return html`<p part="status" class="muted">${this.#t('noApartments')}</p>`;
    const chosen = mine.some((a) => a.id === this.apartmentId) ? this.apartmentId : mine[0]!.id;
    const missing = (f: 'apartment' | 'text') => this._missing.includes(f);
    return html`<form part="form" novalidate @submit=${this.#submit} @input=${this.#edited}>
      <div part="errors" class="${this._missing.length > 0 ? 'error' : ''}" role="alert">
        ${
          this._missing.length > 0
            ? html`<p>${this.#t('fixErrors')}</p>
                <ul>
                  ${this._missing.map((f) => html`<li>${this.#t(f === 'text' ? 'textRequired' : 'apartmentRequired')}</li>`)}
                </ul>`
            : nothing
        }
      </div>
      <div class="field">
        <label for="apartment">${this.#t('apartment')}</label>
        <select id="apartment" name="apartmentId" aria-invalid=${missing('apartment') ? 'true' : 'false'}>
          ${mine.map(
            (a) =>
              html`<option value=${a.id} ?selected=${a.id === chosen}>
                ${this.#t('apartmentValue', { number: a.number, address: a.address })}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="text">${this.#t('text')}</label>
        <textarea
          id="text"
          name="text"
          maxlength=${TEXT_MAX}
          aria-invalid=${missing('text') ? 'true' : 'false'}
          aria-describedby="text-hint"
        ></textarea>
        <p id="text-hint" class="hint">${this.#t('textHint')}</p>
      </div>
      ${this.#renderPhotos()}
      ${this._failure ? this.#renderFailure(this._failure) : nothing}
      <p>
        <button type="submit" part="submit-button" class="big" ?disabled=${this._busy}>
          ${this._busy ? this.#t('submitting') : this.#t('submit')}
        </button>
      </p>
    </form>`;
  }

  #renderPhotos(): TemplateResult {
    const issues = this._photoIssues;
    return html`<div class="field">
      <label for="photos">${this.#t('photos')}</label>
      ${filePicker(
        this.settings.lang,
        'photos',
        html`<input
          id="photos"
          part="photo-input"
          type="file"
          accept=${PHOTO_ACCEPT}
          multiple
          aria-describedby="photos-hint"
          ?disabled=${this._photos.length >= PHOTO_LIMITS.maxFiles}
          @change=${this.#pick}
        />`,
        this._photos.map((f) => f.name),
        true,
      )}
      <p id="photos-hint" class="hint">${this.#t('photosHint', { max: PHOTO_LIMITS.maxFiles, size: PHOTO_MAX_MB })}</p>
      <div class="${issues.length > 0 ? 'error' : ''}" role="alert">
        ${issues.length > 0 ? html`<ul>${issues.map((i) => html`<li>${this.#t(i.key, i.params)}</li>`)}</ul>` : nothing}
      </div>
      ${
        this._photos.length > 0
          ? html`<ul part="photo-list" class="files">
              ${this._photos.map(
                (f) => html`<li>
                  <span>${f.name}</span>
                  <button
                    type="button"
                    class="secondary"
                    aria-label="${this.#t('removePhoto')}: ${f.name}"
                    @click=${() => {
                      this._photos = this._photos.filter((p) => p !== f);
                    }}
                  >
                    ${this.#t('removePhoto')}
                  </button>
                </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>`;
  }

  #renderFailure(error: ApiError): TemplateResult {
    const lang = this.settings.lang;
    if (error.status === 400 || error.status === 409 || error.status === 422)
      return renderRefusal(lang, error, (f) => {
        const label = LABELS[f.split('.')[0] ?? ''];
        return label ? this.#t(label) : undefined;
      });
    return html`<div part="error" class="error" role="alert">
      <p>${this.#t('submitFailed', { reason: problemText(lang, error) })}</p>
    </div>`;
  }

  async #pick(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    input.value = '';
    const { files, issues } = await addPhotos(this._photos, picked);
    this._photos = files;
    this._photoIssues = issues;
  }

  /** A refusal was about what was sent: once the person edits, it no longer holds. */
  #edited(): void {
    if (this._failure && !this._busy) this._failure = null;
    if (this._missing.length > 0) this._missing = [];
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this._busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const apartmentId = String(data.get('apartmentId') ?? '');
    const text = String(data.get('text') ?? '').trim();
    const missing = [...(apartmentId ? [] : ['apartment' as const]), ...(text ? [] : ['text' as const])];
    this._missing = missing;
    if (missing.length > 0) {
      this._failure = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${missing[0]}`)?.focus();
      return;
    }
    const files = this._photos;
    const key = this.#retry.for(
      JSON.stringify([apartmentId, text, files.map((f) => [f.name, f.size, f.lastModified])]),
    );
    this._busy = true;
    this._failure = null;
    try {
      const photos = await Promise.all(files.map(toPhotoInput));
      const r = await submitRequest({ apartmentId, text, photos }, { ...this.settings, idempotencyKey: key });
      this.#retry.reset();
      this._photos = [];
      this._photoIssues = [];
      this._result = r;
      this.emit('mu-dispatch-request-submitted', {
        requestId: r.id,
        number: r.acknowledgement.number,
        urgency: r.urgency,
      });
    } catch (error) {
      this._failure = toApiError(error);
    } finally {
      this._busy = false;
    }
  }

  #again(): void {
    this._result = null;
    this._failure = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#text')?.focus());
  }

  static override styles = [dispatchStyles, filePickerStyles];
}
