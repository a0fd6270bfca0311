import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { dayName, money } from '../../domain/billing/receipt-document.ts';
import { MuElement } from '../core/element.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { badgeStyles } from '../core/styles.ts';
import { type Violation, violations } from './client.ts';
import { type BillingMessageKey, billingMessages } from './messages.ts';
import { billingStyles } from './styles.ts';

const KINDS = [
  'unrecorded_income',
  'unrecorded_revenue',
  'amount_mismatch',
  'unregistered_lease',
  'cash_payment',
  'missing_payment',
] as const;
const SOURCES = ['bank', 'payme', 'click', 'ledger', 'tax'] as const;
const STATUSES = ['open', 'resolved', 'dismissed'] as const;

/** A code in words: its own message when known, else the group's generic word, never the code. */
const word = <T extends string>(known: readonly T[], value: string, prefix: string): BillingMessageKey =>
  ((known as readonly string[]).includes(value)
    ? `${prefix}${value}`
    : `${prefix}other`) as BillingMessageKey;

/**
 * The accounting violations reconciliation found for a building (money that came in or left
 * outside the system's books, amounts that do not match), newest first as the API gives them,
 * each kind, source and status in words.
 *
 * @element mu-billing-violations
 * @attr building-id - The building. @attr api-base, token, lang - See configure().
 *
 * @csspart violations, violation, status, error, retry-button
 */
export class MuBillingViolations extends MuElement {
  static override properties: PropertyDeclarations = { buildingId: { attribute: 'building-id' } };

  declare buildingId: string | undefined;

  #list = new KeyedLoader<{ items: Violation[] }>(this, this.reportError);

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

  #violation(v: Violation): TemplateResult {
    const lang = this.settings.lang;
    return html`<li part="violation" data-id=${v.id} data-status=${v.status}>
      <span class="grow">
        <strong>${this.#t(word(KINDS, v.kind, 'violation_'))}</strong><br />
        <span class="muted small"
          >${this.#t(word(SOURCES, v.source, 'source_'))} · ${this.#t('occurredOn')}: ${dayName(v.occurredOn)}${
            v.reference ? html` · ${this.#t('reference')}: ${v.reference}` : nothing
          }</span
        >
      </span>
      ${v.amount !== null && v.amount !== undefined ? html`<span class="amount">${money(lang, v.amount)}</span>` : nothing}
      <span class="badge">${this.#t(word(STATUSES, v.status, 'vstatus_'))}</span>
    </li>`;
  }

  static override styles = [...billingStyles, badgeStyles];
}
