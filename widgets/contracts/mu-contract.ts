import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ApiError, type Problem } from '../core/api.ts';
import { askConfirmation } from '../core/ask-confirmation.ts';
import { documentSha256Hex } from './public.ts';
import '../core/document-panel.ts';
import { MuElement } from '../core/element.ts';
import { formatDay } from '../core/format.ts';
import { labelOf, translate } from '../core/i18n.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { problemText, renderLoaded } from '../core/problem-view.ts';
import { problemReason } from '../core/refusal.ts';
import { type ContractView, documentPath, getContract, getDocumentHtml, getDocumentPdf } from './client.ts';
import { type ContractConfirmKey, contractConfirmMessages } from './confirm-messages.ts';
import { type ContractMessageKey, contractMessages } from './messages.ts';
import { renderParameters, renderSignatures, renderTimeline } from './parts.ts';
import { canSign, DocumentChangedError, readPending, signPending } from './sign.ts';
import { contractStyles } from './styles.ts';
import {
  CHANGE_TEXT,
  KIND_TEXT,
  PARTY_TEXT,
  REASON_TEXT,
  STATE_TEXT,
  TAX_STATUS_TEXT,
} from './vocabulary.ts';

// The text is resolved at render time, so a notice follows a language switch like the rest.
type Notice = { kind: 'ok' | 'error'; text: () => string } | null;
/** The pending document the person has read: its exact bytes, which are what a signature covers. */
type Shown = { sha256: string; bytes: Uint8Array } | null;

/**
 * One contract: number, kind, state, organization, terms, the document (HTML and PDF), the pending
 * change with each party's signature, and the history. When the caller may sign for a party that has
 * not signed yet, a "Sign" button signs the exact pending document with the user's device key.
 *
 * @element mu-contract
 * @attr contract-id - The contract; changing it loads the new one.
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-contract-signed - `detail: { contractId, party }` once the API recorded the signature.
 * @fires mu-error - `detail: { problem }` when the contract cannot be loaded.
 *
 * @csspart card - The outer box. @csspart title - The number. @csspart state-badge - The state
 *   (also `state-active`, …). @csspart parameters - The terms. @csspart document-link - A download.
 * @csspart pending, signatures, signature, signature-status - The document awaiting signatures.
 * @csspart sign-button - Sign. @csspart sign-status - The outcome of signing (a live region).
 * @csspart timeline - The history. @csspart status, error, retry-button - Loading and errors.
 */
export class MuContract extends MuElement {
  static override properties: PropertyDeclarations = {
    contractId: { attribute: 'contract-id' },
    _signing: { state: true },
    _notice: { state: true },
    _shown: { state: true },
    _opening: { state: true },
  };

  declare contractId: string | undefined;
  declare _signing: boolean;
  declare _notice: Notice;
  declare _shown: Shown;
  declare _opening: boolean;

  #contract = new KeyedLoader<ContractView>(this, this.reportError);

  constructor() {
    super();
    this._signing = false;
    this._notice = null;
    this._shown = null;
    this._opening = false;
  }

  /** Loads the contract again (after the portal changed it). */
  refresh(): void {
    this.#contract.reload();
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const id = this.contractId?.trim();
    const key = id ? JSON.stringify([apiBase, token, id]) : undefined;
    if (key !== this.#key) {
      this.#key = key;
      this._notice = null;
      this._shown = null;
    }
    this.#contract.sync(key, token, (signal) => getContract(id!, { apiBase, token, lang, signal }));
  }

  #key: string | undefined;

  #t = (key: ContractMessageKey, params?: Record<string, string | number>): string =>
    translate(contractMessages, this.settings.lang, key, params);

  #c = (key: ContractConfirmKey, params?: Record<string, string | number>): string =>
    translate(contractConfirmMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const state = this.#contract.state;
    const body = renderLoaded(lang, this.#contract, (view) => this.#renderContract(view));
    return html`<article part="card" class="card contract" aria-busy=${state.kind === 'loading'}>${body}</article>`;
  }

  #renderContract(v: ContractView): TemplateResult {
    const t = this.#t;
    const lang = this.settings.lang;
    const tax = v.taxRegistration;
    return html`<header class="header">
        <div>
          <p class="kind muted">${labelOf(t, KIND_TEXT, v.kind)}</p>
          <h2 part="title" class="title">${t('contract')} ${t('number', { number: v.number })}</h2>
        </div>
        <span part="state-badge state-${v.state}" class="badge ${v.state}" data-state=${v.state}
          >${labelOf(t, STATE_TEXT, v.state)}</span
        >
      </header>
      ${v.flagged ? html`<p class="flagged" role="note">${t('flagged', { reason: v.flagged.reason })}</p>` : nothing}
      <dl class="facts">
        <div><dt>${t('organization')}</dt><dd>${v.organization.name}</dd></div>
        <div><dt>${t('owners')}</dt><dd>${v.parties.owners.name}</dd></div>
        <div><dt>${t('counterparty')}</dt><dd>${v.parties.counterparty.name}</dd></div>
        ${v.version > 0 ? html`<div><dt>${t('contract')}</dt><dd>${t('version', { version: v.version })}</dd></div>` : nothing}
        ${
          tax
            ? html`<div data-tax=${tax.status}><dt>${t('taxRegistration')}</dt>
              <dd>${labelOf(t, TAX_STATUS_TEXT, tax.status)}${tax.registrationNumber ? `, ${tax.registrationNumber}` : ''}
                ${tax.status === 'registered' || !tax.deadlineLastDay ? nothing : html`<span class="muted">(${t('taxDeadline', { date: formatDay(tax.deadlineLastDay) })})</span>`}
              </dd></div>`
            : nothing
        }
      </dl>
      <h3>${t('parameters')}</h3>
      ${renderParameters(t, lang, v)} ${this.#renderDocuments(v)} ${renderSignatures(t, lang, v)}
      ${this.#renderSign(v)} ${renderTimeline(t, lang, v.timeline)}`;
  }

  #renderDocuments(v: ContractView): TemplateResult | typeof nothing {
    const sha = v.pending?.documentSha256 ?? v.documentSha256;
    if (!sha) return nothing;
    const href = (format: 'html' | 'pdf') =>
      `${this.settings.apiBase.replace(/\/+$/, '')}${documentPath(v.id, format, sha)}`;
    return html`<p class="documents">
      <span class="muted">${this.#t('documents')}:</span>
      <a part="document-link" href=${href('html')} @click=${(e: Event) => this.#download(e, v, sha, 'html')}
        >${this.#t('documentHtml')}</a
      >
      <a part="document-link" href=${href('pdf')} @click=${(e: Event) => this.#download(e, v, sha, 'pdf')}
        >${this.#t('documentPdf')}</a
      >
    </p>`;
  }

  /** Whether the caller may sign now: the API names the party, and it has not signed this document. */
  #maySign(v: ContractView): boolean {
    const party = v.mySigningParty;
    return Boolean(party && v.pending && !v.pending.signatures.some((s) => s.party === party));
  }

  /** The pending document shown here when read: its bytes in a frame, with their SHA-256. */
  #readSha(v: ContractView): string | null {
    const sha = v.pending?.documentSha256.toLowerCase();
    return sha && this._shown?.sha256 === sha ? sha : null;
  }

  #renderSign(v: ContractView): TemplateResult {
    const notice = this._notice;
    const party = v.mySigningParty;
    const read = this.#readSha(v) !== null;
    return html`${
      this.#maySign(v) && party
        ? html`${
            read
              ? html`<mu-document-panel part="pending-document" lang=${this.settings.lang}
                  .bytes=${this._shown!.bytes} sha256=${this._shown!.sha256}></mu-document-panel>`
              : html`<p><button type="button" part="read-button" class="secondary" ?disabled=${this._opening}
                  @click=${() => this.#read(v)}>${this.#c('readDocument')}</button></p>`
          }
          <p class="actions">
            <button type="button" part="sign-button" ?disabled=${this._signing || !read}
              aria-describedby=${read ? nothing : 'read-first'} @click=${() => this.#sign(v, party)}>
              ${this._signing ? this.#t('signing') : this.#t('sign', { party: this.#t(PARTY_TEXT[party]) })}
            </button>
            ${read ? nothing : html`<span id="read-first" class="muted">${this.#c('readFirst')}</span>`}
          </p>`
        : nothing
    }
      <div part="sign-status" class="sign-status ${notice?.kind ?? ''}" role="status" aria-live="polite">
        ${notice ? html`<p>${notice.text()}</p>` : nothing}
      </div>`;
  }

  async #read(v: ContractView): Promise<void> {
    this._opening = true;
    this._notice = null;
    try {
      const bytes = await readPending(v, this.settings);
      this._shown = { sha256: v.pending!.documentSha256.toLowerCase(), bytes };
    } catch (error) {
      this._notice = this.#signError(error);
    } finally {
      this._opening = false;
    }
  }

  async #sign(v: ContractView, party: 'owners' | 'counterparty'): Promise<void> {
    if (this._signing) return;
    if (!canSign()) {
      this._notice = { kind: 'error', text: () => this.#t('noCrypto') };
      return;
    }
    const sha = this.#readSha(v);
    const shown = this._shown;
    if (!sha || !shown || !v.pending) return;
    const ok = await askConfirmation({
      title: this.#c('signTitle'),
      body: this.#c('signBody', {
        number: v.number,
        change: this.#t(CHANGE_TEXT[v.pending.change]),
        party: this.#t(PARTY_TEXT[party]),
        name: v.parties[party].name,
        sha,
      }),
      confirm: this.#c('signConfirm'),
      lang: this.settings.lang,
    });
    if (!ok) return;
    this._signing = true;
    this._notice = null;
    const { apiBase, token, lang } = this.settings;
    try {
      const next = await signPending(v, shown.bytes, { apiBase, token, lang });
      this.#contract.set(next);
      this._notice = { kind: 'ok', text: () => this.#t('signedOk') };
      this.emit('mu-contract-signed', { contractId: v.id, party });
    } catch (error) {
      this._notice = this.#signError(error);
    } finally {
      this._signing = false;
    }
  }

  #signError(error: unknown): Notice {
    const t = this.#t;
    if (error instanceof DocumentChangedError) return { kind: 'error', text: () => t('documentChanged') };
    if (!(error instanceof ApiError)) {
      const reason = (error as Error)?.message ?? String(error);
      return { kind: 'error', text: () => t('signFailed', { reason }) };
    }
    const problem = error.problem as Problem & { reason?: string };
    if (problem.reason === 'document_changed') {
      return { kind: 'error', text: () => t('documentChanged') };
    }
    if (error.status === 403 || error.status === 422) {
      const key = problem.reason ? REASON_TEXT[problem.reason] : undefined;
      // The service's detail is English: a reason this bundle has no words for is said generally.
      const text = () => t('signFailed', { reason: key ? t(key) : problemReason(error, this.settings.lang) });
      return { kind: 'error', text };
    }
    return { kind: 'error', text: () => problemText(this.settings.lang, error) };
  }

  async #download(event: Event, v: ContractView, sha: string, format: 'html' | 'pdf'): Promise<void> {
    // The API wants the bearer token, which a plain link cannot send.
    event.preventDefault();
    try {
      const get = format === 'pdf' ? getDocumentPdf : getDocumentHtml;
      const { bytes } = await get(v.id, sha, this.settings);
      // The HTML is the signed document itself: a copy that does not hash to it is not saved.
      if (format === 'html' && (await documentSha256Hex(bytes)) !== sha.toLowerCase()) {
        this._notice = { kind: 'error', text: () => this.#t('documentMismatch') };
        return;
      }
      const type = format === 'pdf' ? 'application/pdf' : 'text/html';
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${v.number}-${sha.slice(0, 8)}.${format}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      const problem = toApiError(error);
      this._notice = { kind: 'error', text: () => problemText(this.settings.lang, problem) };
    }
  }

  static override styles = contractStyles;
}
