import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { openLink } from '../core/navigate.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { problemReason } from '../core/refusal.ts';
import { ReaderClock } from '../core/relative-time.ts';
import { type DispatchRequestView, listMyRequests, type ResidentStep, takeStep } from './client.ts';
import { type DispatchMessageKey, dispatchMessages } from './messages.ts';
import { dispatchStyles } from './styles.ts';
import { renderTimeline } from './timeline.ts';

type Notice = { id: string; ok: DispatchMessageKey } | { id: string; error: ApiError } | null;
type Invalid = { id: string; field: 'reason' | 'rating' } | null;

/**
 * The caller's own requests to the dispatch service, newest first: number, kind of problem,
 * urgency and status in words, what they wrote, and each request's progress (every step with its
 * time). When the technician has finished, the resident confirms the work or rejects it with what
 * is still wrong (which reopens the request); after confirming, rates it 1–5. Each step has its
 * own Idempotency-Key, the same for a retry. Loads again each minute, and when
 * <mu-dispatch-request> on the same page registers a new request.
 *
 * @element mu-dispatch-requests
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` when the list cannot be loaded.
 * @fires mu-dispatch-request-changed - `detail: { requestId, status }` after a step taken here.
 *
 * @csspart card - The box. @csspart list - The requests. @csspart request - One request.
 * @csspart request-number - Its number. @csspart urgency - Its urgency. @csspart status-badge - Its status.
 * @csspart timeline - Its steps. @csspart confirm-button - Confirm the work.
 * @csspart reject-form, reject-button - Reject with a reason. @csspart rate-form, rate-button - Rate.
 * @csspart action-status - The outcome of a step (a live region). @csspart status, error, retry-button - Loading.
 */
export class MuDispatchRequests extends MuElement {
  static override properties: PropertyDeclarations = {
    _busy: { state: true },
    _notice: { state: true },
    _invalid: { state: true },
  };

  declare _busy: string | null;
  declare _notice: Notice;
  declare _invalid: Invalid;

  #list = new KeyedLoader<{ items: DispatchRequestView[] }>(this, this.reportError);
  #retry = new RetryKey();
  #clock = new ReaderClock(this);
  #minute = 0;
  #onSubmitted = () => this.#list.reload();

  constructor() {
    super();
    this._busy = null;
    this._notice = null;
    this._invalid = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('mu-dispatch-request-submitted', this.#onSubmitted);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('mu-dispatch-request-submitted', this.#onSubmitted);
  }

  /** Loads the list again. */
  refresh(): void {
    this.#list.reload();
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    // Asked again each minute, so the technician's progress shows without a reload; never in the
    // middle of a step.
    if (!this._busy) this.#minute = this.#clock.now;
    this.#list.sync(JSON.stringify([apiBase, token, this.#minute]), token, (signal) =>
      listMyRequests({ apiBase, token, lang, signal }),
    );
  }

  #t = (key: DispatchMessageKey, params?: Record<string, string | number>): string =>
    translate(dispatchMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const body = renderLoaded(lang, this.#list, ({ items }) =>
      items.length === 0
        ? html`<p part="status" class="muted">${this.#t('noRequests')}</p>`
        : html`<ul part="list" class="items">
            ${items.map((r) => this.#renderRequest(r))}
          </ul>`,
    );
    return html`<section
      part="card"
      class="card"
      aria-labelledby="my-title"
      aria-busy=${this.#list.state.kind === 'loading' ? 'true' : 'false'}
    >
      <h2 id="my-title">${this.#t('myTitle')}</h2>
      ${body}
    </section>`;
  }

  #renderRequest(r: DispatchRequestView): TemplateResult {
    const lang = this.settings.lang;
    const notice = this._notice?.id === r.id ? this._notice : null;
    return html`<li part="request" class="item ${r.urgency}" data-request-id=${r.id}>
      <div class="summary">
        <span part="request-number" class="number">${this.#t('number', { number: r.number })}</span>
        <span>${this.#t(`cat_${r.category}`)}</span>
        <span part="urgency" class="urgency ${r.urgency}" data-urgency=${r.urgency}
          >${this.#t(`urgency_${r.urgency}`)}</span
        >
        <span part="status-badge" class="badge" data-status=${r.status}>${this.#t(`status_${r.status}`)}</span>
        ${r.rating ? html`<span class="muted">${this.#t('yourRating', { n: r.rating })}</span>` : nothing}
        ${openLink(this, lang, 'request', r.id, this.#t('number', { number: r.number }))}
      </div>
      <details class="said">
        <summary>${this.#t('yourText')}</summary>
        <p class="quote" translate="no">${r.text}</p>
      </details>
      ${renderTimeline(this.#t, lang, r.steps, `timeline-${r.id}`)}
      ${this.#renderActions(r)}
      <div part="action-status" role="status" aria-live="polite">
        ${
          notice && 'ok' in notice
            ? html`<p class="ok">${this.#t(notice.ok)}</p>`
            : notice && 'error' in notice
              ? html`<p class="error">${this.#t('actionFailed', { reason: problemReason(notice.error, lang) })}</p>`
              : nothing
        }
      </div>
    </li>`;
  }

  #renderActions(r: DispatchRequestView): TemplateResult | typeof nothing {
    const can = (a: string) => r.availableActions.includes(a as never);
    const busy = this._busy === r.id;
    const invalid = (f: 'reason' | 'rating') => this._invalid?.id === r.id && this._invalid.field === f;
    const decide =
      can('confirm') || can('reject')
        ? html`<h4>${this.#t('confirmTitle')}</h4>
            ${
              can('confirm')
                ? html`<p>
                    <button
                      type="button"
                      part="confirm-button"
                      class="big"
                      ?disabled=${busy}
                      @click=${() => this.#act(r, 'confirmed', { type: 'confirm' })}
                    >
                      ${this.#t('confirmWork')}
                    </button>
                  </p>`
                : nothing
            }
            ${
              can('reject')
                ? html`<form part="reject-form" novalidate @submit=${(e: SubmitEvent) => this.#reject(e, r)}>
                    <div class="field">
                      <label for="reason-${r.id}">${this.#t('rejectReason')}</label>
                      <textarea
                        id="reason-${r.id}"
                        name="reason"
                        maxlength="2000"
                        aria-invalid=${invalid('reason') ? 'true' : 'false'}
                      ></textarea>
                      ${invalid('reason') ? html`<p class="error" role="alert">${this.#t('reasonRequired')}</p>` : nothing}
                    </div>
                    <button type="submit" part="reject-button" class="secondary" ?disabled=${busy}>
                      ${this.#t('rejectWork')}
                    </button>
                  </form>`
                : nothing
            }`
        : nothing;
    const rate = can('rate')
      ? html`<form part="rate-form" novalidate @submit=${(e: SubmitEvent) => this.#rate(e, r)}>
          <fieldset>
            <legend>${this.#t('rateTitle')}</legend>
            <div class="choices">
              ${[1, 2, 3, 4, 5].map(
                (n) =>
                  html`<label><input type="radio" name="rating" value=${n} /> ${this.#t('stars', { n })}</label>`,
              )}
            </div>
            ${invalid('rating') ? html`<p class="error" role="alert">${this.#t('ratingRequired')}</p>` : nothing}
          </fieldset>
          <p><button type="submit" part="rate-button" ?disabled=${busy}>${this.#t('sendRating')}</button></p>
        </form>`
      : nothing;
    return decide === nothing && rate === nothing ? nothing : html`${decide}${rate}`;
  }

  #reject(event: SubmitEvent, r: DispatchRequestView): void {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!reason) {
      this._invalid = { id: r.id, field: 'reason' };
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`#reason-${r.id}`)?.focus(),
      );
      return;
    }
    void this.#act(r, 'rejected', { type: 'reject', reason });
  }

  #rate(event: SubmitEvent, r: DispatchRequestView): void {
    event.preventDefault();
    const rating = Number(new FormData(event.target as HTMLFormElement).get('rating') ?? 0);
    if (!rating) {
      this._invalid = { id: r.id, field: 'rating' };
      return;
    }
    void this.#act(r, 'rated', { type: 'rate', rating });
  }

  async #act(r: DispatchRequestView, ok: DispatchMessageKey, step: ResidentStep): Promise<void> {
    if (this._busy) return;
    this._busy = r.id;
    this._invalid = null;
    this._notice = null;
    try {
      const key = this.#retry.for(`${r.id}:${JSON.stringify(step)}`);
      const next = await takeStep(r.id, step, { ...this.settings, idempotencyKey: key });
      this.#retry.reset();
      const list = this.#list.value;
      if (list) this.#list.set({ items: list.items.map((x) => (x.id === next.id ? next : x)) });
      this._notice = { id: r.id, ok };
      this.emit('mu-dispatch-request-changed', { requestId: next.id, status: next.status });
    } catch (error) {
      this._notice = { id: r.id, error: toApiError(error) };
    } finally {
      this._busy = null;
    }
  }

  static override styles = dispatchStyles;
}
