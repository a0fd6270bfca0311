import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { dayName, money } from '../../domain/billing/receipt-document.ts';
import type { ViolationView } from '../../domain/billing/reconciliation.ts';
import { MuElement } from '../core/element.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { badgeStyles } from '../core/styles.ts';
import { violations } from './client.ts';
import { type BillingMessageKey, billingMessages } from './messages.ts';
import { billingStyles } from './styles.ts';

/**
 * The accounting-violation cases the daily reconciliation opened for a building (an income on the
 * books no money backs, money that came in with no income on the books), open first as the API
 * gives them, each kind, source and status in words, with the resolution's note once resolved.
 *
 * @element mu-billing-violations
 * @attr building-id - The building. @attr api-base, token, lang - See configure().
 *
 * @csspart violations, violation, status, error, retry-button
 */
export class MuBillingViolations extends MuElement {
  static override properties: PropertyDeclarations = { buildingId: { attribute: 'building-id' } };

  declare buildingId: string | undefined;

  #list = new KeyedLoader<{ items: ViolationView[] }>(this, this.reportError);

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.buildingId?.trim();
    const key = id ? JSON.stringify([s.apiBase, s.token, id]) : undefined;
    this.#list.sync(key, s.token, (signal) => violations(id ?? '', { ...s, signal }));
  }

  #t = (key: BillingMessageKey, params?: Record<string, string | number>): string =>
    translate(billingMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    return html`<section aria-labelledby="violations-title">
      <h3 id="violations-title">${this.#t('violationsTitle')}</h3>
      ${renderLoaded(
        this.settings.lang,
        this.#list,
        (list) =>
          list.items.length === 0
            ? html`<p part="status" class="muted">${this.#t('noViolations')}</p>`
            : html`<ul part="violations" class="rows">${list.items.map((v) => this.#violation(v))}</ul>`,
        { notFound: this.#t('sectionUnavailable') },
      )}
    </section>`;
  }

  #violation(v: ViolationView): TemplateResult {
    const lang = this.settings.lang;
    return html`<li part="violation" data-id=${v.id} data-status=${v.status}>
      <span class="grow">
        <strong>${this.#t(`violation_${v.kind}`)}</strong><br />
        <span class="muted small"
          >${this.#t(`source_${v.source}`)} · ${this.#t('occurredOn')}: ${dayName(v.occurredOn)} ·
          ${this.#t('reference')}: ${v.reference}</span
        >
        ${v.note ? html`<br /><span class="small">${this.#t('resolution', { note: v.note })}</span>` : nothing}
      </span>
      <span class="amount">${money(lang, v.amount)}</span>
      <span class="badge">${this.#t(`vstatus_${v.status}`)}</span>
    </li>`;
  }

  static override styles = [...billingStyles, badgeStyles];
}
