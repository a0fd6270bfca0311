import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { MuElement } from '../core/element.ts';
import { formatDate } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { badgeStyles, baseStyles, disclosureStyles } from '../core/styles.ts';
import { getHistory, type RegisterHistory, STATE_TEXT } from './client.ts';
import { type RegisterMessageKey, registerMessages } from './messages.ts';
import { type OrganizationMessageKey, organizationMessages } from './organization-messages.ts';
import { factRowStyles, registerStatusStyles } from './styles.ts';

/**
 * One organization as the public register holds it: name, TIN, status and since when, the
 * dispatch phone, and its register history behind a disclosure. Owners voting on an item that
 * would choose it see who they are choosing. Public: loads without a token.
 *
 * @element mu-register-organization
 * @attr org-id - The organization.
 * @attr api-base, lang - See configure().
 * @fires mu-error - `detail: { problem }` when it cannot be loaded.
 * @csspart card, status-badge, phone, history-button, history
 */
export class MuRegisterOrganization extends MuElement {
  static override properties: PropertyDeclarations = {
    orgId: { attribute: 'org-id' },
    _open: { state: true },
  };

  declare orgId: string | undefined;
  declare _open: boolean;

  #loader = new KeyedLoader<RegisterHistory>(this, this.reportError);

  constructor() {
    super();
    this._open = false;
  }

  protected override willUpdate(): void {
    const { apiBase, lang } = this.settings;
    const id = this.orgId?.trim();
    // Public: the loader's token gate gets a constant, and no token is sent.
    this.#loader.sync(id ? JSON.stringify([apiBase, lang, id]) : undefined, 'public', (signal) =>
      getHistory(id!, { apiBase, lang, signal }),
    );
  }

  #t(key: OrganizationMessageKey, params?: Record<string, string | number>): string {
    return translate(organizationMessages, this.settings.lang, key, params);
  }

  #r(key: RegisterMessageKey): string {
    return translate(registerMessages, this.settings.lang, key);
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.orgId?.trim()) return nothing;
    return html`${renderLoaded(this.settings.lang, this.#loader, (h) => this.#renderCard(h))}`;
  }

  #renderCard({ organization: o }: RegisterHistory): TemplateResult {
    const { apiBase, lang } = this.settings;
    const status = STATE_TEXT[o.registerStatus];
    return html`<section part="card" class="card" aria-label=${this.#t('cardLabel', { name: o.name })}
        data-org-id=${o.id} data-status=${o.registerStatus}>
      <div class="name">${o.name}</div>
      <dl>
        <div><dt>${this.#t('tin')}</dt><dd class="tin">${o.tin}</dd></div>
        <div>
          <dt>${this.#t('status')}</dt>
          <dd>
            <span part="status-badge" class="badge ${o.registerStatus}">${status ? this.#r(status) : ''}</span>
            ${o.since ? html`<span class="muted">${this.#t('since')} ${formatDate(o.since)}</span>` : nothing}
          </dd>
        </div>
        <div>
          <dt>${this.#t('dispatch')}</dt>
          <dd>
            ${
              o.dispatchPhone
                ? html`<a part="phone" href="tel:${o.dispatchPhone.replace(/[^\d+]/g, '')}">${o.dispatchPhone}</a>`
                : html`<span class="muted">${this.#t('noPhone')}</span>`
            }
          </dd>
        </div>
      </dl>
      <p class="muted verdict">${this.#t(o.registerStatus === 'registered' ? 'selectable' : 'notSelectable')}</p>
      <button type="button" part="history-button" class="secondary" aria-expanded=${this._open ? 'true' : 'false'}
        aria-controls="history" @click=${() => {
          this._open = !this._open;
        }}>${this.#t('history')}</button>
      <div id="history" ?hidden=${!this._open}>
        ${
          this._open
            ? html`<mu-register-history exportparts="history" org-id=${o.id} api-base=${apiBase} lang=${lang}></mu-register-history>`
            : nothing
        }
      </div>
    </section>`;
  }

  static override styles = [
    baseStyles,
    badgeStyles,
    disclosureStyles,
    registerStatusStyles,
    factRowStyles,
    css`
      :host {
        display: block;
      }
      .card {
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius-small, 6px);
        padding: 0.6rem 0.8rem;
        background: var(--mu-color-selected, #f4f7fb);
        overflow-wrap: anywhere;
      }
      .name {
        font-weight: 650;
      }
      dl {
        margin: 0.3rem 0;
        display: grid;
        gap: 0.2rem;
      }
      dl > div {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.5rem;
      }
      .verdict {
        margin: 0.2rem 0 0.4rem;
        font-size: 0.88rem;
      }
    `,
  ];
}
