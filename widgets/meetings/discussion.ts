import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { type AgendaItemView, COMMENT_PHASES, type MeetingView } from '../../domain/meetings/types.ts';
import { MuElement } from '../core/element.ts';
import { formatDateTime } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { newIdempotencyKey } from '../core/idempotency.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import type { MeView } from '../core/me.ts';
import { problemText, renderLoading, renderProblem } from '../core/problem-view.ts';
import { problemReason } from '../core/refusal.ts';
import { baseStyles } from '../core/styles.ts';
import { answerComment, type CommentView, getComments, hideComment, postComment } from './client.ts';
import { type DiscussionMessageKey, discussionMessages } from './discussion-messages.ts';
import { meetingStyles } from './styles.ts';

const MAX_BODY = 4000;

/** Which inline form is open: a question under an item, an answer or a moderation reason. */
type Editing = { kind: 'answer' | 'hide'; commentId: string } | null;

/**
 * Questions and comments per agenda item (and general ones), the initiator's answers nested under
 * the question, and moderation: a hidden comment keeps its place and shows the moderator's reason.
 * Who may post, answer or hide is the API's decision; the buttons only follow the caller's roles.
 *
 * @element mu-meeting-discussion
 * @csspart discussion - The section.
 * @csspart thread - The comments of one agenda item.
 * @csspart comment - One comment (also `answer` for the initiator's answers, `hidden` when hidden).
 * @csspart comment-form - A form to post, answer or hide.
 */
export class MuMeetingDiscussion extends MuElement {
  static override properties: PropertyDeclarations = {
    meeting: { attribute: false },
    me: { attribute: false },
    headingLevel: { attribute: 'heading-level', type: Number },
    _editing: { state: true },
    _sending: { state: true },
    _feedback: { state: true },
  };

  declare meeting: MeetingView | undefined;
  declare me: MeView | undefined;
  declare headingLevel: number;
  declare _editing: Editing;
  declare _sending: boolean;
  /** Outcome of the last write, shown next to the form that made it. */
  declare _feedback: { formId: string; ok: boolean; text: string } | null;

  #comments = new KeyedLoader<CommentView[]>(this);

  constructor() {
    super();
    this.headingLevel = 3;
    this._editing = null;
    this._sending = false;
    this._feedback = null;
  }

  protected override willUpdate(): void {
    const { apiBase, token } = this.settings;
    const m = this.meeting;
    const key = m ? JSON.stringify([apiBase, token, m.id, m.phase]) : undefined;
    this.#comments.sync(key, token, (signal) => getComments(m!.id, { ...this.settings, signal }));
  }

  #t(key: DiscussionMessageKey, params?: Record<string, string | number>): string {
    return translate(discussionMessages, this.settings.lang, key, params);
  }

  get #isInitiator(): boolean {
    return !!this.me && this.me.userId === this.meeting?.initiator.userId;
  }

  get #mayModerate(): boolean {
    return this.#isInitiator || !!this.me?.roles.some((r) => r === 'council' || r === 'admin');
  }

  get #mayPost(): boolean {
    if (!this.meeting || !COMMENT_PHASES.includes(this.meeting.phase)) return false;
    return this.#isInitiator || !!this.me?.roles.some((r) => r === 'resident' || r === 'council');
  }

  /** Runs one write for the form `formId`, then reloads the thread; the outcome is announced. */
  async #write(
    form: HTMLFormElement,
    formId: string,
    send: (text: string) => Promise<unknown>,
  ): Promise<void> {
    const field = form.elements.namedItem('text') as HTMLTextAreaElement | HTMLInputElement;
    const text = field.value.trim();
    if (!text || text.length > MAX_BODY) {
      this._feedback = { formId, ok: false, text: this.#t(text ? 'tooLong' : 'empty', { max: MAX_BODY }) };
      field.focus();
      return;
    }
    this._sending = true;
    try {
      await send(text);
      field.value = '';
      this._editing = null;
      this._feedback = { formId, ok: true, text: this.#t('posted') };
      this.#comments.reload();
    } catch (error) {
      const apiError = toApiError(error);
      const reason =
        apiError.status === 400
          ? problemReason(apiError, this.settings.lang)
          : problemText(this.settings.lang, apiError);
      this._feedback = { formId, ok: false, text: this.#t('failed', { reason }) };
      field.focus();
    } finally {
      this._sending = false;
    }
  }

  #post(event: SubmitEvent, itemId: string | null): void {
    event.preventDefault();
    const id = this.meeting!.id;
    const key = newIdempotencyKey();
    void this.#write(event.target as HTMLFormElement, `ask-${itemId ?? 'general'}`, (body) =>
      postComment(id, itemId ? { agendaItemId: itemId, body } : { body }, key, this.settings),
    );
  }

  #answer(event: SubmitEvent, commentId: string): void {
    event.preventDefault();
    const id = this.meeting!.id;
    void this.#write(event.target as HTMLFormElement, `answer-${commentId}`, (body) =>
      answerComment(id, commentId, body, this.settings),
    );
  }

  #hide(event: SubmitEvent, commentId: string): void {
    event.preventDefault();
    const id = this.meeting!.id;
    void this.#write(event.target as HTMLFormElement, `hide-${commentId}`, (reason) =>
      hideComment(id, commentId, reason, this.settings),
    );
  }

  async #open(editing: Editing): Promise<void> {
    this._editing = editing;
    this._feedback = null;
    await this.updateComplete;
    if (editing)
      this.renderRoot
        .querySelector<HTMLElement>(`#${editing.kind}-${editing.commentId} [name="text"]`)
        ?.focus();
  }

  override render(): TemplateResult | typeof nothing {
    const meeting = this.meeting;
    if (!meeting || meeting.phase === 'notice') return nothing;
    const lang = this.settings.lang;
    const level = Math.min(6, Math.max(1, this.headingLevel || 3));
    const state = this.#comments.state;
    const comments = this.#comments.value;
    let body: TemplateResult | TemplateResult[];
    if (state.kind === 'error') body = renderProblem(lang, state.error, () => this.#comments.reload());
    else if (!comments) body = renderLoading(lang);
    else if (comments.length === 0 && !COMMENT_PHASES.includes(meeting.phase)) body = [];
    else {
      const threads: (AgendaItemView | null)[] = [...meeting.agenda, null];
      body = threads.map((item) => this.#renderThread(item, comments, level + 1));
    }
    return html`<section part="discussion" class="discussion" aria-labelledby="discussion-title">
      <div id="discussion-title" class="heading" role="heading" aria-level=${level}>${this.#t('discussion')}</div>
      ${COMMENT_PHASES.includes(meeting.phase) ? nothing : html`<p class="muted">${this.#t('closed')}</p>`} ${body}
    </section>`;
  }

  #renderThread(item: AgendaItemView | null, all: CommentView[], level: number): TemplateResult {
    const itemId = item?.id ?? null;
    const questions = all.filter((c) => (c.agendaItemId ?? null) === itemId && !c.answersCommentId);
    const answers = (id: string) => all.filter((c) => c.answersCommentId === id);
    const title = item ? `${item.position}. ${item.title}` : this.#t('general');
    const threadId = `thread-${itemId ?? 'general'}`;
    return html`<div part="thread" class="thread" data-item-id=${itemId ?? 'general'} aria-labelledby=${threadId}>
      <div id=${threadId} class="thread-title" role="heading" aria-level=${level}>${title}</div>
      ${
        questions.length === 0
          ? html`<p class="muted small">${this.#t('noComments')}</p>`
          : html`<ul class="comments">
              ${questions.map(
                (q) => html`<li>
                  ${this.#renderComment(q)}
                  ${
                    answers(q.id).length > 0
                      ? html`<ul class="answers">
                          ${answers(q.id).map((a) => html`<li>${this.#renderComment(a)}</li>`)}
                        </ul>`
                      : nothing
                  }
                </li>`,
              )}
            </ul>`
      }
      ${this.#mayPost ? this.#renderAskForm(item) : nothing}
    </div>`;
  }

  #renderComment(c: CommentView): TemplateResult {
    const lang = this.settings.lang;
    const answer = c.isAnswer || !!c.answersCommentId;
    const parts = ['comment', answer ? 'answer' : '', c.hidden ? 'hidden' : ''].filter(Boolean).join(' ');
    const editing = this._editing?.commentId === c.id ? this._editing.kind : null;
    const open = this.meeting && COMMENT_PHASES.includes(this.meeting.phase);
    return html`<article part=${parts} class="comment ${answer ? 'answer' : ''}" data-comment-id=${c.id}>
      <p class="meta">
        <strong>${c.authorName}</strong>
        ${answer ? html`<span class="tag">${this.#t('answerFrom')}</span>` : nothing}
        <span class="muted small">${formatDateTime(lang, c.createdAt)}</span>
      </p>
      ${
        c.hidden
          ? html`<p class="hidden-note" data-hidden="true">
              ${this.#t('hiddenBy', { reason: c.hiddenReason ?? '' })}
            </p>`
          : html`<p class="body">${c.body}</p>`
      }
      ${
        !c.hidden && open && editing === null
          ? html`<div class="row actions">
              ${
                this.#isInitiator && !answer
                  ? html`<button type="button" class="secondary" @click=${() => this.#open({ kind: 'answer', commentId: c.id })}>
                      ${this.#t('answer')}
                    </button>`
                  : nothing
              }
              ${
                this.#mayModerate
                  ? html`<button type="button" class="secondary" @click=${() => this.#open({ kind: 'hide', commentId: c.id })}>
                      ${this.#t('hide')}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${editing === 'answer' ? this.#renderInlineForm(c, 'answer') : nothing}
      ${editing === 'hide' ? this.#renderInlineForm(c, 'hide') : nothing}
      ${this.#renderFeedback(`answer-${c.id}`)} ${this.#renderFeedback(`hide-${c.id}`)}
    </article>`;
  }

  #renderInlineForm(c: CommentView, kind: 'answer' | 'hide'): TemplateResult {
    const id = `${kind}-${c.id}`;
    const submit = (e: SubmitEvent) => (kind === 'answer' ? this.#answer(e, c.id) : this.#hide(e, c.id));
    return html`<form id=${id} part="comment-form" class="inline-form" @submit=${submit}>
      <label for="${id}-text">
        ${kind === 'answer' ? this.#t('answerTo', { name: c.authorName }) : this.#t('hideReason')}
      </label>
      ${
        kind === 'answer'
          ? html`<textarea id="${id}-text" name="text" rows="3" maxlength=${MAX_BODY} required></textarea>`
          : html`<input id="${id}-text" name="text" type="text" maxlength="500" required />`
      }
      <div class="row">
        <button type="submit" ?disabled=${this._sending}>
          ${kind === 'answer' ? this.#t('answer') : this.#t('hideConfirm')}
        </button>
        <button type="button" class="secondary" @click=${() => this.#open(null)}>${this.#t('cancel')}</button>
      </div>
      ${this.#renderFeedback(id)}
    </form>`;
  }

  #renderAskForm(item: AgendaItemView | null): TemplateResult {
    const formId = `ask-${item?.id ?? 'general'}`;
    return html`<form id=${formId} part="comment-form" class="ask" @submit=${(e: SubmitEvent) => this.#post(e, item?.id ?? null)}>
      <label for="${formId}-text">${item ? this.#t('askAbout', { item: item.title }) : this.#t('ask')}</label>
      <textarea id="${formId}-text" name="text" rows="2" maxlength=${MAX_BODY}></textarea>
      <div class="row">
        <button type="submit" ?disabled=${this._sending}>${this._sending ? this.#t('posting') : this.#t('post')}</button>
      </div>
      ${this.#renderFeedback(formId)}
    </form>`;
  }

  #renderFeedback(formId: string): TemplateResult | typeof nothing {
    const f = this._feedback;
    if (!f || f.formId !== formId) return nothing;
    return f.ok
      ? html`<p class="feedback muted" role="status">${f.text}</p>`
      : html`<p class="feedback error" role="alert">${f.text}</p>`;
  }

  static override styles = [
    baseStyles,
    meetingStyles,
    css`
      .thread {
        margin-top: 1rem;
      }
      .thread-title {
        font-weight: 650;
        margin-bottom: 0.3rem;
      }
      .comments,
      .answers {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      .answers {
        margin: 0.5rem 0 0 1.5rem;
        padding-inline-start: 0.8rem;
        border-inline-start: 3px solid var(--mu-color-accent, #0b5fa5);
      }
      .comment {
        background: var(--mu-color-comment, #f6f8fa);
        border-radius: var(--mu-radius-small, 6px);
        padding: 0.5rem 0.75rem;
      }
      .comment.answer {
        background: var(--mu-color-answer, #eaf2fc);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem 0.6rem;
        align-items: baseline;
        margin: 0;
      }
      .tag {
        font-size: 0.78rem;
        font-weight: 650;
        color: var(--mu-color-accent, #0b5fa5);
      }
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .hidden-note {
        font-style: italic;
        color: var(--mu-color-muted, #5b6675);
      }
      .ask,
      .inline-form {
        margin-top: 0.6rem;
      }
      .small {
        font-size: 0.85rem;
      }
      .actions button {
        font-size: 0.85rem;
        padding: 0.15em 0.7em;
      }
    `,
  ];
}
