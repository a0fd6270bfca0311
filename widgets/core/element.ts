// What every widget shares: the `api-base`, `token` and `lang` attributes, falling back to
// configure() and the host page, a re-render whenever any of those change, and how it tells the
// page what happened.
import { LitElement, type PropertyDeclarations } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import type { ApiError } from './api.ts';
import { getConfig, onConfigChange } from './config.ts';
import { languageLoading, resolveLanguage, takeMissed, whenTextsArrive } from './i18n.ts';
import { watchRoot } from './lazy-define.ts';
import { drawingFor, refusalViewsLoading } from './refusal.ts';
import { markUnloaded } from './retry-import.ts';

export interface ResolvedSettings {
  apiBase: string;
  token: string | null;
  lang: Language;
}

// The bundle is normally served by the API itself, so its own origin is the best default.
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

export class MuElement extends LitElement {
  static override properties: PropertyDeclarations = {
    apiBase: { attribute: 'api-base' },
    token: {},
    // Shadows HTMLElement#lang so that changing the attribute re-renders; reflecting keeps the
    // native meaning (and :lang() selectors) intact when the property is set instead.
    lang: { reflect: true },
  };

  /** Origin (plus optional prefix) that serves `/api/v1`; wins over configure(). */
  declare apiBase: string | undefined;
  /** Bearer token; wins over configure(). Prefer configure(): attributes are visible in the DOM. */
  declare token: string | undefined;
  declare lang: string;

  #unsubscribe: (() => void) | undefined;
  #awaitingTexts = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = onConfigChange(() => this.requestUpdate());
    this.requestUpdate();
  }

  // Widgets used inside this one's template are fetched when they first appear in its shadow root.
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    if (root instanceof DocumentFragment) watchRoot(root);
    return root;
  }

  // The bundle fetches each language's texts on first use; rendering waits for them, so no update
  // (and no updateComplete a caller awaits) ever shows a language half missing.
  // So do the refusal views a failed write has asked for (refusal.ts), and then their words.
  // biome-ignore lint/suspicious/noConfusingVoidType: the signature LitElement declares.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const views = refusalViewsLoading();
    if (views) return views.then(() => this.scheduleUpdate());
    const loading = languageLoading(this.settings.lang);
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  // Texts still missing once that wait is over were asked for twice in vain: an element that has
  // just looked one up says so rather than draw blanks, with a button whose update asks for them
  // anew (and renders with the settings of that moment); others on the page, whose texts came, don't.
  protected override performUpdate(): void {
    takeMissed();
    drawingFor(this, () => super.performUpdate());
    const missed = takeMissed();
    markUnloaded(this.renderRoot, this.settings.lang, missed, () => this.requestUpdate());
    // Texts another element's button (or its next update) fetched draw this one too, if it is
    // still in the page: one the page took out would otherwise load its data with whatever token
    // the page holds by then (another persona's), and it redraws anyway when put back.
    if (missed && !this.#awaitingTexts) {
      this.#awaitingTexts = true;
      whenTextsArrive(() => {
        this.#awaitingTexts = false;
        if (this.isConnected) this.requestUpdate();
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Tells the page: bubbling and composed, so the event leaves every shadow root on its way. */
  protected emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** `mu-error` with the problem, for a loader to call when a request fails. */
  protected readonly reportError = (error: ApiError): void =>
    this.emit('mu-error', { problem: error.problem });

  /** Attribute or property first, then configure(), then defaults. */
  protected get settings(): ResolvedSettings {
    const config = getConfig();
    return {
      apiBase: this.apiBase || config.apiBase || SCRIPT_ORIGIN,
      token: this.token || config.token || null,
      lang: resolveLanguage(this.getAttribute('lang')),
    };
  }
}
