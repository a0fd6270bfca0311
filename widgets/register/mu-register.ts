import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Page } from '../../domain/common/page.ts';
import type { RegisterStatus } from '../../domain/common/register-status.ts';
import { MuElement } from '../core/element.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { openLink } from '../core/navigate.ts';
import { pageRange, pageSizeOf, renderPager } from '../core/pager.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { badgeStyles, baseStyles, disclosureStyles } from '../core/styles.ts';
import { tableScroll, tableScrollStyles } from '../core/table-scroll.ts';
import { FILTER_STATUSES, listOrganizations, type RegisterListItem, STATE_TEXT } from './client.ts';
import { type RegisterMessageKey, registerMessages } from './messages.ts';
import { registerStatusStyles } from './styles.ts';

/**
 * The public register of management organizations: a status filter, a paged table (name, TIN,
 * status) and per organization a "History" disclosure with its status history. Public: it loads
 * without a token and never sends one.
 *
 * @element mu-register
 * @attr status - Only organizations with this status (`registered`, `suspended`, `removed`,
 *   `applicant`); set by the element when the user filters.
 * @attr page-size - Organizations per page (default 20, at most 200).
 * @attr api-base, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` when the list or a history cannot be loaded.
 *
 * @csspart card - The outer box, in every state.
 * @csspart filter - The status filter (label and select). @csspart select - The select.
 * @csspart table - The table. @csspart caption - Its caption.
 * @csspart status-badge - A status (also `status-registered`, `status-suspended`, …).
 * @csspart history-button - A "History" disclosure button. @csspart history-panel - Its region.
 * @csspart history - The table of events inside an open history (from <mu-register-history>).
 * @csspart pager - Previous / next. @csspart status - Loading and empty states.
 * @csspart error - Error state. @csspart retry-button - Retry.
 */
export class MuRegister extends MuElement {
  static override properties: PropertyDeclarations = {
    status: { reflect: true },
    pageSize: { attribute: 'page-size', type: Number },
    _page: { state: true },
    _open: { state: true },
  };

  declare status: RegisterStatus | undefined;
  declare pageSize: number;
  declare _page: number;
  declare _open: ReadonlySet<string>;

  #list = new KeyedLoader<Page<RegisterListItem>>(this, this.reportError);
  #filter: string | undefined;

  constructor() {
    super();
    this.pageSize = 20;
    this._page = 1;
    this._open = new Set();
  }

  /** Loads the list again (after the portal changed an organization's status). */
  refresh(): void {
    this.#list.reload();
  }

  protected override willUpdate(): void {
    const { apiBase, lang } = this.settings;
    const status = this.#status();
    const filter = JSON.stringify([apiBase, status ?? null]);
    // Another status starts again from the first page, with every history closed.
    if (filter !== this.#filter) {
      this.#filter = filter;
      this._page = 1;
      this._open = new Set();
    }
    const pageSize = pageSizeOf(this.pageSize, 20);
    const page = this._page;
    // Public endpoint: the loader's token gate gets a constant, and no token is sent.
    this.#list.sync(JSON.stringify([filter, lang, page, pageSize]), 'public', (signal) =>
      listOrganizations({ status, page, pageSize }, { apiBase, lang, signal }),
    );
  }

  // `?selected` alone does not move a select whose choice the user already changed: a `status` set
  // by the page afterwards must show too.
  protected override updated(): void {
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#status-filter');
    const current = this.#status() ?? '';
    if (select && select.value !== current) select.value = current;
  }

  #t(key: RegisterMessageKey, params?: Record<string, string | number>): string {
    return translate(registerMessages, this.settings.lang, key, params);
  }

  /** The `status` attribute if it names a status, else undefined (all). */
  #status(): RegisterStatus | undefined {
    return FILTER_STATUSES.includes(this.status as RegisterStatus) ? this.status : undefined;
  }

  #filterChanged(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.status = (value || undefined) as RegisterStatus | undefined;
  }

  #toggle(id: string): void {
    const open = new Set(this._open);
    if (!open.delete(id)) open.add(id);
    this._open = open;
  }

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const state = this.#list.state;
    const body = renderLoaded(lang, this.#list, (list) => this.#renderTable(list));
    return html`<section part="card" class="register" aria-label=${this.#t('register')} aria-busy=${state.kind === 'loading'}>
      ${this.#renderFilter()} ${body}
    </section>`;
  }

  #renderFilter(): TemplateResult {
    const current = this.#status() ?? '';
    return html`<div part="filter" class="filter">
      <label for="status-filter">${this.#t('filter')}</label>
      <select id="status-filter" part="select" @change=${this.#filterChanged}>
        <option value="" ?selected=${current === ''}>${this.#t('all')}</option>
        ${FILTER_STATUSES.map(
          (s) => html`<option value=${s} ?selected=${current === s}>${this.#t(STATE_TEXT[s]!)}</option>`,
        )}
      </select>
    </div>`;
  }

  #renderTable(list: Page<RegisterListItem>): TemplateResult {
    const position = pageRange(list);
    const range = position ? this.#t('range', position) : '';
    return html`${tableScroll(
      this.#t('register'),
      html`<table part="table" class="table">
        <caption part="caption" id="caption">
          ${this.#t('register')} <span class="muted range">${range}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.#t('name')}</th>
            <th scope="col">${this.#t('tin')}</th>
            <th scope="col">${this.#t('status')}</th>
            <th scope="col">${this.#t('history')}</th>
          </tr>
        </thead>
        <tbody>
          ${list.items.map((o) => this.#renderRow(o))}
        </tbody>
      </table>`,
    )}
      ${list.items.length === 0 ? html`<p part="status" class="muted">${this.#t('empty')}</p>` : nothing}
      ${renderPager(list, { previous: this.#t('previous'), next: this.#t('next') }, (d) => this.#go(d))}`;
  }

  #renderRow(o: RegisterListItem): TemplateResult {
    const { apiBase, lang } = this.settings;
    const open = this._open.has(o.id);
    const panel = `history-${o.id}`;
    return html`<tr data-org-id=${o.id}>
        <th scope="row" class="name">${o.name}</th>
        <td class="tin">${o.tin}</td>
        <td>
          <span part="status-badge status-${o.registerStatus}" class="badge ${o.registerStatus}" data-status=${o.registerStatus}
            >${this.#t(STATE_TEXT[o.registerStatus]!)}</span
          >
        </td>
        <td>
          <button
            type="button"
            part="history-button"
            class="secondary"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls=${panel}
            @click=${() => this.#toggle(o.id)}
          >
            ${this.#t('showHistory')}<span class="visually-hidden">: ${o.name}</span>
          </button>
          ${openLink(this, lang, 'register', o.id, o.name)}
        </td>
      </tr>
      <tr class="history-row" ?hidden=${!open}>
        <td colspan="4">
          <div part="history-panel" id=${panel} role="region" aria-label=${this.#t('historyOf', { name: o.name })}>
            ${
              open
                ? html`<mu-register-history
                  exportparts="history"
                  org-id=${o.id}
                  api-base=${apiBase}
                  lang=${lang}
                ></mu-register-history>`
                : nothing
            }
          </div>
        </td>
      </tr>`;
  }

  #go(delta: number): void {
    this._page += delta;
    this._open = new Set();
  }

  static override styles = [
    tableScrollStyles,
    baseStyles,
    badgeStyles,
    disclosureStyles,
    registerStatusStyles,
    css`
      .register {
        background: var(--mu-color-surface, #fff);
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius, 12px);
        padding: var(--mu-space, 1rem);
        box-shadow: var(--mu-shadow, none);
      }
      .filter {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        margin-bottom: 0.75rem;
      }
      select {
        font: inherit;
        padding: 0.25em 0.5em;
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius-small, 6px);
        background: var(--mu-color-surface, #fff);
        color: inherit;
      }
      select:focus-visible {
        outline: 3px solid var(--mu-color-focus, #f2a900);
        outline-offset: 2px;
      }
      .table {
        width: 100%;
        border-collapse: collapse;
      }
      caption {
        text-align: start;
        font-size: var(--mu-title-size, 1.25rem);
        font-weight: 650;
        padding-bottom: 0.5rem;
      }
      .range {
        font-size: 0.85rem;
        font-weight: 400;
      }
      th,
      td {
        text-align: start;
        vertical-align: top;
        padding: 0.45rem 0.5rem;
        border-bottom: 1px solid var(--mu-color-border, #d6dde6);
      }
      thead th {
        font-size: 0.85rem;
        color: var(--mu-color-muted, #5b6675);
      }
      th.name {
        font-weight: 600;
      }
      button:disabled {
        opacity: 0.5;
        cursor: default;
      }
      .history-row > td {
        background: var(--mu-color-selected, #f4f7fb);
      }
      .pager {
        display: flex;
        justify-content: space-between;
        margin-top: 0.7rem;
      }
      .error {
        color: var(--mu-color-error, #a3161a);
      }
    `,
  ];
}
