import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Choice } from '../../domain/meetings/decide.ts';
import { SECRET_PATTERN } from '../../domain/meetings/tracker.ts';
import type { BallotReceipt, MeetingView, MyBallotView } from '../../domain/meetings/types.ts';
import { MuElement } from '../core/element.ts';
import { formatDateTime, formatPercent } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import type { MeView } from '../core/me.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { loadWithRetry } from '../core/retry-import.ts';
import { baseStyles } from '../core/styles.ts';
import { type BallotMessageKey, ballotMessages } from './ballot-messages.ts';
import type { CheckOutcome } from './check.ts';
import { choiceMessages } from './choice-messages.ts';
import { getMyBallots, getMyRights, getResults, type ResultsView, type VotingRight } from './client.ts';
import { meetingStyles } from './styles.ts';
import { CLOSED_PHASES } from './vocabulary.ts';

interface Votes {
  rights: VotingRight[];
  ballots: MyBallotView[];
}

type CheckState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; results: ResultsView; outcomes: Map<string, CheckOutcome> }
  | { kind: 'error'; message: string };

/** The check and its outcomes' words (check-view.ts), once a voter asked for the check. */
let checkView: typeof import('./check-view.ts') | undefined;

const rightKey = (r: { apartmentId: string; ownerId: string }) => `${r.apartmentId}:${r.ownerId}`;

/**
 * The signed-in owner's part of a meeting: before voting, when it opens; during voting, one
 * <mu-meeting-ballot> per voting right (own shares of co-owned apartments and proxies each vote
 * separately); after the close, the ballots cast and "check my ballot" against the published list.
 *
 * @element mu-meeting-voting
 * @csspart voting - The section.
 * @csspart check-button - Starts the check of one's ballots after the close.
 * @csspart check-result - The outcome of the check.
 */
export class MuMeetingVoting extends MuElement {
  static override properties: PropertyDeclarations = {
    meeting: { attribute: false },
    me: { attribute: false },
    headingLevel: { attribute: 'heading-level', type: Number },
    _check: { state: true },
  };

  declare meeting: MeetingView | undefined;
  declare me: MeView | undefined;
  declare headingLevel: number;
  declare _check: CheckState;

  #votes = new KeyedLoader<Votes>(this);

  constructor() {
    super();
    this.headingLevel = 3;
    this._check = { kind: 'idle' };
  }

  get #isOwner(): boolean {
    return !!this.me?.roles.includes('resident') && !!this.me.personId;
  }

  protected override willUpdate(): void {
    const { apiBase, token } = this.settings;
    const m = this.meeting;
    const key =
      m && this.#isOwner && m.phase !== 'cancelled'
        ? JSON.stringify([apiBase, token, m.id, m.phase, this.me!.personId])
        : undefined;
    this.#votes.sync(key, token, async (signal) => {
      const options = { ...this.settings, signal };
      const [rights, ballots] = await Promise.all([
        getMyRights(m!.id, options),
        getMyBallots(m!.id, options),
      ]);
      return { rights, ballots };
    });
  }

  #t(key: BallotMessageKey, params?: Record<string, string | number>): string {
    return translate(ballotMessages, this.settings.lang, key, params);
  }

  #onCast = (event: Event): void => {
    const { receipt, choices } = (
      event as CustomEvent<{ receipt: BallotReceipt; choices: Record<string, Choice> }>
    ).detail;
    const votes = this.#votes.value;
    if (!votes) return;
    const right = votes.rights.find((r) => rightKey(r) === rightKey(receipt));
    const ballot: MyBallotView = {
      ...receipt,
      choices,
      weightPercent: right?.weightPercent ?? 0,
      viaProxy: right?.viaProxy ?? false,
    };
    const others = votes.ballots.filter((b) => rightKey(b) !== rightKey(receipt));
    this.#votes.set({ rights: votes.rights, ballots: [...others, ballot] });
  };

  async #checkAll(): Promise<void> {
    const meeting = this.meeting!;
    const votes = this.#votes.value!;
    this._check = { kind: 'checking' };
    try {
      const [view, results] = await Promise.all([
        checkView ?? loadWithRetry(() => import('./check-view.ts')),
        getResults(meeting.id, this.settings),
      ]);
      checkView = view;
      const outcomes = new Map<string, CheckOutcome>();
      for (const right of votes.rights) {
        const ballot = votes.ballots.find((b) => rightKey(b) === rightKey(right)) ?? null;
        outcomes.set(rightKey(right), await view.checkBallot(meeting.id, right, ballot, results.ballots));
      }
      this._check = { kind: 'done', results, outcomes };
    } catch (error) {
      const apiError = toApiError(error);
      this._check = {
        kind: 'error',
        message:
          apiError.status === 409 && checkView
            ? checkView.checkText(this.settings.lang, 'resultsNotReady')
            : apiError.message,
      };
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#check-result')?.focus();
  }

  async #checkWithSecret(event: SubmitEvent, right: VotingRight): Promise<void> {
    event.preventDefault();
    const check = this._check;
    if (check.kind !== 'done' || !checkView) return;
    const form = event.target as HTMLFormElement;
    const secret = String(new FormData(form).get('secret') ?? '')
      .trim()
      .toLowerCase();
    const ballot = this.#votes.value?.ballots.find((b) => rightKey(b) === rightKey(right)) ?? null;
    const outcome: CheckOutcome = SECRET_PATTERN.test(secret)
      ? await checkView.checkBallot(this.meeting!.id, right, ballot, check.results.ballots, secret)
      : { kind: 'bad-secret' };
    const outcomes = new Map(check.outcomes).set(rightKey(right), outcome);
    this._check = { ...check, outcomes };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#check-result')?.focus();
  }

  override render(): TemplateResult | typeof nothing {
    const meeting = this.meeting;
    if (!meeting || !this.#isOwner || meeting.phase === 'cancelled') return nothing;
    const lang = this.settings.lang;
    const level = Math.min(6, Math.max(1, this.headingLevel || 3));
    const body = renderLoaded(lang, this.#votes, (votes) => this.#renderVotes(meeting, votes, level + 1));
    return html`<section part="voting" class="voting" aria-labelledby="voting-title" @mu-ballot-cast=${this.#onCast}>
      <div id="voting-title" class="heading" role="heading" aria-level=${level}>${this.#t('yourVote')}</div>
      ${body}
    </section>`;
  }

  #renderVotes(meeting: MeetingView, votes: Votes, level: number): TemplateResult {
    const lang = this.settings.lang;
    if (votes.rights.length === 0) return html`<p class="muted">${this.#t('notVoter')}</p>`;
    const several =
      votes.rights.length > 1 ? html`<p>${this.#t('votesHeld', { n: votes.rights.length })}</p>` : nothing;
    if (meeting.phase === 'notice' || meeting.phase === 'discussion') {
      return html`<p>${this.#t('votingOpensOn', { date: formatDateTime(lang, meeting.votingOpensAt) })}</p>
        ${several}
        <ul class="rights">
          ${votes.rights.map((r) => html`<li>${this.#rightLabel(r)}</li>`)}
        </ul>`;
    }
    if (meeting.phase === 'voting') {
      return html`${several}
        <div class="ballots">
          ${votes.rights.map(
            // Drawn by position: a ballot given another right starts afresh (ballot.ts willUpdate).
            (right) => html`<mu-meeting-ballot
              lang=${lang}
              .apiBase=${this.settings.apiBase}
              .token=${this.settings.token ?? undefined}
              .meeting=${meeting}
              .right=${right}
              .ballot=${votes.ballots.find((b) => rightKey(b) === rightKey(right)) ?? null}
              heading-level=${level}
              exportparts="ballot, item, submit-button, receipt, tracker"
            ></mu-meeting-ballot>`,
          )}
        </div>`;
    }
    return this.#renderClosed(meeting, votes);
  }

  #rightLabel(right: VotingRight): string {
    const percent = formatPercent(this.settings.lang, right.weightPercent);
    const who = right.viaProxy
      ? this.#t('proxyShare', { name: right.ownerName, percent })
      : this.#t('ownShare', { percent });
    return `${this.#t('apartment', { number: right.apartmentNumber })} — ${who}`;
  }

  #renderClosed(meeting: MeetingView, votes: Votes): TemplateResult {
    const check = this._check;
    const closed = CLOSED_PHASES.includes(meeting.phase);
    const anyBad =
      check.kind === 'error' ||
      (check.kind === 'done' &&
        [...check.outcomes.values()].some((o) => o.kind === 'missing' || o.kind === 'altered'));
    return html`<ul class="closed">
        ${votes.rights.map((right) => {
          const ballot = votes.ballots.find((b) => rightKey(b) === rightKey(right));
          return html`<li data-right=${rightKey(right)}>
            <strong>${this.#rightLabel(right)}</strong>
            ${ballot ? this.#renderCast(meeting, ballot) : html`<p class="muted">${this.#t('noBallot')}</p>`}
          </li>`;
        })}
      </ul>
      ${
        closed
          ? html`<button
              type="button"
              part="check-button"
              ?disabled=${check.kind === 'checking'}
              @click=${() => this.#checkAll()}
            >
              ${check.kind === 'checking' ? this.#t('checking') : this.#t('check')}
            </button>`
          : nothing
      }
      ${
        check.kind === 'done' || check.kind === 'error'
          ? html`<div
              id="check-result"
              part="check-result"
              class="check-result"
              tabindex="-1"
              role=${anyBad ? 'alert' : 'status'}
            >
              ${
                check.kind === 'error'
                  ? html`<p class="error">${check.message}</p>`
                  : votes.rights.map((right) =>
                      this.#renderOutcome(right, check.outcomes.get(rightKey(right))),
                    )
              }
            </div>`
          : nothing
      }`;
  }

  #renderCast(meeting: MeetingView, ballot: MyBallotView): TemplateResult {
    return html`<p>
        ${this.#t('tracker')}:
        <code class="hash" data-tracker=${ballot.tracker}>${ballot.tracker}</code>
      </p>
      <p class="muted">
        ${this.#t('yourChoices')}:
        ${meeting.agenda
          .map((item, i) => {
            const choice = ballot.choices[item.id];
            return `${i + 1}. ${choice ? translate(choiceMessages, this.settings.lang, choice) : '—'}`;
          })
          .join('; ')}
      </p>`;
  }

  #renderOutcome(right: VotingRight, outcome: CheckOutcome | undefined): TemplateResult | typeof nothing {
    if (!outcome || !checkView) return nothing;
    return checkView.renderOutcome(
      this.settings.lang,
      this.#rightLabel(right),
      rightKey(right),
      outcome,
      this.#t('noBallot'),
      (e) => this.#checkWithSecret(e, right),
    );
  }

  static override styles = [
    baseStyles,
    meetingStyles,
    css`
      .ballots {
        display: grid;
        gap: 1.4rem;
      }
      .rights,
      .closed {
        padding-inline-start: 1.2rem;
      }
      .closed li {
        margin-bottom: 0.6rem;
      }
      .check-result {
        margin-top: 0.8rem;
        display: grid;
        gap: 0.5rem;
      }
      .secret-form label {
        font-weight: 500;
      }
      .secret-form input {
        flex: 1;
        min-width: 16rem;
      }
    `,
  ];
}
