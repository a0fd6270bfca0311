import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Page } from '../../domain/common/page.ts';
import { MuElement } from '../core/element.ts';
import { formatDay } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { LazyPart } from '../core/lazy-part.ts';
import { KeyedLoader } from '../core/loader.ts';
import { openLink } from '../core/navigate.ts';
import { pageSizeOf, renderPager } from '../core/pager.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { countdown, ReaderClock } from '../core/relative-time.ts';
import { type AppealSummary, listAppeals } from './client.ts';
import { renderArrival } from './dates.ts';
import { isOpen } from './format.ts';
import { type AppealMessageKey, appealMessages } from './messages.ts';
import { appealStyles } from './styles.ts';

/**
 * The caller's own appeals, newest first as the API orders them: number, category, status and the
 * time left to answer (refreshed each minute), each with a "Details" disclosure holding a
 * <mu-appeal-details> (the status history, and accepting or disputing an answer), fetched when a
 * person first opens one (details-part.ts).
 *
 * @element mu-my-appeals
 * @attr page-size - Appeals per page (default 20).
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` when the list cannot be loaded.
 *
 * @csspart card - The outer box. @csspart list - The appeals. @csspart appeal - One appeal.
 * @csspart status-badge - A status (also `status-answered`, …). @csspart countdown - Time left.
 * @csspart details-button - A "Details" disclosure. @csspart details-panel - Its region.
 * @csspart pager - Previous / next. @csspart status, error, retry-button - Loading and errors.
 */
export class MuMyAppeals extends MuElement {
  static override properties: PropertyDeclarations = {
    pageSize: { attribute: 'page-size', type: Number },
    _page: { state: true },
    _open: { state: true },
  };

  declare pageSize: number;
  declare _page: number;
  declare _open: ReadonlySet<string>;

  #list = new KeyedLoader<Page<AppealSummary>>(this, this.reportError);
  #clock = new ReaderClock(this);
  #details = new LazyPart(this, () => import('./details-part.ts'));

  constructor() {
    super();
    this.pageSize = 20;
    this._page = 1;
    this._open = new Set();
    // A detail that changed (accepted, disputed) changes the summary's status too.
    this.addEventListener('mu-appeal-changed', () => this.#list.reload());
  }

  /** Loads the list again (after <mu-appeal-form> registered a new appeal). */
  refresh(): void {
    this.#list.reload();
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const page = this._page;
    const pageSize = pageSizeOf(this.pageSize, 20);
    this.#list.sync(JSON.stringify([apiBase, token, page, pageSize]), token, (signal) =>
      listAppeals({ mine: true }, { page, pageSize }, { apiBase, token, lang, signal }),
    );
  }

  #t = (key: AppealMessageKey, params?: Record<string, string | number>): string =>
    translate(appealMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const state = this.#list.state;
    const body = renderLoaded(lang, this.#list, (list) =>
      list.items.length === 0
        ? html`<p part="status" class="muted">${this.#t('noAppeals')}</p>`
        : html`<ul part="list" class="appeals">
          ${list.items.map((a) => this.#renderAppeal(a))}
        </ul>
        ${renderPager(list, { previous: this.#t('previous'), next: this.#t('next') }, (d) => this.#go(d))}`,
    );
    return html`<section part="card" class="card" aria-labelledby="my-title" aria-busy=${state.kind === 'loading'}>
      <h2 id="my-title">${this.#t('myTitle')}</h2>
      ${body}
    </section>`;
  }

  #renderAppeal(a: AppealSummary): TemplateResult {
    const { apiBase, lang } = this.settings;
    const open = this._open.has(a.id);
    const panel = `details-${a.id}`;
    const due = isOpen(a.status) ? countdown(lang, a.dueAt, this.#clock.now) : null;
    return html`<li part="appeal" class="appeal ${due?.overdue ? 'overdue' : ''}" data-appeal-id=${a.id}>
      <div class="summary">
        <span class="number">${this.#t('number', { number: a.registrationNumber })}</span>
        <span>${this.#t(`cat_${a.category}`)}</span>
        <span class="muted">${this.#t(`kind_${a.kind}`)}, ${renderArrival(this.#t, a.dates)}</span>
        <span part="status-badge status-${a.status}" class="badge ${a.status}" data-status=${a.status}
          >${this.#t(`status_${a.status}`)}</span
        >
        ${
          due
            ? html`<span part="countdown" class="countdown ${due.overdue ? 'overdue' : ''}" title=${formatDay(a.dates.dueLastDay)}
                >${due.overdue ? html`<span aria-hidden="true">⚠ </span>` : nothing}${due.text}</span
              >`
            : a.dates.answeredOn
              ? html`<span class="muted" data-date="answered"
                  >${this.#t('answeredOn', { date: formatDay(a.dates.answeredOn) })}</span
                >`
              : nothing
        }
        <button
          type="button"
          part="details-button"
          class="secondary"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${panel}
          @click=${() => this.#toggle(a.id)}
        >
          ${this.#t('details')}<span class="visually-hidden">: ${this.#t('detailsOf', { number: a.registrationNumber })}</span>
        </button>
        ${openLink(this, lang, 'appeal', a.id, this.#t('number', { number: a.registrationNumber }))}
      </div>
      <div
        part="details-panel"
        class="panel"
        id=${panel}
        role="region"
        aria-label=${this.#t('detailsOf', { number: a.registrationNumber })}
        ?hidden=${!open}
      >
        ${
          open
            ? this.#details.render(lang, (m) =>
                m.renderAppealDetails({
                  id: a.id,
                  staff: false,
                  parts:
                    'details, answer, timeline, accept-form, accept-button, dispute-form, dispute-button, action-status',
                  apiBase,
                  lang,
                  token: this.token,
                }),
              )
            : nothing
        }
      </div>
    </li>`;
  }

  #toggle(id: string): void {
    const open = new Set(this._open);
    if (!open.delete(id)) open.add(id);
    this._open = open;
  }

  #go(delta: number): void {
    this._page += delta;
    this._open = new Set();
  }

  static override styles = appealStyles;
}
