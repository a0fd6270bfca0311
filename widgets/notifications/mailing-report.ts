import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Page } from '../../domain/common/page.ts';
import { CHANNELS, DELIVERY_STATES } from '../../domain/notifications/types.ts';
import { saveFile } from '../core/download.ts';
import { MuElement } from '../core/element.ts';
import { formatDateTime, formatNumber } from '../core/format.ts';
import { labelOf, translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { renderRefusal } from '../core/refusal.ts';
import { tableScroll } from '../core/table-scroll.ts';
import { PendingWrite } from '../core/write.ts';
import {
  getMailingReport,
  getUnreachable,
  getUnreachablePdf,
  listMailings,
  type MailingReport,
  type MailingSummary,
  type UnreachableList,
} from './client.ts';
import { type NotificationMessageKey, notificationMessages } from './messages.ts';
import { notificationStyles } from './styles.ts';

const STATUSES = ['pending', 'done', 'printed', 'skipped', 'given_up'] as const;
const KINDS: Record<string, NotificationMessageKey> = {
  meeting_notice: 'kind_meeting_notice',
  debt_claim: 'kind_debt_claim',
  suspension_notice: 'kind_suspension_notice',
  meeting_reminder: 'kind_meeting_reminder',
  meeting_result: 'kind_meeting_result',
  receipt: 'kind_receipt',
  appeal_update: 'kind_appeal_update',
  contract_update: 'kind_contract_update',
  commissioning_update: 'kind_commissioning_update',
  dispatch_update: 'kind_dispatch_update',
  register_notice: 'kind_register_notice',
  report_reminder: 'kind_report_reminder',
  registry_notice: 'kind_registry_notice',
  test: 'kind_test',
  ballot_receipt: 'kind_ballot_receipt',
};

/**
 * An organization's delivery report for one mailing: its recipients by outcome, its messages by
 * channel and delivery state, and the owners no channel reached (apartment and initials, as on
 * the entrance notice board) with the printable list for that board as a PDF.
 *
 * @element mu-mailing-report
 * @attr mailing-id - The mailing.
 * @attr org-id - Instead of `mailing-id`: the organization, whose latest 100 mailings are offered
 *   in a list, the newest chosen first.
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` when the report cannot be loaded.
 *
 * @csspart card, mailing-select, recipients, by-status, by-channel, unreachable, unreachable-row, pdf-button,
 *   table-scroll, status, error, retry-button
 */
export class MuMailingReport extends MuElement {
  static override properties: PropertyDeclarations = {
    mailingId: { attribute: 'mailing-id' },
    orgId: { attribute: 'org-id' },
    _chosen: { state: true },
  };

  declare mailingId: string | undefined;
  declare orgId: string | undefined;
  declare _chosen: string | undefined;

  #mailings = new KeyedLoader<Page<MailingSummary>>(this, this.reportError);
  #report = new KeyedLoader<MailingReport>(this, this.reportError);
  #unreachable = new KeyedLoader<UnreachableList>(this);
  #pdf = new PendingWrite(this);

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const org = this.mailingId ? undefined : this.orgId || undefined;
    this.#mailings.sync(org && JSON.stringify([apiBase, token, lang, org]), token, (signal) =>
      listMailings(org!, { apiBase, token, lang, signal }),
    );
    const id = this.mailingId || (org ? (this._chosen ?? this.#mailings.value?.items[0]?.id) : undefined);
    this.#report.sync(id && JSON.stringify([apiBase, token, id]), token, (signal) =>
      getMailingReport(id!, { apiBase, token, lang, signal }),
    );
    const building = this.#report.state.kind === 'ready' ? this.#report.value?.buildingId : null;
    this.#unreachable.sync(
      building ? JSON.stringify([apiBase, token, lang, building]) : undefined,
      token,
      (signal) => getUnreachable(building!, { apiBase, token, lang, signal }),
    );
  }

  #t = (key: NotificationMessageKey, params?: Record<string, string | number>): string =>
    translate(notificationMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const report = () =>
      this.#report.state.kind === 'idle'
        ? html`<p part="status" class="muted">${this.#t(this.orgId ? 'noMailings' : 'pickMailing')}</p>`
        : renderLoaded(lang, this.#report, (r) => this.#renderReport(r), {
            forbidden: this.#t('mailingForbidden'),
            notFound: this.#t('mailingNotFound'),
          });
    const body =
      !this.mailingId && this.orgId
        ? renderLoaded(lang, this.#mailings, (list) => html`${this.#renderChoice(list)}${report()}`)
        : report();
    return html`<section part="card" class="card" aria-labelledby="report-title">
      <h2 id="report-title">${this.#t('reportTitle')}</h2>
      ${body}
    </section>`;
  }

  #renderChoice(list: Page<MailingSummary>): TemplateResult | typeof nothing {
    if (list.items.length === 0) return nothing;
    const lang = this.settings.lang;
    const chosen = this._chosen ?? list.items[0]?.id;
    return html`<div>
      <label for="mailing">${this.#t('mailing')}</label>
      <select id="mailing" part="mailing-select" @change=${(e: Event) => {
        this._chosen = (e.target as HTMLSelectElement).value;
      }}>
        ${list.items.map(
          (m) =>
            html`<option value=${m.id} ?selected=${m.id === chosen}>${formatDateTime(lang, m.createdAt)} · ${m.subject}</option>`,
        )}
      </select>
    </div>`;
  }

  #renderReport(r: MailingReport): TemplateResult {
    const lang = this.settings.lang;
    const n = (v: number | undefined) => formatNumber(lang, v ?? 0, 0);
    const channels = CHANNELS.filter((c) => Object.keys(r.byChannel[c] ?? {}).length > 0);
    return html`<p class="muted" data-kind=${r.kind}>${this.#t('reportKind', { kind: labelOf(this.#t, KINDS, r.kind) })}</p>
      <p part="recipients" data-count=${r.messages}><strong>${this.#t('recipients')}:</strong> ${n(r.messages)}</p>
      <h3>${this.#t('byStatus')}</h3>
      ${tableScroll(
        this.#t('byStatus'),
        html`<table part="by-status">
          <tbody>
            ${STATUSES.filter((s) => r.byStatus[s]).map(
              (s) =>
                html`<tr data-status=${s}><th scope="row">${this.#t(`status_${s}`)}</th><td class="n">${n(r.byStatus[s])}</td></tr>`,
            )}
          </tbody>
        </table>`,
      )}
      <h3>${this.#t('byChannel')}</h3>
      ${
        channels.length === 0
          ? html`<p class="muted">${this.#t('none')}</p>`
          : tableScroll(
              this.#t('byChannel'),
              html`<table part="by-channel">
                <thead>
                  <tr><th scope="col">${this.#t('channel')}</th>${DELIVERY_STATES.map((s) => html`<th scope="col">${this.#t(`state_${s}`)}</th>`)}</tr>
                </thead>
                <tbody>
                  ${channels.map(
                    (c) => html`<tr data-channel=${c}>
                      <th scope="row">${this.#t(`channel_${c}`)}</th>
                      ${DELIVERY_STATES.map((s) => html`<td class="n" data-state=${s}>${n(r.byChannel[c]?.[s])}</td>`)}
                    </tr>`,
                  )}
                </tbody>
              </table>`,
            )
      }
      <h3>${this.#t('unreachableTitle')}</h3>
      ${r.buildingId ? this.#renderUnreachable(r.mailingId, r.buildingId) : html`<p class="muted">${this.#t('noBuilding')}</p>`}`;
  }

  #renderUnreachable(mailingId: string, buildingId: string): TemplateResult {
    const lang = this.settings.lang;
    return renderLoaded(lang, this.#unreachable, (list) => {
      const lines = list.sections.filter((s) => s.mailingId === mailingId).flatMap((s) => s.lines);
      return html`<div part="unreachable" data-count=${lines.length}>
        <p class="hint">${this.#t('unreachableHint')}</p>
        ${
          lines.length === 0
            ? html`<p class="muted">${this.#t('unreachableNone')}</p>`
            : tableScroll(
                this.#t('unreachableTitle'),
                html`<table>
                  <thead><tr><th scope="col">${this.#t('place')}</th><th scope="col">${this.#t('initials')}</th></tr></thead>
                  <tbody>${lines.map((l) => html`<tr part="unreachable-row"><td>${l.place}</td><td translate="no">${l.initials}</td></tr>`)}</tbody>
                </table>`,
              )
        }
        <div class="row">
          <button type="button" class="secondary" part="pdf-button" ?disabled=${this.#pdf.busy} @click=${() => this.#download(buildingId)}>
            ${this.#pdf.busy ? this.#t('downloading') : this.#t('printable')}
          </button>
        </div>
        ${this.#pdf.error ? renderRefusal(lang, this.#pdf.error, () => undefined) : nothing}
      </div>`;
    });
  }

  async #download(buildingId: string): Promise<void> {
    const { apiBase, token, lang } = this.settings;
    const done = await this.#pdf.run(() => getUnreachablePdf(buildingId, { apiBase, token, lang }));
    if (done.ok) saveFile(done.value.bytes as BlobPart, 'application/pdf', `unreachable-${buildingId}.pdf`);
  }

  static override styles = notificationStyles;
}
