import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatDateTime } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { problemText, renderLoading, renderProblem } from '../core/problem-view.ts';
import { problemReason } from '../core/refusal.ts';
import { countdown, ReaderClock } from '../core/relative-time.ts';
import { openAttachment, renderAttachmentLinks } from './attachment-links.ts';
import {
  type AppealJson,
  type AppealAttachment as AttachmentJson,
  acceptAnswer,
  acceptAppeal,
  answerAppeal,
  disputeAnswer,
  getAppeal,
} from './client.ts';
import { renderDateFacts } from './dates.ts';
import { actionText, isOpen } from './format.ts';
import { handles, renderHandling } from './handling.ts';
import { type AppealMessageKey, appealMessages } from './messages.ts';
import { appealStyles } from './styles.ts';

type Notice = { kind: 'ok'; key: AppealMessageKey } | { kind: 'error'; error: ApiError } | null;
type Invalid = 'rating' | 'reason' | 'answer' | null;

/**
 * One of the caller's appeals in full: who considers it, the deadline, the text, the answer and the
 * status history. When the API offers `accept_answer` or `dispute`, the applicant rates the answer
 * (1–5) and accepts it, or disputes it with a reason; when it offers `accept` or `answer`, the
 * responsible body takes it into consideration and answers (handling.ts). <mu-my-appeals> and
 * <mu-appeals-board> show one per open "Details" disclosure; a portal may use it alone.
 *
 * @element mu-appeal-details
 * @attr appeal-id - The appeal.
 * @attr staff - Read by a body, not the applicant: "The appeal" rather than "Your appeal".
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-appeal-changed - `detail: { appealId, status }` after any step taken here.
 *
 * @csspart details - The facts. @csspart answer - The answer. @csspart timeline - The history.
 * @csspart accept-form, accept-button - Rate and accept. @csspart dispute-form, dispute-button - Dispute.
 * @csspart take-up-button - Take into consideration. @csspart answer-form, answer-button - Answer.
 * @csspart action-status - The outcome (a live region). @csspart status, error, retry-button - Loading.
 */
export class MuAppealDetails extends MuElement {
  static override properties: PropertyDeclarations = {
    appealId: { attribute: 'appeal-id' },
    staff: { type: Boolean },
    _busy: { state: true },
    _notice: { state: true },
    _invalid: { state: true },
  };

  declare appealId: string | undefined;
  declare staff: boolean;
  declare _busy: boolean;
  declare _notice: Notice;
  declare _invalid: Invalid;

  #appeal = new KeyedLoader<AppealJson>(this);
  #clock = new ReaderClock(this);
  #retry = new RetryKey();

  constructor() {
    super();
    this.staff = false;
    this._busy = false;
    this._notice = null;
    this._invalid = null;
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const id = this.appealId?.trim();
    this.#appeal.sync(id ? JSON.stringify([apiBase, token, id]) : undefined, token, (signal) =>
      getAppeal(id!, { apiBase, token, lang, signal }),
    );
  }

  #t = (key: AppealMessageKey, params?: Record<string, string | number>): string =>
    translate(appealMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const state = this.#appeal.state;
    const a = this.#appeal.value;
    if (state.kind === 'error') return renderProblem(lang, state.error, () => this.#appeal.reload());
    if (!a) return renderLoading(lang);
    return html`${this.#renderFacts(a)} ${this.#renderTexts(a)} ${this.#renderTimeline(a)}
      ${this.#renderActions(a)}
      <div part="action-status" class="action-status" role="status" aria-live="polite">
        ${this.#renderNotice()}
      </div>`;
  }

  #renderFacts(a: AppealJson): TemplateResult {
    const due = isOpen(a.status) ? countdown(this.settings.lang, a.dueAt, this.#clock.now) : null;
    return html`<dl part="details" class="facts">
      <div><dt>${this.#t('responsible')}</dt><dd>${a.responsible.name}</dd></div>
      ${renderDateFacts(
        this.#t,
        a.dates,
        html`${a.extended ? html`<span class="muted">(${this.#t('extended')})</span>` : nothing}
        ${due ? html`<br /><span class="countdown ${due.overdue ? 'overdue' : ''}">${due.overdue ? '⚠ ' : ''}${due.text}</span>` : nothing}`,
      )}
      ${a.rating ? html`<div><dt>${this.#t('rate')}</dt><dd>${this.#t('yourRating', { n: a.rating })}</dd></div>` : nothing}
    </dl>`;
  }

  #renderTexts(a: AppealJson): TemplateResult {
    const lang = this.settings.lang;
    const files = a.attachments.filter((f) => f.part !== 'answer');
    return html`<h4>${this.#t(this.staff || handles(a) ? 'appealText' : 'yourText')}</h4>
      <p class="quote">${a.text}</p>
      ${renderAttachmentLinks(this.#t('attachments'), lang, files, (f) => this.#open(f))}
      ${
        a.answer
          ? html`<section part="answer" aria-labelledby="answer-title">
              <h4 id="answer-title">${this.#t('answer')}</h4>
              <p class="quote">${a.answer.text}</p>
              <p class="muted">
                ${this.#t('answerBy', { name: a.answer.by.name, date: formatDateTime(lang, a.answer.answeredAt) })}
              </p>
              ${renderAttachmentLinks(
                this.#t('attachments'),
                lang,
                a.attachments.filter((f) => f.part === 'answer'),
                (f) => this.#open(f),
              )}
            </section>`
          : nothing
      }`;
  }

  #renderTimeline(a: AppealJson): TemplateResult {
    const lang = this.settings.lang;
    return html`<section part="timeline" class="timeline" aria-labelledby="timeline-title">
      <h4 id="timeline-title">${this.#t('timeline')}</h4>
      <ol>
        ${a.timeline.map(
          (e) => html`<li data-action=${e.action}>
            <time datetime=${e.at}>${formatDateTime(lang, e.at)}</time> —
            <span class="action">${actionText(this.#t, e.action)}</span>
            <span class="muted">(${e.actor.kind === 'user' ? e.actor.name : this.#t('system')}; ${e.responsible.name})</span>
            ${e.note ? html`<div class="muted">${e.note}</div>` : nothing}
          </li>`,
        )}
      </ol>
    </section>`;
  }

  #renderActions(a: AppealJson): TemplateResult | typeof nothing {
    const canAccept = a.availableActions.includes('accept_answer');
    const canDispute = a.availableActions.includes('dispute');
    const busy = this._busy;
    const handling = renderHandling(this.#t, a, {
      busy,
      answerMissing: this._invalid === 'answer',
      onTakeUp: () => this.#takeUp(a),
      onAnswer: (e) => this.#answer(e, a),
    });
    return html`${handling} ${
      canAccept
        ? html`<form part="accept-form" @submit=${(e: SubmitEvent) => this.#accept(e, a)}>
            <fieldset aria-describedby=${this._invalid === 'rating' ? 'rating-error' : nothing}>
              <legend>${this.#t('rate')}</legend>
              <div class="choices">
                ${[1, 2, 3, 4, 5].map(
                  (n) =>
                    html`<label><input type="radio" name="rating" value=${n} /> ${this.#t('stars', { n })}</label>`,
                )}
              </div>
              ${this._invalid === 'rating' ? html`<p id="rating-error" class="field-error" role="alert">${this.#t('ratingRequired')}</p>` : nothing}
            </fieldset>
            <button type="submit" part="accept-button" ?disabled=${busy}>${this.#t('acceptAnswer')}</button>
          </form>`
        : nothing
    }
    ${
      canDispute
        ? html`<form part="dispute-form" @submit=${(e: SubmitEvent) => this.#dispute(e, a)}>
            <div class="field">
              <label class="title" for="reason">${this.#t('disputeReason')}</label>
              <textarea
                id="reason"
                name="reason"
                aria-invalid=${this._invalid === 'reason' ? 'true' : 'false'}
                aria-describedby=${this._invalid === 'reason' ? 'reason-error reason-hint' : 'reason-hint'}
              ></textarea>
              ${
                a.answer
                  ? html`<span id="reason-hint" class="hint muted">
                      ${this.#t('disputeUntil', { date: formatDateTime(this.settings.lang, a.answer.disputeEndsAt) })}
                    </span>`
                  : nothing
              }
              ${this._invalid === 'reason' ? html`<p id="reason-error" class="field-error" role="alert">${this.#t('reasonRequired')}</p>` : nothing}
            </div>
            <button type="submit" part="dispute-button" class="secondary" ?disabled=${busy}>${this.#t('dispute')}</button>
          </form>`
        : nothing
    }`;
  }

  async #open(file: AttachmentJson): Promise<void> {
    try {
      await openAttachment(file, this.settings);
    } catch (error) {
      this._notice = { kind: 'error', error: toApiError(error) };
    }
  }

  #renderNotice(): TemplateResult | typeof nothing {
    const n = this._notice;
    if (!n) return nothing;
    if (n.kind === 'ok') return html`<p class="ok">${this.#t(n.key)}</p>`;
    const s = n.error.status;
    const reason =
      s === 400 || s === 409 || s === 422
        ? problemReason(n.error, this.settings.lang)
        : problemText(this.settings.lang, n.error);
    return html`<p class="error">${this.#t('actionFailed', { reason })}</p>`;
  }

  #accept(event: SubmitEvent, a: AppealJson): void {
    event.preventDefault();
    const rating = Number(new FormData(event.target as HTMLFormElement).get('rating'));
    if (!(rating >= 1 && rating <= 5)) {
      this._invalid = 'rating';
      return;
    }
    void this.#act(a, 'accepted', `acceptance:${rating}`, (key) =>
      acceptAnswer(a.id, rating, { ...this.settings, idempotencyKey: key }),
    );
  }

  #takeUp(a: AppealJson): void {
    void this.#act(a, 'takenUp', 'accept', (key) =>
      acceptAppeal(a.id, { ...this.settings, idempotencyKey: key }),
    );
  }

  #answer(event: SubmitEvent, a: AppealJson): void {
    event.preventDefault();
    const text = String(new FormData(event.target as HTMLFormElement).get('text') ?? '').trim();
    if (!text) {
      this._invalid = 'answer';
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('#answer-text')?.focus(),
      );
      return;
    }
    void this.#act(a, 'answerSent', `answer:${text}`, (key) =>
      answerAppeal(a.id, text, { ...this.settings, idempotencyKey: key }),
    );
  }

  #dispute(event: SubmitEvent, a: AppealJson): void {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!reason) {
      this._invalid = 'reason';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#reason')?.focus());
      return;
    }
    void this.#act(a, 'disputed', `dispute:${reason}`, (key) =>
      disputeAnswer(a.id, reason, { ...this.settings, idempotencyKey: key }),
    );
  }

  async #act(
    a: AppealJson,
    done: AppealMessageKey,
    fingerprint: string,
    send: (key: string) => Promise<AppealJson>,
  ): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._invalid = null;
    this._notice = null;
    try {
      const next = await send(this.#retry.for(`${a.id}:${fingerprint}`));
      this.#retry.reset();
      this.#appeal.set(next);
      this._notice = { kind: 'ok', key: done };
      this.emit('mu-appeal-changed', { appealId: next.id, status: next.status });
    } catch (error) {
      this._notice = { kind: 'error', error: toApiError(error) };
    } finally {
      this._busy = false;
    }
  }

  static override styles = appealStyles;
}
