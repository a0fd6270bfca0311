import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Page } from '../../domain/common/page.ts';
import { MuElement } from '../core/element.ts';
import { formatDateTime } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { pageSizeOf, renderPager } from '../core/pager.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { renderRefusal } from '../core/refusal.ts';
import { PendingWrite } from '../core/write.ts';
import { type InboxItem, listInbox, markNoticeRead } from './client.ts';
import { type NotificationMessageKey, notificationMessages } from './messages.ts';
import { notificationStyles } from './styles.ts';

type InboxPage = Page<InboxItem> & { unread: number };

/**
 * The signed-in person's in-app notices, newest first: every notice recorded for them, whichever
 * channel carried it. Unread ones are marked and can be marked read; legal notices say so.
 *
 * @element mu-inbox
 * @attr page-size - Notices per page (default 20).
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-notice-read - `detail: { notice }` after one was marked read.
 * @fires mu-error - `detail: { problem }` when the list cannot be loaded.
 *
 * @csspart card, unread-count, list, notice, unread-badge, legal-badge, mark-read-button, pager,
 *   status, error, retry-button
 */
export class MuInbox extends MuElement {
  static override properties: PropertyDeclarations = {
    pageSize: { attribute: 'page-size', type: Number },
    _page: { state: true },
  };

  declare pageSize: number;
  declare _page: number;

  #list = new KeyedLoader<InboxPage>(this, this.reportError);
  #marking = new PendingWrite(this);

  constructor() {
    super();
    this.pageSize = 20;
    this._page = 1;
  }

  /** Loads the notices again (after the portal learnt of a new one). */
  refresh(): void {
    this.#list.reload();
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const page = this._page;
    const pageSize = pageSizeOf(this.pageSize, 20);
    this.#list.sync(JSON.stringify([apiBase, token, lang, page, pageSize]), token, (signal) =>
      listInbox({ page, pageSize }, { apiBase, token, lang, signal }),
    );
  }

  #t = (key: NotificationMessageKey, params?: Record<string, string | number>): string =>
    translate(notificationMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const body = renderLoaded(lang, this.#list, (list) =>
      list.items.length === 0
        ? html`<p part="status" class="muted">${this.#t('inboxEmpty')}</p>`
        : html`<p part="unread-count" class="muted" data-unread=${list.unread}>${this.#t('unreadCount', { n: list.unread })}</p>
            ${this.#marking.error ? renderRefusal(lang, this.#marking.error, () => undefined) : nothing}
            <ul part="list" class="plain">${list.items.map((n) => this.#renderNotice(n))}</ul>
            ${renderPager(list, { previous: this.#t('previous'), next: this.#t('next') }, (d) => {
              this._page += d;
            })}`,
    );
    return html`<section part="card" class="card" aria-labelledby="inbox-title" aria-busy=${this.#list.state.kind === 'loading'}>
      <h2 id="inbox-title">${this.#t('inboxTitle')}</h2>
      ${body}
    </section>`;
  }

  #renderNotice(n: InboxItem): TemplateResult {
    const lang = this.settings.lang;
    const unread = n.readAt === null;
    return html`<li part="notice" class="notice ${unread ? 'unread' : ''}" data-notice-id=${n.id} data-read=${unread ? 'false' : 'true'}>
      <div class="row">
        <span class="muted">${formatDateTime(lang, n.createdAt)}</span>
        ${unread ? html`<span part="unread-badge" class="badge unread">${this.#t('unread')}</span>` : nothing}
        ${n.legal ? html`<span part="legal-badge" class="badge legal">${this.#t('legal')}</span>` : nothing}
      </div>
      <p class="subject">${n.subject}</p>
      <p class="body">${n.body}</p>
      <div class="row">
        ${n.link && /^https?:\/\//.test(n.link) ? html`<a href=${n.link}>${this.#t('openLinkOf')}</a>` : nothing}
        ${
          unread
            ? html`<button type="button" class="secondary" part="mark-read-button" ?disabled=${this.#marking.busy}
                aria-label=${this.#t('markReadOf', { subject: n.subject })} @click=${() => this.#markRead(n)}>
                ${this.#t('markRead')}
              </button>`
            : html`<span class="muted">${this.#t('readOn', { date: formatDateTime(lang, n.readAt!) })}</span>`
        }
      </div>
    </li>`;
  }

  async #markRead(n: InboxItem): Promise<void> {
    // Marking read is idempotent on the server: a retry needs no key of its own.
    const done = await this.#marking.run(() => markNoticeRead(n.id, this.settings));
    if (!done.ok) return;
    const list = this.#list.value;
    if (list)
      this.#list.set({
        ...list,
        unread: Math.max(0, list.unread - 1),
        items: list.items.map((i) => (i.id === n.id ? done.value : i)),
      });
    this.emit('mu-notice-read', { notice: done.value });
  }

  static override styles = notificationStyles;
}
