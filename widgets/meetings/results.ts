import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { sha256Hex } from '../../domain/common/sha256.ts';
import { CHOICES, type Choice, type ItemDecision } from '../../domain/meetings/decide.ts';
import { ballotSetHash } from '../../domain/meetings/tracker.ts';
import type { AgendaItemView, MeetingView } from '../../domain/meetings/types.ts';
import { percentOf } from '../../domain/meetings/weights.ts';
import { MuElement } from '../core/element.ts';
import { formatNumber, formatPercent } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { problemText, renderLoading, renderProblem } from '../core/problem-view.ts';
import { baseStyles } from '../core/styles.ts';
import { tableScroll, tableScrollStyles } from '../core/table-scroll.ts';
import { agendaMessages } from './agenda-messages.ts';
import { choiceMessages } from './choice-messages.ts';
import { getProtocolPdf, getResults, type ResultsView } from './client.ts';
import { type ResultsMessageKey, resultsMessages } from './results-messages.ts';
import { meetingStyles } from './styles.ts';
import { CLOSED_PHASES, RULE_TEXT } from './vocabulary.ts';

interface Loaded {
  results: ResultsView;
  /** The published ballot set, rehashed here; null where WebCrypto is unavailable (plain http). */
  setHashMatches: boolean | null;
}

type Download =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; sha256: string; matches: boolean }
  | { kind: 'error'; message: string };

/**
 * Results of a closed meeting: quorum, and per agenda item a bar chart with a data table of the
 * same numbers, the outcome in words, the published ballot set with its hash recomputed in the
 * browser, and the protocol PDF whose SHA-256 is checked on download.
 *
 * @element mu-meeting-results
 * @csspart results - The section.
 * @csspart result-item - One agenda item's chart and table.
 * @csspart bar - A bar (also `bar-for`, `bar-against`, `bar-abstain`).
 * @csspart outcome - Accepted / not accepted.
 * @csspart download-button - Downloads the protocol.
 */
export class MuMeetingResults extends MuElement {
  static override properties: PropertyDeclarations = {
    meeting: { attribute: false },
    headingLevel: { attribute: 'heading-level', type: Number },
    _download: { state: true },
  };

  declare meeting: MeetingView | undefined;
  declare headingLevel: number;
  declare _download: Download;

  #loader = new KeyedLoader<Loaded>(this);

  constructor() {
    super();
    this.headingLevel = 3;
    this._download = { kind: 'idle' };
  }

  protected override willUpdate(): void {
    const { apiBase, token } = this.settings;
    const m = this.meeting;
    const key =
      m && CLOSED_PHASES.includes(m.phase)
        ? JSON.stringify([apiBase, token, m.id, m.phase, m.protocol?.sha256 ?? null])
        : undefined;
    this.#loader.sync(key, token, async (signal) => {
      const results = await getResults(m!.id, { ...this.settings, signal });
      const setHashMatches = globalThis.crypto?.subtle
        ? (await ballotSetHash(results.ballots)) === results.ballotSetSha256
        : null;
      return { results, setHashMatches };
    });
  }

  #t(key: ResultsMessageKey, params?: Record<string, string | number>): string {
    return translate(resultsMessages, this.settings.lang, key, params);
  }

  async #downloadProtocol(expected: string): Promise<void> {
    const meeting = this.meeting!;
    this._download = { kind: 'busy' };
    try {
      const { bytes, headers } = await getProtocolPdf(meeting.id, this.settings);
      const sha256 = await sha256Hex(bytes);
      const announced = headers.get('X-Content-SHA256')?.toLowerCase();
      const matches = sha256 === expected && (!announced || announced === sha256);
      this._download = { kind: 'done', sha256, matches };
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `protocol-${meeting.id}.pdf`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this._download = { kind: 'error', message: problemText(this.settings.lang, toApiError(error)) };
    }
  }

  override render(): TemplateResult | typeof nothing {
    const meeting = this.meeting;
    if (!meeting) return nothing;
    const lang = this.settings.lang;
    const level = Math.min(6, Math.max(1, this.headingLevel || 3));
    let body: TemplateResult;
    const state = this.#loader.state;
    const loaded = this.#loader.value;
    if (meeting.phase === 'counting') body = html`<p role="status">${this.#t('counting')}</p>`;
    else if (!CLOSED_PHASES.includes(meeting.phase)) return nothing;
    else if (state.kind === 'error' && state.error.status === 409)
      body = html`<p role="status">${this.#t('counting')}</p>`;
    else if (state.kind === 'error') body = renderProblem(lang, state.error, () => this.#loader.reload());
    else if (!loaded) body = renderLoading(lang);
    else body = this.#renderResults(meeting, loaded, level + 1);
    return html`<section part="results" class="results" aria-labelledby="results-title">
      <div id="results-title" class="heading" role="heading" aria-level=${level}>${this.#t('results')}</div>
      ${body}
    </section>`;
  }

  #renderResults(meeting: MeetingView, loaded: Loaded, level: number): TemplateResult {
    const { decision } = loaded.results;
    const lang = this.settings.lang;
    const participating = formatPercent(lang, percentOf(decision.participatingWeight, decision.totalWeight));
    return html`<p
        class=${decision.quorumReached ? 'quorum ok' : 'quorum error'}
        data-quorum=${decision.quorumReached ? 'reached' : 'missed'}
      >
        ${this.#t(decision.quorumReached ? 'quorumReached' : 'quorumMissed', { percent: participating })}
      </p>
      ${meeting.agenda.map((item, index) => {
        const d = decision.items.find((x) => x.itemId === item.id);
        return d ? this.#renderItem(item, index + 1, d, decision.totalWeight, level) : nothing;
      })}
      ${this.#renderBallotSet(loaded)} ${this.#renderProtocol(meeting, loaded.results, level)}`;
  }

  #renderItem(
    item: AgendaItemView,
    n: number,
    d: ItemDecision,
    total: number,
    level: number,
  ): TemplateResult {
    const lang = this.settings.lang;
    const cast = d.for + d.against + d.abstain;
    const pct = (w: number, of: number) => formatPercent(lang, percentOf(w, of));
    const label = (row: Choice) => translate(choiceMessages, lang, row);
    const outcome = this.#t(d.accepted ? 'accepted' : 'notAccepted');
    return html`<figure part="result-item" class="item" data-item-id=${item.id} aria-labelledby="item-${item.id}">
      <figcaption>
        <div id="item-${item.id}" class="item-title" role="heading" aria-level=${level}>${n}. ${item.title}</div>
        <span
          part="outcome"
          class="outcome ${d.accepted ? 'accepted' : 'rejected'}"
          data-accepted=${String(d.accepted)}
          aria-label=${this.#t('outcome', { value: outcome })}
          role="img"
          ><span aria-hidden="true">${d.accepted ? '✓' : '✗'}</span> ${outcome}</span
        >
        <p class="muted rule">${translate(agendaMessages, lang, RULE_TEXT[d.rule])}</p>
      </figcaption>
      <div
        class="bars"
        role="img"
        aria-label=${this.#t('chartLabel', { n, for: pct(d.for, total), against: pct(d.against, total), abstain: pct(d.abstain, total) })}
      >
        ${CHOICES.map(
          (row) => html`<div class="bar-row" aria-hidden="true">
            <span class="bar-label">${label(row)}</span>
            <span class="track"
              ><span
                part="bar bar-${row}"
                class="bar ${row}"
                style=${styleMap({ width: `${percentOf(d[row], total)}%` })}
              ></span
            ></span>
            <span class="bar-value">${pct(d[row], total)}%</span>
          </div>`,
        )}
      </div>
      ${tableScroll(
        this.#t('tableCaption', { n }),
        html`<table>
        <caption class="visually-hidden">${this.#t('tableCaption', { n })}</caption>
        <thead>
          <tr>
            <th scope="col">${this.#t('answer')}</th>
            <th scope="col">${this.#t('voteUnits')}</th>
            <th scope="col">${this.#t('shareOfAll')}</th>
            <th scope="col">${this.#t('shareOfCast')}</th>
          </tr>
        </thead>
        <tbody>
          ${CHOICES.map(
            (row) => html`<tr data-choice=${row}>
              <th scope="row">${label(row)}</th>
              <td>${formatNumber(lang, d[row], 0)}</td>
              <td>${pct(d[row], total)}%</td>
              <td>${pct(d[row], cast)}%</td>
            </tr>`,
          )}
          <tr data-choice="none">
            <th scope="row">${this.#t('notVoted')}</th>
            <td>${formatNumber(lang, total - cast, 0)}</td>
            <td>${pct(total - cast, total)}%</td>
            <td></td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${this.#t('total')}</th>
            <td>${formatNumber(lang, total, 0)}</td>
            <td>100%</td>
            <td></td>
          </tr>
        </tfoot>
      </table>`,
      )}
    </figure>`;
  }

  #renderBallotSet(loaded: Loaded): TemplateResult {
    const { results, setHashMatches } = loaded;
    return html`<div class="ballot-set" data-ballots=${results.ballots.length}>
      <p>${this.#t('published', { n: results.ballots.length })}</p>
      <p>${this.#t('ballotSetHash')}: <code class="hash" data-hash="ballot-set">${results.ballotSetSha256}</code></p>
      ${
        setHashMatches === null
          ? nothing
          : html`<p class=${setHashMatches ? 'verified' : 'error'} data-verified=${String(setHashMatches)}>
              ${this.#t(setHashMatches ? 'ballotSetOk' : 'ballotSetBad')}
            </p>`
      }
    </div>`;
  }

  #renderProtocol(meeting: MeetingView, results: ResultsView, level: number): TemplateResult {
    const sha = results.protocolSha256 ?? meeting.protocol?.sha256 ?? null;
    const download = this._download;
    const signed = meeting.protocol;
    return html`<div class="protocol" part="protocol">
      <div class="item-title" role="heading" aria-level=${level}>${this.#t('protocol')}</div>
      ${
        !sha
          ? html`<p class="muted">${this.#t('protocolPending')}</p>`
          : html`<p>${this.#t('protocolHash')}: <code class="hash" data-hash="protocol">${sha}</code></p>
              <p class="muted small">${this.#t('verifyHint')}</p>
              ${
                signed
                  ? html`<ul class="signatures">
                      <li data-signed=${String(signed.signedByChair)}>
                        ${this.#t(signed.signedByChair ? 'chairSigned' : 'chairUnsigned')}
                      </li>
                      <li data-signed=${String(signed.signedBySecretary)}>
                        ${this.#t(signed.signedBySecretary ? 'secretarySigned' : 'secretaryUnsigned')}
                      </li>
                    </ul>`
                  : nothing
              }
              <button
                type="button"
                part="download-button"
                ?disabled=${download.kind === 'busy'}
                @click=${() => this.#downloadProtocol(sha)}
              >
                ${download.kind === 'busy' ? this.#t('downloading') : this.#t('download')}
              </button>
              <div role="status" class="download-status">
                ${
                  download.kind === 'done'
                    ? html`<p class=${download.matches ? 'verified' : 'error'} data-verified=${String(download.matches)}>
                        ${this.#t(download.matches ? 'protocolOk' : 'protocolBad')}
                      </p>`
                    : download.kind === 'error'
                      ? html`<p class="error">${download.message}</p>`
                      : nothing
                }
              </div>`
      }
    </div>`;
  }

  static override styles = [
    baseStyles,
    meetingStyles,
    tableScrollStyles,
    css`
      .quorum {
        font-weight: 600;
      }
      .item {
        margin: 1rem 0 0;
        padding: 0.8rem 0.9rem;
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius-small, 6px);
      }
      .item-title {
        font-weight: 650;
        display: inline;
        margin-inline-end: 0.6rem;
      }
      .rule {
        font-size: 0.85rem;
      }
      .outcome {
        display: inline-block;
        padding: 0.1em 0.6em;
        border-radius: 999px;
        font-size: 0.85rem;
        font-weight: 650;
        border: 1px solid currentColor;
      }
      .outcome.accepted {
        color: var(--mu-result-accepted, #1a7f37);
      }
      .outcome.rejected {
        color: var(--mu-result-rejected, #b42318);
      }
      .bars {
        display: grid;
        gap: 0.3rem;
        margin: 0.6rem 0;
      }
      .bar-row {
        display: grid;
        grid-template-columns: 8rem 1fr 4.5rem;
        align-items: center;
        gap: 0.6rem;
        font-size: 0.9rem;
      }
      .track {
        height: 1.1rem;
        background: var(--mu-color-track, #eef1f5);
        border-radius: 3px;
        overflow: hidden;
        border: 1px solid var(--mu-color-border, #d6dde6);
      }
      .bar {
        display: block;
        height: 100%;
      }
      /* Each answer has its own fill pattern as well as its colour, so the chart reads in greyscale. */
      .bar.for {
        background: var(--mu-result-for, #1a7f37);
      }
      .bar.against {
        background: repeating-linear-gradient(
          45deg,
          var(--mu-result-against, #b42318) 0 4px,
          var(--mu-result-against-light, #e8a39d) 4px 7px
        );
      }
      .bar.abstain {
        background: repeating-linear-gradient(
          90deg,
          var(--mu-result-abstain, #5b6675) 0 2px,
          var(--mu-result-abstain-light, #c9d0d8) 2px 5px
        );
      }
      .bar-value {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      table {
        border-collapse: collapse;
        font-size: 0.88rem;
        width: 100%;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        text-align: start;
        padding: 0.25rem 0.5rem;
        border-bottom: 1px solid var(--mu-color-border, #d6dde6);
      }
      td {
        text-align: end;
      }
      thead th:not(:first-child) {
        text-align: end;
      }
      .ballot-set,
      .protocol {
        margin-top: 1rem;
      }
      .verified {
        color: var(--mu-result-accepted, #1a7f37);
        font-weight: 600;
      }
      .signatures {
        padding-inline-start: 1.2rem;
      }
      .small {
        font-size: 0.85rem;
      }
    `,
  ];
}
