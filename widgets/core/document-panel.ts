// The document a person is about to sign, shown in the widget itself: the exact bytes that will be
// signed, rendered in a scrollable frame, and their SHA-256, which the signature and the server's
// record both name. HTML is framed sandboxed (no scripts, no requests, nothing of our origin); a PDF
// (a meeting's protocol) goes to the browser's own viewer, which a sandbox would block.
import { css, html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { defineElement } from './define.ts';
import { resolveLanguage, translate } from './i18n.ts';
import { type ReviewMessageKey, reviewMessages } from './review-messages.ts';
import { baseStyles } from './styles.ts';

/**
 * @element mu-document-panel
 * @prop bytes - The document's bytes (UTF-8 HTML), exactly as they will be signed.
 * @prop sha256 - Their SHA-256, hex, already checked by the caller.
 * @csspart document, frame, hash
 */
export class MuDocumentPanel extends LitElement {
  static override properties: PropertyDeclarations = {
    bytes: { attribute: false },
    sha256: {},
    type: {},
    lang: { reflect: true },
  };

  declare bytes: Uint8Array | null;
  declare sha256: string;
  /** `text/html` (the default) or `application/pdf`. */
  declare type: string;
  declare lang: string;

  #url: string | null = null;
  #urlOf: Uint8Array | null = null;

  constructor() {
    super();
    this.bytes = null;
    this.sha256 = '';
    this.type = 'text/html';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#revoke();
  }

  #revoke(): void {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#url = null;
    this.#urlOf = null;
  }

  /** A PDF's object URL, made once per bytes and revoked when they change or the panel goes. */
  #pdfUrl(bytes: Uint8Array): string {
    if (this.#urlOf !== bytes || !this.#url) {
      this.#revoke();
      this.#url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
      this.#urlOf = bytes;
    }
    return this.#url;
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.bytes) return nothing;
    const lang = resolveLanguage(this.getAttribute('lang'));
    const t = (key: ReviewMessageKey) => translate(reviewMessages, lang, key);
    const frame =
      this.type === 'application/pdf'
        ? html`<iframe part="frame" title=${t('documentTitle')} src=${this.#pdfUrl(this.bytes)}></iframe>`
        : // Decoded for display only: the signature is made over `bytes`, never over this string.
          html`<iframe part="frame" title=${t('documentTitle')} sandbox="" referrerpolicy="no-referrer"
            .srcdoc=${new TextDecoder('utf-8').decode(this.bytes)}></iframe>`;
    return html`<section part="document" aria-labelledby="document-title">
      <h4 id="document-title">${t('documentTitle')}</h4>
      ${frame}
      <p class="hash" part="hash">${t('documentHash')} <code data-sha256=${this.sha256}>${this.sha256}</code></p>
    </section>`;
  }

  static override styles = [
    baseStyles,
    css`
      h4 {
        margin: 0.5rem 0;
      }
      iframe {
        display: block;
        width: 100%;
        height: min(28rem, 60vh);
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius-small, 6px);
        background: #fff;
      }
      .hash {
        font-size: 0.85em;
        overflow-wrap: anywhere;
      }
      code {
        font-family: var(--mu-font-mono, ui-monospace, monospace);
      }
    `,
  ];
}

defineElement('mu-document-panel', MuDocumentPanel);
