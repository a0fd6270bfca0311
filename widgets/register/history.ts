import { css, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { MuElement } from '../core/element.ts';
import { formatDateTime } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { renderLoading, renderProblem } from '../core/problem-view.ts';
import { baseStyles } from '../core/styles.ts';
import { ACTION_TEXT, getHistory, REASON_TEXT, type RegisterHistory, STATE_TEXT } from './client.ts';
import { type RegisterMessageKey, registerMessages } from './messages.ts';

/**
 * The register history of one organization, oldest first: date in Asia/Tashkent, action (with the
 * state it led to) and reason. Public: loads without a token. <mu-register> shows one per open
 * "History" disclosure; a portal may use it alone.
 *
 * @element mu-register-history
 * @attr org-id - The organization; changing it loads the new one.
 * @attr api-base, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` when the history cannot be loaded.
 *
 * @csspart history - The table of events.
 * @csspart status - Loading and empty states.
 * @csspart error - Error state. @csspart retry-button - Retry.
 */
export class MuRegisterHistory extends MuElement {
  static override properties: PropertyDeclarations = {
    orgId: { attribute: 'org-id' },
  };

  declare orgId: string | undefined;

  #history = new KeyedLoader<RegisterHistory>(this, this.reportError);

  /** Loads the history again. */
  refresh(): void {
    this.#history.reload();
  }

  protected override willUpdate(): void {
    const { apiBase, lang } = this.settings;
    const id = this.orgId?.trim();
    // The history is public: the loader's token gate is passed a constant, and no token is sent.
    this.#history.sync(
      id ? JSON.stringify([apiBase, lang, id]) : undefined,
      'public',
      (signal) => getHistory(id!, { apiBase, lang, signal }),
      false,
    );
  }

  #t(key: RegisterMessageKey, params?: Record<string, string | number>): string {
    return translate(registerMessages, this.settings.lang, key, params);
  }

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const state = this.#history.state;
    const history = this.#history.value;
    if (state.kind === 'error') return renderProblem(lang, state.error, () => this.#history.reload());
    if (!history) return renderLoading(lang);
    if (history.events.length === 0) return html`<p part="status" class="muted">${this.#t('noHistory')}</p>`;
    return html`<table part="history" class="history">
      <caption class="visually-hidden">${this.#t('historyOf', { name: history.organization.name })}</caption>
      <thead>
        <tr>
          <th scope="col">${this.#t('date')}</th>
          <th scope="col">${this.#t('action')}</th>
          <th scope="col">${this.#t('reason')}</th>
        </tr>
      </thead>
      <tbody>
        ${history.events.map((e) => {
          const action = ACTION_TEXT[e.action];
          const to = STATE_TEXT[e.toState];
          const reason = e.reason ? REASON_TEXT[e.reason] : undefined;
          return html`<tr data-action=${e.action} data-to-state=${e.toState}>
            <td><time datetime=${e.at}>${formatDateTime(lang, e.at)}</time></td>
            <td>
              ${action ? this.#t(action) : e.action}
              <span class="muted">(${to ? this.#t(to) : e.toState})</span>
            </td>
            <td data-reason=${e.reason ?? ''}>${e.reason ? (reason ? this.#t(reason) : e.reason) : '—'}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  static override styles = [
    baseStyles,
    css`
      .history {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.9rem;
      }
      th,
      td {
        text-align: start;
        vertical-align: top;
        padding: 0.3rem 0.5rem;
        border-bottom: 1px solid var(--mu-color-border, #d6dde6);
      }
      th {
        font-weight: 600;
        color: var(--mu-color-muted, #5b6675);
      }
      .error {
        color: var(--mu-color-error, #a3161a);
      }
    `,
  ];
}
