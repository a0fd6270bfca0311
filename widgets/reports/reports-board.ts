import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { reportId } from '../../domain/common/links.ts';
import { quarterAt } from '../../domain/reports/quarters.ts';
import type { ApiError } from '../core/api.ts';
import { saveFile } from '../core/download.ts';
import { MuElement } from '../core/element.ts';
import { formatDate } from '../core/format.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { openLink } from '../core/navigate.ts';
import { renderLoaded, renderProblem } from '../core/problem-view.ts';
import { type BoardRowView, reportsBoard, reportsBoardCsv } from './client.ts';
import { monthName, quarterName, tr } from './format.ts';
import type { ReportsMessageKey } from './messages.ts';
import { reportsStyles } from './styles.ts';

type Board = Awaited<ReturnType<typeof reportsBoard>>;

/** Quarters offered in the picker: this one and the seven before it. */
function recentQuarters(now: number): string[] {
  const [year, n] = quarterAt(now).split('-Q').map(Number) as [number, number];
  return Array.from({ length: 8 }, (_, i) => {
    const k = year * 4 + (n - 1) - i;
    return `${Math.floor(k / 4)}-Q${(k % 4) + 1}`;
  });
}

/**
 * The council's and the inspection's board: which managed buildings of the district reported for
 * a quarter (on time or late), which had the accrual of contributions suspended, since which month
 * and for how long, and the months lost for good; the table downloads as the API's CSV, in the
 * reader's language and with what each building lost.
 *
 * @element mu-reports-board
 * @attr district-id - The district. @attr quarter - 'YYYY-Qn' (default: the current quarter).
 * @attr api-base, token, lang - See configure().
 * @csspart board, row, counts, quarter-select, export-button, status, error
 */
export class MuReportsBoard extends MuElement {
  static override properties: PropertyDeclarations = {
    districtId: { attribute: 'district-id' },
    quarter: { reflect: true },
    exportError: { state: true },
  };
  declare districtId: string | undefined;
  declare quarter: string | undefined;
  declare exportError: ApiError | undefined;

  #board = new KeyedLoader<Board>(this, this.reportError);

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.districtId?.trim();
    const quarter = this.#quarter();
    const key = id ? JSON.stringify([s.apiBase, s.token, id, quarter]) : undefined;
    this.#board.sync(key, s.token, (signal) => reportsBoard(id ?? '', quarter, { ...s, signal }));
  }

  #quarter = (): string =>
    this.quarter && /^\d{4}-Q[1-4]$/.test(this.quarter) ? this.quarter : quarterAt(Date.now());

  #t = (key: ReportsMessageKey, params?: Record<string, string | number>) =>
    tr(this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const current = this.#quarter();
    const quarters = recentQuarters(Date.now());
    if (!quarters.includes(current)) quarters.unshift(current);
    return html`<section class="card" aria-labelledby="title">
      <h2 id="title">${this.#t('boardTitle')}</h2>
      <label>
        ${this.#t('quarterField')}
        <select part="quarter-select" @change=${(e: Event) => {
          this.quarter = (e.target as HTMLSelectElement).value;
        }}>
          ${quarters.map((q) => html`<option value=${q} ?selected=${q === current}>${quarterName(lang, q)}</option>`)}
        </select>
      </label>
      ${renderLoaded(lang, this.#board, (board) =>
        board.items.length === 0
          ? html`<p part="status" class="muted">${this.#t('boardEmpty')}</p>`
          : html`<p part="counts">
                ${this.#t('boardCounts', {
                  reported: board.items.filter((r) => r.status === 'submitted').length,
                  total: board.items.length,
                  suspended: board.items.filter((r) => r.suspendedMonths.length > 0).length,
                })}
              </p>
              <div class="scroll">
                <table part="board">
                  <caption class="visually-hidden">${this.#t('boardTitle')}, ${quarterName(lang, board.quarter)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${this.#t('colAddress')}</th>
                      <th scope="col">${this.#t('colStatus')}</th>
                      <th scope="col">${this.#t('colSuspension')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${board.items.map((r) => this.#row(r, board.quarter))}
                  </tbody>
                </table>
              </div>
              <p><button part="export-button" type="button" @click=${() => this.#export(board)}>${this.#t('exportCsv')}</button></p>
              ${this.exportError ? renderProblem(lang, this.exportError, () => this.#export(board)) : nothing}`,
      )}
    </section>`;
  }

  #statusText(r: BoardRowView): string {
    if (r.status !== 'submitted') return this.#t(`status_${r.status}`);
    return this.#t(r.late ? 'submittedLate' : 'submittedOnTime');
  }

  #suspensionText(r: BoardRowView): string {
    if (r.suspendedMonths.length === 0) return this.#t('notSuspended');
    const parts = [
      this.#t('suspendedSince', { month: monthName(r.suspendedMonths[0]!), count: r.suspendedMonths.length }),
    ];
    if (r.liftedFrom) parts.push(this.#t('resumedFrom', { month: monthName(r.liftedFrom) }));
    if (r.keptMonths.length > 0) parts.push(this.#t('lost', { count: r.keptMonths.length }));
    return parts.join('; ');
  }

  #row(r: BoardRowView, quarter: string): TemplateResult {
    const suspended = r.suspendedMonths.length > 0 && !r.liftedFrom;
    return html`<tr part="row" data-building=${r.buildingId} data-status=${r.status}
      data-suspended=${String(r.suspendedMonths.length > 0)}>
      <th scope="row">${r.address} ${openLink(this, this.settings.lang, 'report', reportId(r.buildingId, quarter), r.address)}</th>
      <td data-column="status">
        ${this.#statusText(r)}
        ${r.enteredAt ? html`<br /><span class="muted small">${formatDate(r.enteredAt)}</span>` : nothing}
      </td>
      <td data-column="suspension" class=${suspended ? 'suspended' : ''}>${this.#suspensionText(r)}</td>
    </tr>`;
  }

  async #export(board: Board): Promise<void> {
    const s = this.settings;
    this.exportError = undefined;
    try {
      const { bytes } = await reportsBoardCsv(board.districtId, board.quarter, s.lang, s);
      saveFile(bytes as BlobPart, 'text/csv', `reports-${board.districtId}-${board.quarter}.csv`);
    } catch (error) {
      this.exportError = toApiError(error);
      this.reportError(this.exportError);
    }
  }

  static override styles = reportsStyles;
}
