import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Page } from '../../domain/common/page.ts';
import type { MeetingPhase, MeetingView } from '../../domain/meetings/types.ts';
import { MuElement } from '../core/element.ts';
import { formatDate } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { emitNavigate } from '../core/navigate.ts';
import { pageRange, pageSizeOf, renderPager } from '../core/pager.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { baseStyles } from '../core/styles.ts';
import { listMeetings } from './client.ts';
import { type MeetingMessageKey, meetingMessages } from './messages.ts';
import { meetingStyles } from './styles.ts';
import { PHASE_TEXT } from './vocabulary.ts';

/**
 * The general meetings of one building (or, without `building-id`, every meeting the caller may
 * see), newest first, each with its phase and voting dates. Choosing one fires
 * `mu-meeting-select`; the page then shows it, typically in a <mu-meeting>.
 *
 * @element mu-meetings
 * @attr building-id - Only meetings whose electorate includes this building.
 * @attr phase - Only meetings in this phase.
 * @attr selected - Id of the meeting marked as current (`aria-current`).
 * @attr page-size - Meetings per page (default 10).
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-meeting-select - `detail: { meetingId, meeting }` when the user picks a meeting.
 * @fires mu-navigate - `detail: { kind: 'meeting', id, href }` then, for a portal that routes links.
 * @fires mu-error - `detail: { problem }` when the list cannot be loaded.
 *
 * @csspart list - The list.
 * @csspart item - One meeting's button (also `item-current` for the selected one).
 * @csspart phase - A phase badge.
 * @csspart pager - Previous / next.
 */
export class MuMeetings extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    phase: {},
    selected: { reflect: true },
    pageSize: { attribute: 'page-size', type: Number },
    _page: { state: true },
  };

  declare buildingId: string | undefined;
  declare phase: MeetingPhase | undefined;
  declare selected: string | undefined;
  declare pageSize: number;
  declare _page: number;

  #list = new KeyedLoader<Page<MeetingView>>(this, this.reportError);
  #filter: string | undefined;

  constructor() {
    super();
    this.pageSize = 10;
    this._page = 1;
  }

  /** Loads the list again, e.g. after the portal created a meeting. */
  refresh(): void {
    this.#list.reload();
  }

  protected override willUpdate(): void {
    const { apiBase, token } = this.settings;
    const filter = JSON.stringify([apiBase, token, this.buildingId ?? null, this.phase ?? null]);
    // Another building, phase or user starts again from the first page.
    if (filter !== this.#filter) {
      this.#filter = filter;
      this._page = 1;
    }
    const pageSize = pageSizeOf(this.pageSize, 10);
    const page = this._page;
    this.#list.sync(JSON.stringify([filter, page, pageSize]), token, (signal) =>
      listMeetings(
        { buildingId: this.buildingId || undefined, phase: this.phase || undefined, page, pageSize },
        { ...this.settings, signal },
      ),
    );
  }

  #t(key: MeetingMessageKey, params?: Record<string, string | number>): string {
    return translate(meetingMessages, this.settings.lang, key, params);
  }

  #select(meeting: MeetingView): void {
    this.selected = meeting.id;
    this.emit('mu-meeting-select', { meetingId: meeting.id, meeting });
    emitNavigate(this, 'meeting', meeting.id);
  }

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const state = this.#list.state;
    const body = renderLoaded(lang, this.#list, (list) =>
      list.items.length === 0
        ? html`<p class="muted" part="status">${this.#t('noMeetings')}</p>`
        : this.#renderList(list),
    );
    return html`<section class="meetings" aria-label=${this.#t('meetings')} aria-busy=${state.kind === 'loading'}>
      ${body}
    </section>`;
  }

  #renderList(list: Page<MeetingView>): TemplateResult {
    return html`<ul part="list" class="list">
        ${list.items.map((m) => {
          const current = m.id === this.selected;
          return html`<li>
            <button
              type="button"
              part=${current ? 'item item-current' : 'item'}
              class="item"
              data-meeting-id=${m.id}
              aria-current=${current ? 'true' : nothing}
              @click=${() => this.#select(m)}
            >
              <span class="title">${m.title}</span>
              ${
                // Same title as the meeting it repeats: the list must tell them apart.
                m.attempt > 1
                  ? html`<span part="repeat" class="repeat" data-attempt=${m.attempt}>${this.#t('repeatBadge', { n: m.attempt })}</span>`
                  : nothing
              }
              <span class="meta">
                <span part="phase" class="phase ${m.phase}" data-phase=${m.phase}>${this.#t(PHASE_TEXT[m.phase])}</span>
                <span class="dates"
                  >${this.#t('votingWindow', { from: formatDate(m.votingOpensAt), to: formatDate(m.votingClosesAt) })}</span
                >
              </span>
            </button>
          </li>`;
        })}
      </ul>
      ${renderPager(
        list,
        {
          previous: this.#t('previous'),
          next: this.#t('next'),
          range: this.#t('range', pageRange(list) ?? { from: 0, to: 0, total: 0 }),
        },
        (delta) => (this._page += delta),
      )}`;
  }

  static override styles = [
    baseStyles,
    meetingStyles,
    css`
      .list {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.45rem;
      }
      button.item {
        width: 100%;
        display: grid;
        gap: 0.3rem;
        text-align: start;
        background: var(--mu-color-surface, #fff);
        color: var(--mu-color-text, #1b2430);
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius-small, 8px);
        padding: 0.6rem 0.75rem;
      }
      button.item:hover {
        border-color: var(--mu-color-accent, #0b5fa5);
      }
      button.item[aria-current='true'] {
        border-color: var(--mu-color-accent, #0b5fa5);
        box-shadow: inset 3px 0 0 var(--mu-color-accent, #0b5fa5);
        background: var(--mu-color-selected, #eaf2fc);
      }
      .title {
        font-weight: 600;
      }
      .repeat {
        display: block;
        font-size: 0.85em;
        color: var(--mu-color-warning, #8a5a00);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.3rem 0.7rem;
        font-size: 0.85rem;
        color: var(--mu-color-muted, #5b6675);
      }
      .phase {
        font-size: 0.78rem;
      }
      .pager {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
        margin-top: 0.7rem;
        font-size: 0.85rem;
      }
    `,
  ];
}
