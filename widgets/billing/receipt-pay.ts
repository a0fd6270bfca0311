import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { money } from '../../domain/billing/receipt-document.ts';
import type { PaymentLinksView } from '../../domain/billing/views.ts';
import { MuElement } from '../core/element.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { paymentLinks } from './client.ts';
import { type BillingMessageKey, billingMessages } from './messages.ts';
import { billingStyles } from './styles.ts';

const PROVIDER_NAMES = { payme: 'Payme', click: 'Click' } as const;

/** Where the provider sends the payer back: this page (a ';' would break Payme's link, so not then). */
const here = () => (location.href.includes(';') ? `${location.origin}${location.pathname}` : location.href);

/**
 * Paying one receipt: a button that asks the API for the providers' checkout links (Payme, Click,
 * or their sandboxes: the platform's configuration decides, never this element) for what the
 * receipt's personal account owes now, and shows them. A link leaves the page for the provider, which sends the
 * payer back here after paying.
 *
 * @element mu-receipt-pay
 * @attr receipt-id - The receipt. @attr number - Its number, for the button's accessible name.
 * @attr api-base, token, lang - See configure().
 *
 * @csspart pay-button, pay-links, pay-link, status, error, retry-button
 */
export class MuReceiptPay extends MuElement {
  static override properties: PropertyDeclarations = {
    receiptId: { attribute: 'receipt-id' },
    number: {},
    _open: { state: true },
  };

  declare receiptId: string | undefined;
  declare number: string | undefined;
  declare _open: boolean;

  #links = new KeyedLoader<PaymentLinksView>(this, this.reportError);

  constructor() {
    super();
    this._open = false;
  }

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.receiptId?.trim();
    const key = this._open && id ? JSON.stringify([s.apiBase, s.token, s.lang, id]) : undefined;
    this.#links.sync(key, s.token, (signal) => paymentLinks(id ?? '', s.lang, here(), { ...s, signal }));
  }

  #t = (key: BillingMessageKey, params?: Record<string, string | number>): string =>
    translate(billingMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    return html`<button
        type="button"
        part="pay-button"
        aria-expanded=${this._open ? 'true' : 'false'}
        aria-controls="links"
        aria-label=${this.#t('payReceipt', { number: this.number ?? '' })}
        @click=${() => {
          this._open = !this._open;
        }}
      >
        ${this.#t('pay')}
      </button>
      <div id="links" ?hidden=${!this._open}>
        ${
          this._open
            ? renderLoaded(lang, this.#links, (v) =>
                v.amount === 0
                  ? html`<p part="status" class="muted small">${this.#t('payNothing')}</p>`
                  : v.links.length === 0
                    ? html`<p part="status" class="muted small">${this.#t('payUnavailable')}</p>`
                    : html`<p class="small">${this.#t('payAmount', { amount: money(lang, v.amount) })}</p>
                        <ul part="pay-links" class="links">
                          ${v.links.map(
                            (l) =>
                              html`<li><a part="pay-link" data-provider=${l.provider} href=${l.url}
                                >${this.#t('payWith', { provider: PROVIDER_NAMES[l.provider] })}</a
                              ></li>`,
                          )}
                        </ul>`,
              )
            : nothing
        }
      </div>`;
  }

  static override styles = [
    ...billingStyles,
    css`
      :host {
        display: block;
      }
      .links {
        list-style: none;
        padding: 0;
        margin: 0.4em 0 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
      }
      .links a {
        display: inline-block;
        padding: 0.45em 0.9em;
        border-radius: 6px;
        background: var(--mu-color-accent, #0b5fa5);
        color: #fff;
        font-weight: 600;
        text-decoration: none;
      }
      .links a:focus-visible {
        outline: 3px solid var(--mu-color-focus, #f2a900);
        outline-offset: 2px;
      }
    `,
  ];
}
