import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { MeetingView } from '../../domain/meetings/types.ts';
import type { ApiError } from '../core/api.ts';
import { MuElement, type ResolvedSettings } from '../core/element.ts';
import { formatDateTime } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { getMe, type MeView } from '../core/me.ts';
import { navigateOnClick, openHref } from '../core/navigate.ts';
import { renderLoading, renderProblem } from '../core/problem-view.ts';
import { baseStyles, cardHeaderStyles } from '../core/styles.ts';
import { type AgendaMessageKey, agendaMessages } from './agenda-messages.ts';
import { getMeeting } from './client.ts';
import { type MeetingMessageKey, meetingMessages } from './messages.ts';
import { nextRefreshIn } from './refresh.ts';
import { meetingStyles } from './styles.ts';
import {
  CLOSED_PHASES,
  COUNTED_PHASES,
  FORM_TEXT,
  INITIATOR_TEXT,
  ITEM_KIND_TEXT,
  PHASE_TEXT,
  RULE_TEXT,
} from './vocabulary.ts';

/**
 * One general meeting of owners: phase and dates (Asia/Tashkent), the agenda with each item's
 * majority rule in plain words, live participation, the signed-in owner's ballots with receipts,
 * the discussion, and after the close the results chart, "check my ballot" and the protocol.
 * It follows the meeting through its phases by itself (timers at the scheduled instants, the
 * participation stream while voting is open).
 *
 * @element mu-meeting
 * @attr meeting-id - The meeting to show; changing it loads the new one.
 * @attr heading-level - Level of the title heading in the host page's outline (1–6, default 2).
 * @attr api-base - Origin serving `/api/v1`; defaults to configure(), then the script's origin.
 * @attr token - Bearer token; defaults to configure(). Prefer configure(): attributes are visible.
 * @attr lang - `uz`, `ru` or `en`; defaults to configure(), then `<html lang>`, then `uz`.
 *
 * @fires mu-meeting-loaded - `detail: { meeting }` when a meeting loads and whenever it changes (phase, dates,
 *   signatures).
 * @fires mu-ballot-cast - `detail: { receipt, choices }` after each acknowledged ballot.
 * @fires mu-error - `detail: { problem }` when the meeting cannot be loaded.
 *
 * @cssprop --mu-phase-upcoming - Phase badge before voting (`--mu-phase-upcoming-text` for its text).
 * @cssprop --mu-phase-voting - Phase badge while voting (`--mu-phase-voting-text`).
 * @cssprop --mu-phase-closed - Phase badge after the close (`--mu-phase-closed-text`).
 * @cssprop --mu-phase-stopped - Phase badge when cancelled or failed (`--mu-phase-stopped-text`).
 * @cssprop --mu-result-for - Bars of “for” (also `--mu-result-against`, `--mu-result-abstain`).
 * @cssprop --mu-result-accepted - Outcome “accepted” (`--mu-result-rejected` for “not accepted”).
 * @cssprop --mu-color-success - Receipt and verified checks (`--mu-color-success-surface`).
 * @cssprop --mu-font-mono - Trackers and hashes.
 *
 * @csspart card - The outer box.
 * @csspart header - Kind, title and phase.
 * @csspart title - The title heading.
 * @csspart phase - The phase badge.
 * @csspart details - Initiator, form and dates.
 * @csspart agenda - The agenda list.
 * @csspart error - Error state.
 * @csspart retry-button - Retry after a network or server error.
 * @csspart participation, meter, voting, ballot, item, submit-button, receipt, tracker, check-button,
 *   check-result, results, result-item, bar, outcome, download-button, discussion, thread, comment,
 *   comment-form - Exported from the inner elements.
 */
export class MuMeeting extends MuElement {
  static override properties: PropertyDeclarations = {
    meetingId: { attribute: 'meeting-id' },
    headingLevel: { attribute: 'heading-level', type: Number },
  };

  declare meetingId: string | undefined;
  declare headingLevel: number;

  #meeting = new KeyedLoader<MeetingView>(this, (error) => this.emit('mu-error', { problem: error.problem }));
  #me = new KeyedLoader<MeView>(this);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #shown: MeetingView | null = null;
  #announced: string | undefined;

  constructor() {
    super();
    this.headingLevel = 2;
  }

  /** Loads the meeting again now, e.g. after the portal cancelled or postponed it. */
  refresh(): void {
    this.#meeting.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#shown = null;
  }

  protected override willUpdate(): void {
    const { apiBase, token } = this.settings;
    const id = this.meetingId?.trim();
    const key = id ? JSON.stringify([apiBase, token, id]) : undefined;
    const previousId = this.#meeting.value?.id;
    this.#meeting.sync(
      key,
      token,
      (signal) => getMeeting(id!, { ...this.settings, signal }),
      previousId === id,
    );
    this.#me.sync(id ? JSON.stringify([apiBase, token]) : undefined, token, (signal) =>
      getMe({ ...this.settings, signal }),
    );
  }

  // Phases move on the server at scheduled instants; the widget looks again around then.
  protected override updated(): void {
    const meeting = this.#meeting.state.kind === 'ready' ? this.#meeting.value : null;
    if (!meeting || meeting === this.#shown) return;
    this.#shown = meeting;
    // Polling returns equal copies most of the time; only a real change is announced.
    const announce = JSON.stringify(meeting);
    if (announce !== this.#announced) {
      this.#announced = announce;
      this.emit('mu-meeting-loaded', { meeting });
    }
    clearTimeout(this.#timer);
    const delay = nextRefreshIn(meeting, Date.now());
    if (delay !== null) this.#timer = setTimeout(() => this.#meeting.reload(), delay);
  }

  #t(key: MeetingMessageKey, params?: Record<string, string | number>): string {
    return translate(meetingMessages, this.settings.lang, key, params);
  }

  #a(key: AgendaMessageKey): string {
    return translate(agendaMessages, this.settings.lang, key);
  }

  override render(): TemplateResult {
    const settings = this.settings;
    const state = this.#meeting.state;
    const meeting = this.#meeting.value;
    if (state.kind === 'idle') {
      return html`<div part="card status" class="card status muted">${this.#t('noMeeting')}</div>`;
    }
    if (state.kind === 'error') return this.#renderError(state.error);
    if (!meeting) return html`<div part="card" class="card">${renderLoading(settings.lang)}</div>`;
    return this.#renderMeeting(meeting, settings);
  }

  /** The first attempt, as a link a portal routes (mu-navigate) or follows (`?open=meeting:<id>`). */
  #renderRepeatOf(first: { id: string; title: string }): TemplateResult {
    return html`<p part="repeat-of" class="note">
      ${this.#t('repeatOf')}
      <a href=${openHref('meeting', first.id)} data-meeting-id=${first.id} @click=${navigateOnClick(this, 'meeting', first.id)}
        >${first.title}</a
      >
    </p>`;
  }

  #renderError(error: ApiError): TemplateResult {
    return html`<div part="card" class="card">
      ${renderProblem(this.settings.lang, error, () => this.#meeting.reload(), {
        forbidden: this.#t('meetingForbidden'),
        notFound: this.#t('meetingNotFound'),
      })}
    </div>`;
  }

  #renderMeeting(m: MeetingView, s: ResolvedSettings): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 2));
    const sub = Math.min(6, level + 1);
    const me = this.#me.value ?? undefined;
    // Inner elements get the resolved settings explicitly: they sit in this shadow root, where the
    // host page's attributes on <mu-meeting> would not reach them.
    const inner = { lang: s.lang, apiBase: s.apiBase, token: s.token ?? undefined };
    const showResults = m.phase === 'counting' || CLOSED_PHASES.includes(m.phase);
    const showVoting = !!me?.roles.includes('resident') && !!me.personId && m.phase !== 'cancelled';
    return html`<article part="card" class="card" aria-labelledby="title" data-phase=${m.phase}>
      <header part="header" class="header">
        <div>
          <p class="kind muted">${this.#a(m.kind === 'annual' ? 'kindAnnual' : 'kindExtraordinary')}</p>
          <div id="title" part="title" class="title" role="heading" aria-level=${level}>${m.title}</div>
        </div>
        <span part="phase" class="phase ${m.phase}" data-phase=${m.phase}>${this.#t(PHASE_TEXT[m.phase])}</span>
      </header>
      ${m.attempt > 1 ? html`<p class="note">${this.#t('attempt', { n: m.attempt })}</p>` : nothing}
      ${m.repeatOf ? this.#renderRepeatOf(m.repeatOf) : nothing}
      ${
        m.phase === 'cancelled'
          ? html`<p class="error" data-cancelled>${this.#t('cancelledBecause', { reason: m.cancelledReason ?? '' })}</p>`
          : nothing
      }
      ${this.#renderDetails(m)}
      <section class="section" aria-labelledby="agenda-title">
        <div id="agenda-title" class="heading" role="heading" aria-level=${sub}>${this.#t('agenda')}</div>
        <ol part="agenda" class="agenda">
          ${m.agenda.map(
            (item) => html`<li data-item-id=${item.id}>
              <span class="item-title">${item.title}</span>
              <span class="chip">${this.#a(ITEM_KIND_TEXT[item.kind])}</span>
              ${item.description ? html`<p class="description">${item.description}</p>` : nothing}
              <p class="rule" data-rule=${item.rule}>${this.#a(RULE_TEXT[item.rule])}</p>
            </li>`,
          )}
        </ol>
      </section>
      ${
        COUNTED_PHASES.includes(m.phase)
          ? html`<div class="section">
              <mu-meeting-participation
                lang=${inner.lang}
                .apiBase=${inner.apiBase}
                .token=${inner.token}
                meeting-id=${m.id}
                phase=${m.phase}
                quorum-percent=${(100 * m.quorumShare.numerator) / m.quorumShare.denominator}
                heading-level=${sub}
                exportparts="participation, meter, quorum-mark"
                @mu-participation-end=${() => this.#meeting.reload()}
              ></mu-meeting-participation>
            </div>`
          : nothing
      }
      ${
        showResults
          ? html`<div class="section">
        <mu-meeting-results
          lang=${inner.lang}
          .apiBase=${inner.apiBase}
          .token=${inner.token}
          .meeting=${m}
          heading-level=${sub}
          exportparts="results, result-item, bar, bar-for, bar-against, bar-abstain, outcome, protocol, download-button"
        ></mu-meeting-results>
      </div>`
          : nothing
      }
      ${
        showVoting
          ? html`<div class="section">
        <mu-meeting-voting
          lang=${inner.lang}
          .apiBase=${inner.apiBase}
          .token=${inner.token}
          .meeting=${m}
          .me=${me}
          heading-level=${sub}
          exportparts="voting, ballot, item, submit-button, receipt, tracker, check-button, check-result"
        ></mu-meeting-voting>
      </div>`
          : nothing
      }
      ${
        m.phase !== 'notice'
          ? html`<div class="section">
        <mu-meeting-discussion
          lang=${inner.lang}
          .apiBase=${inner.apiBase}
          .token=${inner.token}
          .meeting=${m}
          .me=${me}
          heading-level=${sub}
          exportparts="discussion, thread, comment, answer, hidden, comment-form"
        ></mu-meeting-discussion>
      </div>`
          : nothing
      }
    </article>`;
  }

  #renderDetails(m: MeetingView): TemplateResult {
    const lang = this.settings.lang;
    const fact = (key: MeetingMessageKey, value: string, name: string) =>
      html`<div class="fact" data-fact=${name}><dt>${this.#t(key)}</dt><dd>${value}</dd></div>`;
    return html`<dl part="details" class="details">
        ${fact('initiatedBy', this.#t(INITIATOR_TEXT[m.initiator.kind], { name: m.initiator.name }), 'initiator')}
        ${fact('form', this.#a(FORM_TEXT[m.form]), 'form')}
        ${fact('noticeAt', formatDateTime(lang, m.noticeAt), 'noticeAt')}
        ${fact('votingOpens', formatDateTime(lang, m.votingOpensAt), 'votingOpensAt')}
        ${fact('votingCloses', formatDateTime(lang, m.votingClosesAt), 'votingClosesAt')}
        ${m.appealWindowEndsAt ? fact('appealUntil', formatDateTime(lang, m.appealWindowEndsAt), 'appealWindowEndsAt') : nothing}
      </dl>
      <p class="muted small">${this.#t('timezone')}</p>`;
  }

  static override styles = [
    baseStyles,
    cardHeaderStyles,
    meetingStyles,
    css`
      .details {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
        gap: 0.7rem 1.25rem;
        margin: 0;
      }
      dt {
        font-size: 0.8rem;
        color: var(--mu-color-muted, #5b6675);
      }
      dd {
        margin: 0.1rem 0 0;
        font-weight: 600;
      }
      .small {
        font-size: 0.85rem;
      }
      .note {
        font-weight: 600;
      }
      .agenda {
        margin: 0;
        padding-inline-start: 1.4rem;
        display: grid;
        gap: 0.7rem;
      }
      .item-title {
        font-weight: 650;
      }
      .chip {
        display: inline-block;
        margin-inline-start: 0.4rem;
        padding: 0 0.5em;
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: 999px;
        font-size: 0.78rem;
        color: var(--mu-color-muted, #5b6675);
      }
      .description {
        white-space: pre-wrap;
      }
      .rule {
        font-size: 0.88rem;
        color: var(--mu-color-muted, #5b6675);
      }
    `,
  ];
}
