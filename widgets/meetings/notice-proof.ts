import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { MuElement } from '../core/element.ts';
import { formatDateTime } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { renderLoading, renderProblem } from '../core/problem-view.ts';
import { baseStyles } from '../core/styles.ts';
import { getNoticeProof, type NoticeProofView, type OwnerNoticeDelivery } from './client.ts';
import { type NoticeProofMessageKey, noticeProofMessages } from './notice-proof-messages.ts';
import { staffStyles } from './staff-styles.ts';

const PAGE = 50;
const STATUSES = ['done', 'pending', 'printed', 'given_up', 'skipped'] as const;
const CHANNELS = ['telegram', 'sms', 'email'] as const;
const STATES = ['delivered', 'sent', 'queued', 'failed', 'bounced'] as const;

/**
 * The meeting's proof of notice, for its initiator, the district's council and inspection: how
 * many owners were notified, by status and by channel, and per owner which channel carried the
 * notice, in which state and when. Anyone else gets the API's refusal, which the element hides
 * itself for (attribute `empty`), so a portal may place it on every staff page.
 *
 * @element mu-meeting-notice-proof
 * @attr meeting-id - The meeting.
 * @attr heading-level - Level of its heading (1–6, default 3).
 * @attr api-base, token, lang - As every widget.
 * @csspart notice-proof - The section.
 */
export class MuMeetingNoticeProof extends MuElement {
  static override properties: PropertyDeclarations = {
    meetingId: { attribute: 'meeting-id' },
    headingLevel: { attribute: 'heading-level', type: Number },
    _after: { state: true },
  };

  declare meetingId: string | undefined;
  declare headingLevel: number;
  /** The page's cursor: null for the first. */
  declare _after: string | null;

  readonly #proof = new KeyedLoader<NoticeProofView>(this);

  constructor() {
    super();
    this.headingLevel = 3;
    this._after = null;
  }

  protected override willUpdate(): void {
    const { apiBase, token } = this.settings;
    const id = this.meetingId?.trim();
    const after = this._after;
    this.#proof.sync(id ? JSON.stringify([apiBase, token, id, after]) : undefined, token, (signal) =>
      getNoticeProof(id!, { after, limit: PAGE }, { ...this.settings, signal }),
    );
  }

  protected override updated(): void {
    const s = this.#proof.state;
    this.toggleAttribute('empty', s.kind === 'error' && s.error.status === 403);
  }

  #t(key: NoticeProofMessageKey, params?: Record<string, string | number>): string {
    return translate(noticeProofMessages, this.settings.lang, key, params);
  }

  #delivery(o: OwnerNoticeDelivery): TemplateResult {
    if (o.deliveries.length === 0)
      return html`<span class="muted">${this.#t(o.status === 'printed' ? 'status_printed' : 'noDelivery')}</span>`;
    return html`${o.deliveries.map(
      (d) => html`<div>
        ${this.#t(`channel_${d.channel}` as NoticeProofMessageKey)}:
        ${this.#t(`state_${d.state}` as NoticeProofMessageKey)}
        <span class="muted">${formatDateTime(this.settings.lang, d.deliveredAt ?? d.sentAt ?? d.queuedAt)}</span>
      </div>`,
    )}`;
  }

  override render(): TemplateResult | typeof nothing {
    const s = this.#proof.state;
    if (s.kind === 'error')
      return s.error.status === 403
        ? nothing
        : renderProblem(this.settings.lang, s.error, () => this.#proof.reload());
    const v = this.#proof.value;
    if (!v) return this.meetingId ? renderLoading(this.settings.lang) : nothing;
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 3));
    return html`<section part="notice-proof" class="card" aria-labelledby="proof-title">
      <div id="proof-title" class="heading" role="heading" aria-level=${level}>${this.#t('title')}</div>
      ${
        v.messages === 0
          ? html`<p class="muted">${this.#t('none')}</p>`
          : html`<p>${this.#t('owners', { n: v.messages })}</p>
            <ul class="counts">
              ${STATUSES.filter((k) => v.byStatus[k]).map(
                (k) => html`<li>${this.#t(`status_${k}`)}: ${v.byStatus[k]}</li>`,
              )}
            </ul>
            <ul class="counts">
              ${CHANNELS.filter((c) => Object.keys(v.byChannel[c] ?? {}).length).map(
                (c) => html`<li>${this.#t(`channel_${c}`)}:
                  ${STATES.filter((st) => v.byChannel[c]?.[st])
                    .map((st) => `${this.#t(`state_${st}`)} ${v.byChannel[c]![st]}`)
                    .join(', ')}</li>`,
              )}
            </ul>
            <div class="scroll">
              <table>
                <thead><tr><th>${this.#t('owner')}</th><th>${this.#t('apartment')}</th><th>${this.#t('delivery')}</th></tr></thead>
                <tbody>
                  ${v.items.map(
                    (o) => html`<tr>
                      <td translate="no">${o.fullName}</td><td>${o.place ?? ''}</td><td>${this.#delivery(o)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <div class="row">
              ${
                this._after
                  ? html`<button type="button" class="secondary" @click=${() => {
                      this._after = null;
                    }}>${this.#t('first')}</button>`
                  : nothing
              }
              ${
                v.next
                  ? html`<button type="button" class="secondary" @click=${() => {
                      this._after = v.next;
                    }}>${this.#t('more')}</button>`
                  : nothing
              }
            </div>`
      }
    </section>`;
  }

  static override styles = [
    baseStyles,
    staffStyles,
    css`
      :host([empty]) {
        display: none;
      }
      .counts {
        margin: 0.25rem 0;
        padding-left: 1.25rem;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        text-align: start;
        padding: 0.25rem 0.5rem 0.25rem 0;
        vertical-align: top;
        overflow-wrap: anywhere;
      }
      .muted {
        color: var(--mu-muted, #555);
      }
    `,
  ];
}
