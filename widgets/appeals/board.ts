import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import {
  APPEAL_CATEGORIES,
  APPEAL_STATUSES,
  type AppealCategory,
  type AppealStatus,
} from '../../domain/appeals/types.ts';
import type { Page } from '../../domain/common/page.ts';
import type { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatDay } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { LazyPart } from '../core/lazy-part.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { openLink } from '../core/navigate.ts';
import { pageRange, pageSizeOf, renderPager } from '../core/pager.ts';
import { problemText, renderLoaded } from '../core/problem-view.ts';
import { countdown, ReaderClock } from '../core/relative-time.ts';
import { tableScroll, tableScrollStyles } from '../core/table-scroll.ts';
import { figureStyles, renderFigures } from './board-figures.ts';
import {
  type AppealFilter,
  type AppealSummary,
  type AppealsBoard,
  exportCsv,
  getBoard,
  listAppeals,
} from './client.ts';
import { renderArrival } from './dates.ts';
import { isOpen } from './format.ts';
import { type AppealMessageKey, appealMessages } from './messages.ts';
import { appealStyles } from './styles.ts';

/**
 * The appeals of a district for its council or inspection: filters (status, category,
 * organization, overdue only) over a paged table with the time left or the delay, overdue rows
 * marked by an icon and a word as well as colour, the organizations' figures (share answered in
 * time, median time to answer) as bars and a table, and a CSV export of the filtered list. Each
 * row unfolds a <mu-appeal-details> (fetched when first unfolded, details-part.ts), where the
 * responsible body (a management company, or the inspection after escalation) takes the appeal up
 * and answers it.
 *
 * @element mu-appeals-board
 * @attr district-id - The district.
 * @attr page-size - Rows per page (default 20).
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` when the list cannot be loaded.
 *
 * @csspart card - The outer box. @csspart filters - The filter form. @csspart table - The appeals.
 * @csspart row-overdue - An overdue row's flag. @csspart status-badge - A status.
 * @csspart export-button - CSV export. @csspart export-status - Its outcome (a live region).
 * @csspart figures, overdue-total, chart, figures-table - The organizations' figures.
 * @csspart details-button, details-panel - A row's details (and the parts it exports).
 * @csspart pager - Previous / next. @csspart status, error, retry-button - Loading and errors.
 */
export class MuAppealsBoard extends MuElement {
  static override properties: PropertyDeclarations = {
    districtId: { attribute: 'district-id' },
    pageSize: { attribute: 'page-size', type: Number },
    _filter: { state: true },
    _page: { state: true },
    _exporting: { state: true },
    _exportError: { state: true },
    _open: { state: true },
  };

  declare districtId: string | undefined;
  declare pageSize: number;
  declare _filter: Omit<AppealFilter, 'districtId' | 'mine'>;
  declare _page: number;
  declare _exporting: boolean;
  declare _exportError: ApiError | null;
  /** The appeal whose details are unfolded under its row. */
  declare _open: string | null;

  #list = new KeyedLoader<Page<AppealSummary>>(this, this.reportError);
  #board = new KeyedLoader<AppealsBoard>(this);
  #clock = new ReaderClock(this);
  #details = new LazyPart(this, () => import('./details-part.ts'));

  constructor() {
    super();
    this.pageSize = 20;
    this._filter = {};
    this._page = 1;
    this._exporting = false;
    this._exportError = null;
    this._open = null;
    // A step taken in the details (taken up, answered) moves the row and the figures.
    this.addEventListener('mu-appeal-changed', () => this.refresh());
  }

  /** Loads the list and the figures again. */
  refresh(): void {
    this.#list.reload();
    this.#board.reload();
  }

  #query(): AppealFilter {
    return { districtId: this.districtId?.trim() || undefined, ...this._filter };
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const filter = this.#query();
    const page = this._page;
    const pageSize = pageSizeOf(this.pageSize, 20);
    this.#list.sync(JSON.stringify([apiBase, token, filter, page, pageSize]), token, (signal) =>
      listAppeals(filter, { page, pageSize }, { apiBase, token, lang, signal }),
    );
    const district = filter.districtId;
    this.#board.sync(district ? JSON.stringify([apiBase, token, district]) : undefined, token, (signal) =>
      getBoard(district!, { apiBase, token, lang, signal }),
    );
  }

  #t = (key: AppealMessageKey, params?: Record<string, string | number>): string =>
    translate(appealMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const state = this.#list.state;
    const board = this.#board.value;
    const body = renderLoaded(lang, this.#list, (list) => this.#renderTable(list));
    return html`<section part="card" class="card" aria-labelledby="board-title" aria-busy=${state.kind === 'loading'}>
      <h2 id="board-title">${this.#t('boardTitle')}</h2>
      ${this.#renderFilters(board)} ${this.#renderExport()} ${body}
      ${board ? renderFigures(this.#t, lang, board) : nothing}
    </section>`;
  }

  #renderFilters(board: AppealsBoard | null): TemplateResult {
    const f = this._filter;
    const orgs = board?.organizations ?? [];
    return html`<form part="filters" class="filters" role="search" aria-label=${this.#t('boardTitle')} @submit=${(e: Event) => e.preventDefault()}>
      <div class="field">
        <label class="title" for="f-status">${this.#t('status')}</label>
        <select id="f-status" @change=${(e: Event) => this.#set({ status: value<AppealStatus>(e) })}>
          <option value="" ?selected=${!f.status}>${this.#t('all')}</option>
          ${APPEAL_STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${this.#t(`status_${s}`)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label class="title" for="f-category">${this.#t('category')}</label>
        <select id="f-category" @change=${(e: Event) => this.#set({ category: value<AppealCategory>(e) })}>
          <option value="" ?selected=${!f.category}>${this.#t('all')}</option>
          ${APPEAL_CATEGORIES.map((c) => html`<option value=${c} ?selected=${f.category === c}>${this.#t(`cat_${c}`)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label class="title" for="f-organization">${this.#t('organization')}</label>
        <select id="f-organization" @change=${(e: Event) => this.#set({ organizationId: value<string>(e) })}>
          <option value="" ?selected=${!f.organizationId}>${this.#t('all')}</option>
          ${orgs.map(
            (o) =>
              html`<option value=${o.organizationId} ?selected=${f.organizationId === o.organizationId}>${o.name}</option>`,
          )}
        </select>
      </div>
      <label class="check">
        <input
          type="checkbox"
          id="f-overdue"
          .checked=${Boolean(f.overdue)}
          @change=${(e: Event) => this.#set({ overdue: (e.target as HTMLInputElement).checked || undefined })}
        />
        ${this.#t('overdueOnly')}
      </label>
    </form>`;
  }

  #set(change: Partial<MuAppealsBoard['_filter']>): void {
    this._filter = { ...this._filter, ...change };
    this._page = 1;
    this._open = null;
  }

  #renderExport(): TemplateResult {
    const error = this._exportError;
    return html`<p class="export">
        <button type="button" part="export-button" class="secondary" ?disabled=${this._exporting} @click=${this.#export}>
          ${this.#t('exportCsv')}
        </button>
      </p>
      <div part="export-status" role="status" aria-live="polite">
        ${error ? html`<p class="error">${this.#t('exportFailed', { reason: problemText(this.settings.lang, error) })}</p>` : nothing}
      </div>`;
  }

  #renderTable(list: Page<AppealSummary>): TemplateResult {
    const position = pageRange(list);
    const range = position ? this.#t('range', position) : '';
    return html`${tableScroll(
      this.#t('boardTitle'),
      html`<table part="table" class="table">
        <caption>${this.#t('boardTitle')} <span class="muted range">${range}</span></caption>
        <thead>
          <tr>
            <th scope="col">${this.#t('colNumber')}</th>
            <th scope="col">${this.#t('category')}</th>
            <th scope="col">${this.#t('status')}</th>
            <th scope="col">${this.#t('responsible')}</th>
            <th scope="col">${this.#t('colReceived')}</th>
            <th scope="col">${this.#t('colDeadline')}</th>
          </tr>
        </thead>
        <tbody>
          ${list.items.map((a) => this.#renderRow(a))}
        </tbody>
      </table>`,
    )}
      ${list.items.length === 0 ? html`<p part="status" class="muted">${this.#t('empty')}</p>` : nothing}
      ${renderPager(list, { previous: this.#t('previous'), next: this.#t('next') }, (d) => (this._page += d))}`;
  }

  #renderRow(a: AppealSummary): TemplateResult {
    const open = isOpen(a.status);
    const due = open ? countdown(this.settings.lang, a.dueAt, this.#clock.now) : null;
    const overdue = a.overdue || Boolean(due?.overdue);
    const unfolded = this._open === a.id;
    const panel = `details-${a.id}`;
    const row = html`<tr class=${overdue ? 'overdue' : ''} data-appeal-id=${a.id} data-overdue=${overdue ? 'true' : 'false'}>
      <th scope="row" class="number">
        ${a.registrationNumber}
        <button
          type="button"
          part="details-button"
          class="secondary"
          aria-expanded=${unfolded ? 'true' : 'false'}
          aria-controls=${panel}
          @click=${() => {
            this._open = unfolded ? null : a.id;
          }}
        >
          ${this.#t('details')}<span class="visually-hidden">: ${this.#t('detailsOf', { number: a.registrationNumber })}</span>
        </button>
        ${openLink(this, this.settings.lang, 'appeal', a.id, a.registrationNumber)}
      </th>
      <td>${this.#t(`cat_${a.category}`)} <span class="muted">(${this.#t(`kind_${a.kind}`)})</span></td>
      <td>
        <span part="status-badge status-${a.status}" class="badge ${a.status}" data-status=${a.status}
          >${this.#t(`status_${a.status}`)}</span
        >
      </td>
      <td>${a.responsible.name}</td>
      <td>${renderArrival(this.#t, a.dates)}</td>
      <td>
        <span data-date="due">${formatDay(a.dates.dueLastDay)}</span>
        ${
          a.dates.answeredOn
            ? html`<br /><span class="muted" data-date="answered"
                  >${this.#t('answeredOn', { date: formatDay(a.dates.answeredOn) })}</span
                >`
            : nothing
        }
        ${
          overdue
            ? html`<br /><span part="row-overdue" class="overdue-flag"
                  ><span aria-hidden="true">⚠ </span>${due?.overdue ? due.text : this.#t('overdue')}</span
                >`
            : due
              ? html`<br /><span class="countdown">${due.text}</span>`
              : nothing
        }
      </td>
    </tr>`;
    return unfolded ? html`${row}${this.#renderDetails(a, panel)}` : row;
  }

  #renderDetails(a: AppealSummary, panel: string): TemplateResult {
    const { apiBase, lang } = this.settings;
    return html`<tr class="details-row" data-details-of=${a.id}>
      <td colspan="6">
        <div part="details-panel" id=${panel} role="region" aria-label=${this.#t('detailsOf', { number: a.registrationNumber })}>
          ${this.#details.render(lang, (m) =>
            m.renderAppealDetails({
              id: a.id,
              staff: true,
              parts: 'details, answer, timeline, take-up-button, answer-form, answer-button, action-status',
              apiBase,
              lang,
              token: this.token,
            }),
          )}
        </div>
      </td>
    </tr>`;
  }

  async #export(): Promise<void> {
    // The API wants the bearer token, which a plain link cannot send.
    if (this._exporting) return;
    this._exporting = true;
    this._exportError = null;
    try {
      const filter = this.#query();
      const { bytes } = await exportCsv(filter, this.settings);
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `appeals-${filter.districtId ?? 'all'}-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this._exportError = toApiError(error);
    } finally {
      this._exporting = false;
    }
  }

  static override styles = [
    ...appealStyles,
    figureStyles,
    tableScrollStyles,
    css`
      /* An unfolded appeal spans the whole table, which on a phone is wider than the screen: its
         text is laid out to the visible width of the scrolling box and stays in view. */
      .table-scroll {
        container-type: inline-size;
      }
      [part~='details-panel'] {
        position: sticky;
        inset-inline-start: 0.5rem;
        max-width: calc(100cqi - 1rem);
      }
    `,
  ];
}

/** A select's value, or undefined for "all". */
function value<T extends string>(event: Event): T | undefined {
  return ((event.target as HTMLSelectElement).value || undefined) as T | undefined;
}
