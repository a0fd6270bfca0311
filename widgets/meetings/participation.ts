import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { MeetingPhase, ParticipationView } from '../../domain/meetings/types.ts';
import { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatPercent } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { toApiError } from '../core/loader.ts';
import { renderProblem } from '../core/problem-view.ts';
import { baseStyles } from '../core/styles.ts';
import { type BallotMessageKey, ballotMessages } from './ballot-messages.ts';
import { getParticipation } from './client.ts';
import { streamParticipation } from './participation-stream.ts';
import { meetingStyles } from './styles.ts';

/** Fired (bubbling inside <mu-meeting>'s shadow root only) when the server ends the live stream. */
export const STREAM_END_EVENT = 'mu-participation-end';

const RECONNECT_MS = 3_000;

/**
 * Participation counts of one meeting: owners who voted and the share of votes they hold. While
 * voting is open it follows the server's event stream; nothing here reveals how anyone voted.
 *
 * @element mu-meeting-participation
 * @attr meeting-id - The meeting.
 * @attr phase - The meeting's phase as the host knows it; `voting` turns the live stream on.
 * @attr heading-level - Level of the section heading (default 3).
 * @csspart participation - The section.
 * @csspart meter - The bar showing the share of votes that took part.
 * @csspart quorum-mark - The line on the meter at the quorum threshold.
 */
export class MuMeetingParticipation extends MuElement {
  static override properties: PropertyDeclarations = {
    meetingId: { attribute: 'meeting-id' },
    phase: {},
    headingLevel: { attribute: 'heading-level', type: Number },
    quorumPercent: { attribute: 'quorum-percent', type: Number },
    _view: { state: true },
    _error: { state: true },
  };

  declare meetingId: string | undefined;
  declare phase: MeetingPhase | undefined;
  declare headingLevel: number;
  /** The meeting's quorum threshold as a percentage of all votes; drawn as a mark on the meter. */
  declare quorumPercent: number | undefined;
  declare _view: ParticipationView | null;
  declare _error: ApiError | null;

  #key: string | undefined;
  #controller: AbortController | undefined;

  constructor() {
    super();
    this.headingLevel = 3;
    this._view = null;
    this._error = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller?.abort();
    this.#key = undefined;
  }

  protected override willUpdate(): void {
    const { apiBase, token } = this.settings;
    const key = this.meetingId ? JSON.stringify([apiBase, token, this.meetingId, this.phase]) : undefined;
    if (key === this.#key) return;
    this.#key = key;
    this.#controller?.abort();
    if (!key || !token) return;
    const controller = new AbortController();
    this.#controller = controller;
    void this.#follow(this.meetingId!, this.phase === 'voting', controller.signal);
  }

  // One GET for the numbers now, then (while voting) the stream, reconnecting after failures
  // until the server closes it because the phase moved on.
  async #follow(id: string, live: boolean, signal: AbortSignal): Promise<void> {
    const options = { ...this.settings, signal };
    try {
      this._view = await getParticipation(id, options);
      this._error = null;
    } catch (error) {
      if (signal.aborted) return;
      this._error = toApiError(error);
    }
    while (live && !signal.aborted) {
      try {
        await streamParticipation(id, options, (event) => {
          if (event.event !== 'participation') return;
          this._view = JSON.parse(event.data) as ParticipationView;
          this._error = null;
        });
        if (signal.aborted) return;
        // Normally voting is over and the host's reload changes `phase`, which aborts this loop;
        // if the meeting turns out to be still open (a restarted server), listen again.
        this.dispatchEvent(new Event(STREAM_END_EVENT, { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
      } catch (error) {
        if (signal.aborted) return;
        const apiError = toApiError(error);
        // 4xx will not heal by retrying; the last numbers stay on screen.
        if (
          apiError.status >= 400 &&
          apiError.status < 500 &&
          apiError.status !== 408 &&
          apiError.status !== 429
        )
          return;
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
      }
    }
  }

  #t(key: BallotMessageKey, params?: Record<string, string | number>): string {
    return translate(ballotMessages, this.settings.lang, key, params);
  }

  override render(): TemplateResult | typeof nothing {
    const lang = this.settings.lang;
    const view = this._view;
    const level = Math.min(6, Math.max(1, this.headingLevel || 3));
    if (!view && this._error instanceof ApiError) {
      return renderProblem(lang, this._error, () => {
        this.#key = undefined;
        this.requestUpdate();
      });
    }
    if (!view) return nothing;
    const percent = formatPercent(lang, view.participatingWeightPercent);
    const quorum =
      Number.isFinite(this.quorumPercent) && (this.quorumPercent ?? -1) >= 0
        ? Math.min(100, this.quorumPercent!)
        : undefined;
    return html`<section part="participation" class="participation" aria-labelledby="h">
      <div id="h" class="heading" role="heading" aria-level=${level}>${this.#t('participation')}</div>
      <div aria-live="polite" aria-atomic="true">
        <p class="count" data-voted=${view.votedOwners} data-eligible=${view.eligibleOwners}>
          ${this.#t('participationOwners', { voted: view.votedOwners, eligible: view.eligibleOwners })}
        </p>
        <p class="weight" data-percent=${view.participatingWeightPercent}>
          ${this.#t('participationWeight', { percent })}
        </p>
      </div>
      <div
        part="meter"
        class="meter"
        aria-hidden="true"
        style=${styleMap({ '--value': `${Math.min(100, Math.max(0, view.participatingWeightPercent))}%` })}
      >
        ${
          quorum === undefined
            ? nothing
            : html`<span part="quorum-mark" class="quorum-mark" style=${styleMap({ left: `${quorum}%` })}></span>`
        }
      </div>
      ${
        quorum === undefined
          ? nothing
          : html`<p class="muted small quorum" data-quorum=${quorum}>
              ${this.#t('participationQuorum', { percent: formatPercent(lang, quorum) })}
            </p>`
      }
      ${this.phase === 'voting' ? html`<p class="muted small">${this.#t('participationLive')}</p>` : nothing}
    </section>`;
  }

  static override styles = [
    baseStyles,
    meetingStyles,
    css`
      .count {
        font-size: 1.1rem;
        font-weight: 650;
        font-variant-numeric: tabular-nums;
      }
      .meter {
        height: 0.6rem;
        border-radius: 999px;
        background: linear-gradient(
            to right,
            var(--mu-color-accent, #0b5fa5) var(--value),
            transparent var(--value)
          ),
          var(--mu-color-track, #e4e8ee);
        border: 1px solid var(--mu-color-border, #d6dde6);
        position: relative;
      }
      .quorum-mark {
        position: absolute;
        top: -0.25rem;
        bottom: -0.25rem;
        width: 2px;
        margin-left: -1px;
        background: var(--mu-color-text, #1b2430);
      }
      .small {
        font-size: 0.85rem;
      }
    `,
  ];
}
