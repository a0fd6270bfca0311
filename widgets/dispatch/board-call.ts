// The board's "Register a phone call" section: a dispatcher enters a call with the building (and
// the apartment when the caller named one), the caller's number, what was said, and when the phone
// rang and was answered, which the 5-minute answer rule is measured on. Not an element of its own
// (every tag in the loader's table costs every page bytes): the board draws the collapsed section
// and fetches this module when a dispatcher first opens it (core/lazy-part.ts).
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Page } from '../../domain/common/page.ts';
import { normalizeUzPhone } from '../../domain/common/phone.ts';
import { CALL_ENTRY_HOURS } from '../../domain/dispatch/types.ts';
import type { ApiError } from '../core/api.ts';
import type { ResolvedSettings } from '../core/element.ts';
import type { FieldIssue } from '../core/field-issues.ts';
import { formatDateTime, fromTashkentInput, toTashkentInput } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { problemReason, renderCheckFailed, renderRefusal } from '../core/refusal.ts';
import {
  listApartments,
  listBuildings,
  type PhoneCall,
  type RegisteredCall,
  recordCall,
} from './board-client.ts';
import type { DispatchBoardMessageKey } from './board-messages.ts';
import { type CallMessageKey, callMessages } from './call-messages.ts';

/** The API caps a request's text at 4000 characters. */
const TEXT_MAX = 4000;

type Words = (key: DispatchBoardMessageKey, params?: Record<string, string | number>) => string;

/** The form's label for each field the API or the checks may name. */
const LABELS: Readonly<Record<string, CallMessageKey>> = {
  buildingId: 'callBuilding',
  apartmentId: 'callApartment',
  callerPhone: 'callerPhone',
  text: 'callText',
  callReceivedAt: 'callRang',
  callAnsweredAt: 'callAnswered',
};

type Place = { id: string; address: string };
type Flat = { id: string; number: string };

export class CallEntry {
  readonly #host: ReactiveControllerHost;
  readonly #settings: () => ResolvedSettings;
  readonly #t: Words;
  readonly #registered: () => void;
  #buildings: KeyedLoader<Page<Place>>;
  #apartments: KeyedLoader<Page<Flat>>;
  #retry = new RetryKey();
  /** Buildings are read only while the section is open: the board itself does not need them. */
  #open = false;
  #building = '';
  /** When the form was last shown: the call's default times. */
  #shownAt = Date.now();
  #issues: FieldIssue[] = [];
  #failure: ApiError | null = null;
  #busy = false;
  #result: RegisteredCall | null = null;

  constructor(
    host: ReactiveControllerHost,
    settings: () => ResolvedSettings,
    t: Words,
    registered: () => void,
  ) {
    this.#host = host;
    this.#settings = settings;
    this.#t = t;
    this.#registered = registered;
    this.#buildings = new KeyedLoader(host);
    this.#apartments = new KeyedLoader(host);
  }

  /** Call from the host's willUpdate, with whether the section is open. */
  sync(org: string | undefined, open: boolean): void {
    this.#open = open;
    const { apiBase, token, lang } = this.#settings();
    const base = org && this.#open ? JSON.stringify([apiBase, token, org]) : undefined;
    this.#buildings.sync(base, token, (signal) => listBuildings({ apiBase, token, lang, signal }));
    const building = this.#building;
    this.#apartments.sync(base && building ? `${base}|${building}` : undefined, token, (signal) =>
      listApartments(building, { apiBase, token, lang, signal }),
    );
  }

  /** The form's own words (call-messages.ts); the vocabulary and the shared words are #t's. */
  #c(key: CallMessageKey, params?: Record<string, string | number>): string {
    return translate(callMessages, this.#settings().lang, key, params);
  }

  #update(): void {
    this.#host.requestUpdate();
  }

  /** The section was opened again: a new call's default times are now. */
  opened(): void {
    if (!this.#result) this.#shownAt = Date.now();
  }

  /** The open section's body: the registered call, or the form (the board draws the section). */
  render(): TemplateResult {
    const lang = this.#settings().lang;
    return html`<div role="status" aria-live="polite">${this.#result ? this.#renderResult(this.#result) : nothing}</div>
      ${this.#result ? nothing : renderLoaded(lang, this.#buildings, (page) => this.#renderForm(page.items))}`;
  }

  #renderResult(r: RegisteredCall): TemplateResult {
    const [before, after = ''] = this.#c('callRegistered', { number: '\u0000' }).split('\u0000');
    return html`<p class="ok" part="call-result">
        ${before}<strong part="call-number">${r.acknowledgement.number}</strong>${after}
        <span class="badge ${r.urgency}" data-urgency=${r.urgency}
          >${r.urgency === 'emergency' ? html`<span aria-hidden="true">⚠ </span>` : nothing}${this.#t(`urgency_${r.urgency}`)}</span
        >
        <span class="badge" data-category=${r.category}>${this.#t(`cat_${r.category}`)}</span>
      </p>
      <button type="button" class="secondary" part="call-another-button" @click=${() => this.#again()}>
        ${this.#c('callAnother')}
      </button>`;
  }

  #renderForm(buildings: readonly Place[]): TemplateResult {
    if (buildings.length === 0) return html`<p class="muted">${this.#c('noBuildings')}</p>`;
    const lang = this.#settings().lang;
    const flats = this.#building ? (this.#apartments.value?.items ?? []) : [];
    const wrong = (f: string) => (this.#issues.some((i) => i.field === f) ? 'true' : 'false');
    const at = toTashkentInput(this.#shownAt).slice(0, 16);
    return html`<form part="call-form" class="call-form" novalidate @submit=${(e: SubmitEvent) => this.#submit(e)}
      @input=${() => this.#edited()}>
      <label class="field">
        <span class="title">${this.#c('callBuilding')}</span>
        <select name="buildingId" aria-invalid=${wrong('buildingId')}
          @change=${(e: Event) => {
            this.#building = (e.target as HTMLSelectElement).value;
            this.#update();
          }}>
          <option value="">${this.#c('chooseBuilding')}</option>
          ${buildings.map((b) => html`<option value=${b.id} ?selected=${b.id === this.#building}>${b.address}</option>`)}
        </select>
      </label>
      <label class="field">
        <span class="title">${this.#c('callApartment')}</span>
        <select name="apartmentId" ?disabled=${!this.#building}>
          <option value="">${this.#c('callWholeBuilding')}</option>
          ${flats.map((a) => html`<option value=${a.id}>${this.#t('apartment', { number: a.number })}</option>`)}
        </select>
      </label>
      <label class="field">
        <span class="title">${this.#c('callerPhone')}</span>
        <input name="callerPhone" type="tel" autocomplete="off" inputmode="tel" maxlength="32"
          aria-invalid=${wrong('callerPhone')} aria-describedby="caller-phone-hint" />
        <span id="caller-phone-hint" class="muted">${this.#c('callerPhoneHint')}</span>
      </label>
      <label class="field">
        <span class="title">${this.#c('callText')}</span>
        <textarea name="text" rows="3" maxlength=${TEXT_MAX} aria-invalid=${wrong('text')}></textarea>
      </label>
      <div class="row">
        <label class="field">
          <span class="title">${this.#c('callRang')}</span>
          <input name="callReceivedAt" type="datetime-local" required value=${at} aria-invalid=${wrong('callReceivedAt')} />
        </label>
        <label class="field">
          <span class="title">${this.#c('callAnswered')}</span>
          <input name="callAnsweredAt" type="datetime-local" required value=${at} aria-invalid=${wrong('callAnsweredAt')} />
        </label>
      </div>
      ${
        this.#issues.length > 0
          ? renderCheckFailed(lang, this.#issues, (f) => this.#label(f))
          : this.#failure
            ? this.#renderFailure(this.#failure)
            : nothing
      }
      <button type="submit" part="call-submit-button" ?disabled=${this.#busy}>
        ${this.#busy ? this.#c('callSending') : this.#c('callSubmit')}
      </button>
    </form>`;
  }

  #label(field: string): string | undefined {
    const key = LABELS[field.split('.')[0] ?? ''];
    return key ? this.#c(key) : undefined;
  }

  #renderFailure(error: ApiError): TemplateResult {
    const lang = this.#settings().lang;
    if (error.status === 400 || error.status === 409 || error.status === 422)
      return renderRefusal(lang, error, (f) => this.#label(f));
    return html`<p part="call-error" class="error" role="alert">
      ${this.#c('callFailed', { reason: problemReason(error, lang) })}
    </p>`;
  }

  /** What is wrong before sending, in the API's shape so the same words say it. */
  #check(data: FormData, now: number): { call: PhoneCall | null; issues: FieldIssue[] } {
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const issues: FieldIssue[] = [];
    const buildingId = value('buildingId');
    if (!buildingId) issues.push({ field: 'buildingId', code: 'choose' });
    const callerPhone = normalizeUzPhone(value('callerPhone'));
    if (!callerPhone)
      issues.push(
        value('callerPhone')
          ? { field: 'callerPhone', code: 'phone' }
          : { field: 'callerPhone', code: 'required' },
      );
    const text = value('text');
    if (!text) issues.push({ field: 'text', code: 'required' });
    const rang = fromTashkentInput(value('callReceivedAt'));
    const answered = fromTashkentInput(value('callAnsweredAt'));
    if (!rang) issues.push({ field: 'callReceivedAt', code: 'invalid_format', format: 'datetime' });
    if (!answered) issues.push({ field: 'callAnsweredAt', code: 'invalid_format', format: 'datetime' });
    // The inputs show whole minutes: a call answered this minute is not in the future.
    const latest = formatDateTime(this.#settings().lang, new Date(now).toISOString());
    if (rang && Date.parse(rang) > now + 60_000)
      issues.push({ field: 'callReceivedAt', code: 'too_big', origin: 'date', maximum: latest });
    if (answered && Date.parse(answered) > now + 60_000)
      issues.push({ field: 'callAnsweredAt', code: 'too_big', origin: 'date', maximum: latest });
    else if (rang && answered && Date.parse(answered) < Date.parse(rang))
      issues.push({ field: 'callAnsweredAt', code: 'after', other: this.#c('callRang') });
    // The service takes calls of the last CALL_ENTRY_HOURS only (a mistyped year is the usual case).
    const earliest = now - CALL_ENTRY_HOURS * 3_600_000;
    if (rang && Date.parse(rang) < earliest)
      issues.push({
        field: 'callReceivedAt',
        code: 'too_small',
        origin: 'date',
        minimum: formatDateTime(this.#settings().lang, new Date(earliest).toISOString()),
      });
    if (issues.length > 0 || !callerPhone) return { call: null, issues };
    const apartmentId = value('apartmentId');
    return {
      call: {
        buildingId,
        ...(apartmentId ? { apartmentId } : {}),
        callerPhone,
        text,
        callReceivedAt: rang,
        callAnsweredAt: answered,
      },
      issues,
    };
  }

  /** A refusal or a check was about what was typed: once the dispatcher edits, it no longer holds. */
  #edited(): void {
    if (this.#busy || (!this.#failure && this.#issues.length === 0)) return;
    this.#failure = null;
    this.#issues = [];
    this.#update();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.#busy) return;
    const { call, issues } = this.#check(new FormData(event.target as HTMLFormElement), Date.now());
    this.#issues = issues;
    this.#failure = null;
    if (!call) {
      this.#update();
      return;
    }
    // The same call sent again after a lost answer keeps its key: it is registered once.
    const key = this.#retry.for(JSON.stringify(call));
    this.#busy = true;
    this.#update();
    try {
      this.#result = await recordCall(call, { ...this.#settings(), idempotencyKey: key });
      this.#retry.reset();
      this.#registered();
    } catch (error) {
      this.#failure = toApiError(error);
    } finally {
      this.#busy = false;
      this.#update();
    }
  }

  #again(): void {
    this.#result = null;
    this.#shownAt = Date.now();
    this.#update();
  }
}
