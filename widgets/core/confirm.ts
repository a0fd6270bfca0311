// One confirmation for every legally meaningful one-click action (sign, commission, reject,
// register, remove, cancel a meeting): a modal <dialog> that says what will happen, offers going
// back first, and returns the focus to the button that asked. Widgets call askConfirmation();
// a portal may create <mu-confirm> itself and call ask().
import { css, html, LitElement, type nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { deepActiveElement } from './ask-confirmation.ts';
import { defineElement } from './define.ts';
import { resolveLanguage, translate } from './i18n.ts';
import { reviewMessages } from './review-messages.ts';
import { baseStyles } from './styles.ts';

export interface ConfirmRequest {
  /** The question, e.g. "Sign the act?" */
  title: string;
  /** What will happen, in full: who is bound, what cannot be undone. */
  body: string;
  /** The confirming button's words, naming the action ("Sign", "Reject the application"). */
  confirm: string;
  /** Irreversible or adverse (reject, remove, cancel): the button is drawn as a warning. */
  danger?: boolean;
  lang?: Language;
}

/**
 * A modal confirmation. `ask(request)` opens it and resolves true only when the person confirms;
 * Escape, the back button and closing resolve false. Focus starts on "go back" (the safe choice)
 * and returns to the opener when it closes.
 *
 * @element mu-confirm
 * @csspart dialog, title, body, confirm-button, cancel-button
 */
export class MuConfirm extends LitElement {
  static override properties: PropertyDeclarations = { _request: { state: true } };
  declare _request: ConfirmRequest | null;

  #resolve: ((ok: boolean) => void) | null = null;
  #opener: HTMLElement | null = null;

  constructor() {
    super();
    this._request = null;
  }

  /** `opener` gets the focus back; by default whatever holds it now. */
  async ask(request: ConfirmRequest, opener: HTMLElement | null = deepActiveElement()): Promise<boolean> {
    this.#settle(false);
    this.#opener = opener;
    this._request = request;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    dialog?.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('[part~="cancel-button"]')?.focus();
    return new Promise<boolean>((resolve) => {
      this.#resolve = resolve;
    });
  }

  #settle(ok: boolean): void {
    const resolve = this.#resolve;
    this.#resolve = null;
    resolve?.(ok);
  }

  #close(ok: boolean): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close(ok ? 'confirm' : 'cancel');
    this.#finish(ok);
  }

  #finish(ok: boolean): void {
    if (!this.#resolve) return;
    this.#settle(ok);
    this.#opener?.focus();
    this.#opener = null;
    this.dispatchEvent(new CustomEvent('mu-confirm-closed', { detail: { confirmed: ok } }));
  }

  override render(): TemplateResult | typeof nothing {
    const r = this._request;
    if (!r) return html`<dialog part="dialog"></dialog>`;
    const lang = r.lang ?? resolveLanguage(this.getAttribute('lang'));
    return html`<dialog part="dialog" aria-labelledby="confirm-title" aria-describedby="confirm-body"
      lang=${lang} @close=${() => this.#finish(false)} @cancel=${() => this.#finish(false)}>
      <h2 id="confirm-title" part="title">${r.title}</h2>
      <p id="confirm-body" part="body">${r.body}</p>
      <div class="buttons">
        <button type="button" part="cancel-button" class="secondary" @click=${() => this.#close(false)}>
          ${translate(reviewMessages, lang, 'goBack')}
        </button>
        <button type="button" part="confirm-button" class=${r.danger ? 'danger' : ''} @click=${() => this.#close(true)}>
          ${r.confirm}
        </button>
      </div>
    </dialog>`;
  }

  static override styles = [
    baseStyles,
    css`
      dialog {
        box-sizing: border-box;
        width: min(32rem, calc(100vw - 2rem));
        max-height: calc(100dvh - 2rem);
        overflow: auto;
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius, 12px);
        padding: var(--mu-space, 1.25rem);
        color: var(--mu-color-text, #1b2430);
        background: var(--mu-color-surface, #fff);
        overflow-wrap: anywhere;
      }
      dialog::backdrop {
        background: rgb(16 24 40 / 45%);
      }
      h2 {
        font-size: 1.15rem;
        margin: 0 0 0.5rem;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 0.5rem;
        margin-top: 1rem;
      }
      button.secondary {
        background: transparent;
        color: var(--mu-color-accent, #0b5fa5);
      }
      button.danger {
        background: var(--mu-color-error, #b42318);
        border-color: var(--mu-color-error, #b42318);
      }
    `,
  ];
}

defineElement('mu-confirm', MuConfirm);

/**
 * Asks before a legally meaningful action. One dialog serves the page: it is created on first use
 * at the end of <body>, outside any widget's shadow root, whose re-renders would remove it.
 */
export async function askConfirmation(
  request: ConfirmRequest,
  opener: HTMLElement | null = deepActiveElement(),
): Promise<boolean> {
  let dialog = document.querySelector<MuConfirm>('body > mu-confirm');
  if (!dialog) {
    dialog = document.createElement('mu-confirm') as MuConfirm;
    document.body.append(dialog);
  }
  return dialog.ask(request, opener);
}
