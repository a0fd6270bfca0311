import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { CHOICES, type Choice } from '../../domain/meetings/decide.ts';
import { computeTracker } from '../../domain/meetings/tracker.ts';
import type { BallotReceipt, MeetingView, MyBallotView } from '../../domain/meetings/types.ts';
import type { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatDateTime, formatPercent } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { newIdempotencyKey } from '../core/idempotency.ts';
import { toApiError } from '../core/loader.ts';
import { problemText } from '../core/problem-view.ts';
import { problemReason } from '../core/refusal.ts';
import { loadWithRetry } from '../core/retry-import.ts';
import { baseStyles, disclosureStyles } from '../core/styles.ts';
import { agendaMessages } from './agenda-messages.ts';
import { type BallotMessageKey, ballotMessages } from './ballot-messages.ts';
import { choiceMessages } from './choice-messages.ts';
import { castBallot, type VotingRight } from './client.ts';
import { loadReceipt, type RightKey, saveReceipt, secretFor } from './receipts.ts';
import { meetingStyles } from './styles.ts';
import { RULE_TEXT } from './vocabulary.ts';

/** The module that names the register's card (organization-entry.ts), once a voter opened one. */
let organizationEntry: typeof import('./organization-entry.ts') | undefined;

type Status =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'invalid'; missing: string[] }
  | { kind: 'rejected'; error: ApiError; fields: string[] }
  | { kind: 'cast'; receipt: BallotReceipt; mismatch: boolean };

/** Fired (bubbling, composed) after the server acknowledged a ballot. */
export const BALLOT_CAST_EVENT = 'mu-ballot-cast';

/**
 * The ballot of one voting right (an owner's share of an apartment, or one held by proxy): one
 * fieldset per agenda item with native radio buttons, so it works by keyboard and screen reader
 * as any form does. The receipt secret is made and kept in this browser and only its tracker
 * comes back; the element recomputes the tracker itself and warns if the server's differs.
 *
 * @element mu-meeting-ballot
 * @fires mu-ballot-cast - `detail: { receipt, choices }` after each acknowledged ballot (first or revote).
 * @csspart ballot - The form.
 * @csspart item - One agenda item's fieldset.
 * @csspart organization-button - On an item choosing a management organization: opens its register entry.
 * @csspart organization - That register entry (<mu-register-organization>).
 * @csspart submit-button - Casts or replaces the ballot.
 * @csspart receipt - The receipt with the tracker.
 * @csspart tracker - The tracker itself.
 */
export class MuMeetingBallot extends MuElement {
  static override properties: PropertyDeclarations = {
    meeting: { attribute: false },
    right: { attribute: false },
    ballot: { attribute: false },
    headingLevel: { attribute: 'heading-level', type: Number },
    _choices: { state: true },
    _status: { state: true },
    _opened: { state: true },
  };

  declare meeting: MeetingView | undefined;
  declare right: VotingRight | undefined;
  /** The ballot the server holds for this right, if any (from my-ballots). */
  declare ballot: MyBallotView | null;
  declare headingLevel: number;
  declare _choices: Record<string, Choice>;
  declare _status: Status;
  /** Items whose organization's register entry is open; 'failed' when its code could not come. */
  declare _opened: Record<string, 'open' | 'failed'>;

  /** A request whose answer never arrived is retried under the same key, so it counts once. */
  #pending: { key: string; body: string } | undefined;
  #touched = false;

  constructor() {
    super();
    this.ballot = null;
    this.headingLevel = 4;
    this._choices = {};
    this._status = { kind: 'idle' };
    this._opened = {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Given another voting right in the same place (<mu-meeting-voting> draws them by position),
    // nothing chosen or sent for the previous one carries over.
    const before = changed.get('right');
    if (
      before &&
      this.right &&
      (before.apartmentId !== this.right.apartmentId || before.ownerId !== this.right.ownerId)
    ) {
      this.#touched = false;
      this.#pending = undefined;
      this._choices = {};
      this._status = { kind: 'idle' };
    }
    if (changed.has('ballot') && this.ballot && !this.#touched) this._choices = { ...this.ballot.choices };
  }

  #t(key: BallotMessageKey, params?: Record<string, string | number>): string {
    return translate(ballotMessages, this.settings.lang, key, params);
  }

  #key(): RightKey {
    return {
      meetingId: this.meeting!.id,
      apartmentId: this.right!.apartmentId,
      ownerId: this.right!.ownerId,
    };
  }

  #choose(itemId: string, choice: Choice): void {
    this.#touched = true;
    this._choices = { ...this._choices, [itemId]: choice };
    if (this._status.kind === 'invalid') {
      const missing = this._status.missing.filter((id) => id !== itemId);
      this._status = missing.length > 0 ? { kind: 'invalid', missing } : { kind: 'idle' };
    }
  }

  // The card arrives with its module on first opening; closing keeps it, so reopening is instant.
  #toggleOrganization(itemId: string): void {
    const { [itemId]: was, ...others } = this._opened;
    if (was === 'open' || organizationEntry) {
      this._opened = was === 'open' ? others : { ...others, [itemId]: 'open' };
      return;
    }
    loadWithRetry(() => import('./organization-entry.ts')).then(
      (module) => {
        organizationEntry = module;
        this._opened = { ...this._opened, [itemId]: 'open' };
      },
      (error: unknown) => {
        console.error(error);
        this._opened = { ...this._opened, [itemId]: 'failed' };
      },
    );
  }

  #renderOrganization(itemId: string, orgId: string): TemplateResult {
    const opened = this._opened[itemId];
    const open = opened === 'open' && organizationEntry;
    const { lang, apiBase } = this.settings;
    return html`<button
        type="button"
        part="organization-button"
        class="secondary"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="organization-${itemId}"
        @click=${() => this.#toggleOrganization(itemId)}
      >
        ${this.#t('organization')}
      </button>
      <div id="organization-${itemId}" class="organization" ?hidden=${!open}>
        ${open ? organizationEntry!.renderOrganization(orgId, lang, apiBase) : nothing}
      </div>
      ${opened === 'failed' ? html`<p class="error" role="alert">${this.#t('organizationUnloaded')}</p>` : nothing}`;
  }

  #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const meeting = this.meeting;
    const right = this.right;
    if (!meeting || !right || this._status.kind === 'sending') return;
    const missing = meeting.agenda.filter((item) => !this._choices[item.id]).map((item) => item.id);
    if (missing.length > 0) {
      this._status = { kind: 'invalid', missing };
      return this.#focus('#feedback');
    }
    const choices = Object.fromEntries(meeting.agenda.map((item) => [item.id, this._choices[item.id]!]));
    const key = this.#key();
    const secret = secretFor(key);
    const body = { apartmentId: right.apartmentId, ownerId: right.ownerId, choices, receiptSecret: secret };
    const serialized = JSON.stringify(body);
    const idempotencyKey = this.#pending?.body === serialized ? this.#pending.key : newIdempotencyKey();
    this.#pending = { key: idempotencyKey, body: serialized };
    this._status = { kind: 'sending' };
    try {
      const [receipt, expected] = await Promise.all([
        castBallot(meeting.id, body, idempotencyKey, this.settings),
        computeTracker({ ...key, choices }, secret).catch(() => null),
      ]);
      this.#pending = undefined;
      saveReceipt(key, { secret, choices, tracker: receipt.tracker });
      this._status = { kind: 'cast', receipt, mismatch: expected !== null && expected !== receipt.tracker };
      this.emit(BALLOT_CAST_EVENT, { receipt, choices });
      await this.#focus('#receipt');
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status !== 0) this.#pending = undefined;
      const fields = (apiError.problem.errors ?? [])
        .map((e) => /^(?:body\.)?choices\.(.+)$/.exec(e.field)?.[1])
        .filter((id): id is string => !!id);
      this._status = { kind: 'rejected', error: apiError, fields };
      await this.#focus('#feedback');
    }
  };

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  override render(): TemplateResult | typeof nothing {
    const meeting = this.meeting;
    const right = this.right;
    if (!meeting || !right) return nothing;
    const lang = this.settings.lang;
    const level = Math.min(6, Math.max(1, this.headingLevel || 4));
    const percent = formatPercent(lang, right.weightPercent);
    const who = right.viaProxy
      ? this.#t('proxyShare', { name: right.ownerName, percent })
      : this.#t('ownShare', { percent });
    const status = this._status;
    const invalid = new Set(
      status.kind === 'invalid' ? status.missing : status.kind === 'rejected' ? status.fields : [],
    );
    const receipt = status.kind === 'cast' ? status.receipt : this.ballot;
    return html`<form part="ballot" class="ballot" novalidate aria-labelledby="title" @submit=${this.#submit}>
        <div id="title" class="heading" role="heading" aria-level=${level}>
          ${this.#t('apartment', { number: right.apartmentNumber })} <span class="muted who">— ${who}</span>
        </div>
        ${this.#renderFeedback()}
        ${meeting.agenda.map((item, index) => {
          const isInvalid = invalid.has(item.id);
          return html`<fieldset
            part="item"
            class="item"
            data-item-id=${item.id}
            aria-invalid=${isInvalid ? 'true' : 'false'}
            aria-describedby=${isInvalid ? `missing-${item.id}` : nothing}
          >
            <legend>${index + 1}. ${item.title}</legend>
            <p class="muted rule">${translate(agendaMessages, lang, RULE_TEXT[item.rule])}</p>
            ${
              // Owners may see whom they would choose, as the register holds it (public data).
              item.kind === 'management_organization' && item.organizationId
                ? this.#renderOrganization(item.id, item.organizationId)
                : nothing
            }
            <div class="choices">
              ${CHOICES.map(
                (choice) => html`<label class="choice">
                  <input
                    type="radio"
                    name=${item.id}
                    value=${choice}
                    .checked=${this._choices[item.id] === choice}
                    ?disabled=${status.kind === 'sending'}
                    @change=${() => this.#choose(item.id, choice)}
                  />
                  <span>${translate(choiceMessages, this.settings.lang, choice)}</span>
                </label>`,
              )}
            </div>
            ${
              isInvalid
                ? html`<p id="missing-${item.id}" class="field-error">${this.#t('missingHere')}</p>`
                : nothing
            }
          </fieldset>`;
        })}
        <button type="submit" part="submit-button" ?disabled=${status.kind === 'sending'}>
          ${status.kind === 'sending' ? this.#t('sending') : receipt ? this.#t('recast') : this.#t('cast')}
        </button>
      </form>
      ${receipt ? this.#renderReceipt(receipt, status.kind === 'cast' && status.mismatch) : nothing}`;
  }

  #renderFeedback(): TemplateResult | typeof nothing {
    const status = this._status;
    const lang = this.settings.lang;
    if (status.kind === 'invalid') {
      const numbers = this.meeting!.agenda.flatMap((item, i) =>
        status.missing.includes(item.id) ? [i + 1] : [],
      );
      return html`<div id="feedback" class="error" role="alert" tabindex="-1">
        ${this.#t('missing', { items: numbers.join(', ') })}
      </div>`;
    }
    if (status.kind !== 'rejected') return nothing;
    const { error } = status;
    const text =
      error.status === 409
        ? this.#t('votingClosedNow')
        : error.status === 403
          ? this.#t('notEligible')
          : error.status === 400 || error.status === 422
            ? this.#t('rejected', { reason: problemReason(error, lang) })
            : problemText(lang, error);
    return html`<div id="feedback" class="error" role="alert" tabindex="-1">${text}</div>`;
  }

  #renderReceipt(receipt: BallotReceipt, mismatch: boolean): TemplateResult {
    const lang = this.settings.lang;
    // Only the secret that produced this very tracker is worth saving; another device's is unknown.
    const stored = loadReceipt(this.#key());
    const secret = stored?.tracker === receipt.tracker ? stored.secret : null;
    const level = Math.min(6, Math.max(1, this.headingLevel || 4) + 1);
    return html`<section
      id="receipt"
      part="receipt"
      class="receipt ok"
      tabindex="-1"
      aria-labelledby="receipt-title"
      data-revision=${receipt.revision}
    >
      <div id="receipt-title" class="heading" role="heading" aria-level=${level}>${this.#t('receipt')}</div>
      <p>
        ${this.#t('receiptCast', { date: formatDateTime(lang, receipt.castAt), revision: receipt.revision })}
        ${receipt.revision > 1 ? this.#t('receiptRecast') : nothing}
      </p>
      <p>
        ${this.#t('tracker')}:
        <code part="tracker" class="hash tracker" data-tracker=${receipt.tracker}>${receipt.tracker}</code>
      </p>
      <p class="muted small">${this.#t('trackerHelp')}</p>
      ${
        secret
          ? html`<details>
              <summary>${this.#t('secret')}</summary>
              <p><code class="hash secret">${secret}</code></p>
              <p class="muted small">${this.#t('secretHelp')}</p>
            </details>`
          : nothing
      }
      ${mismatch ? html`<p class="error" role="alert">${this.#t('trackerMismatch')}</p>` : nothing}
    </section>`;
  }

  static override styles = [
    baseStyles,
    meetingStyles,
    disclosureStyles,
    css`
      :host {
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius-small, 8px);
        padding: 0.9rem 1rem;
        background: var(--mu-color-ballot, #fbfcfe);
      }
      .ballot {
        display: grid;
        gap: 0.8rem;
      }
      .who {
        font-weight: 400;
        font-size: 0.9rem;
      }
      fieldset {
        margin: 0;
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius-small, 6px);
        padding: 0.6rem 0.9rem 0.75rem;
      }
      fieldset[aria-invalid='true'] {
        border-color: var(--mu-color-error, #b42318);
        border-width: 2px;
      }
      legend {
        font-weight: 650;
        padding-inline: 0.3rem;
      }
      .rule {
        font-size: 0.85rem;
        margin: 0 0 0.5rem;
      }
      .organization {
        margin: 0.4rem 0 0.6rem;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 1.4rem;
      }
      label.choice {
        display: inline-flex;
        align-items: center;
        gap: 0.45em;
        font-weight: 500;
        margin: 0;
        cursor: pointer;
        padding: 0.15rem 0;
      }
      input[type='radio'] {
        width: 1.15em;
        height: 1.15em;
        margin: 0;
        accent-color: var(--mu-color-accent, #0b5fa5);
      }
      input[type='radio']:focus-visible {
        outline: 3px solid var(--mu-color-focus, #f2a900);
        outline-offset: 2px;
      }
      .field-error {
        color: var(--mu-color-error, #b42318);
        font-weight: 600;
        margin: 0.4rem 0 0;
      }
      button[type='submit'] {
        justify-self: start;
      }
      .receipt {
        margin-top: 0.9rem;
      }
      .small {
        font-size: 0.85rem;
      }
      summary {
        cursor: pointer;
      }
    `,
  ];
}
