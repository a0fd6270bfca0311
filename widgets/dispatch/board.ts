import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { DISPATCH_TRANSITIONS } from '../../domain/dispatch/transitions.ts';
import {
  DISPATCH_CATEGORIES,
  type DispatchCategory,
  URGENCIES,
  type Urgency,
} from '../../domain/dispatch/triage.ts';
import type { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatDateTime, formatNumber } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { LazyPart } from '../core/lazy-part.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { problemReason } from '../core/refusal.ts';
import { ReaderClock } from '../core/relative-time.ts';
import { badgeStyles, baseStyles, cardStyles, disclosureStyles, formStyles } from '../core/styles.ts';
import type { CallEntry } from './board-call.ts';
import {
  assignRequest,
  type BoardIncident,
  type BoardItem,
  confirmTriage,
  type DispatchBoard,
  getDispatchBoard,
  getRoster,
  type Roster,
  type RosterShift,
  resolveIncident,
  streamDispatchBoard,
} from './board-client.ts';
import { renderGaps } from './board-gaps.ts';
import { mapStyles, renderMap } from './board-map.ts';
import { type DispatchBoardMessageKey, dispatchBoardMessages } from './board-messages.ts';
import { clockText, nextClock } from './clock.ts';

/** While the live stream is down, the board reads itself again this often and retries the stream. */
export const POLL_SECONDS = 10;

type Notice =
  | { at: string; kind: 'ok' | 'invalid'; key: DispatchBoardMessageKey }
  | { at: string; kind: 'error'; error: ApiError };

/**
 * The dispatcher's board: the organization's open requests as they arrive (a server event tells it
 * to read the board again; when the stream drops it refreshes every few seconds until it is back),
 * each with its number, address, category and urgency in words and the time left to its next legal
 * limit, counted each second. An unsure triage shows the model's suggestions with their confidences
 * to confirm or correct; a confirmed one is assigned to a technician on duty. Below: the unresolved
 * mass incidents with their linked requests, to resolve with a note, and where the open requests are.
 * Above the queue, a collapsed section registers a phone call (board-call.ts, fetched when opened).
 *
 * @element mu-dispatch-board
 * @attr org-id - The organization (the API reads it from the token; the board loads once it is set).
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` when the board cannot be loaded.
 *
 * @csspart card - The outer box. @csspart live-status - Live or polling (a live region).
 * @csspart queue - The requests. @csspart request - One request. @csspart countdown - Its next limit.
 * @csspart triage-form, confirm-button - Confirming a triage. @csspart assign-form, assign-button - Assigning.
 * @csspart incidents, incident, resolve-button - Mass incidents. @csspart map-section, map, by-building - Where.
 * @csspart call-section, call-form, call-submit-button - Registering a phone call.
 * @csspart call-result, call-number, call-another-button, call-error - Its outcome.
 * @csspart status, error, retry-button - Loading and errors.
 */
export class MuDispatchBoard extends MuElement {
  static override properties: PropertyDeclarations = {
    orgId: { attribute: 'org-id' },
    _live: { state: true },
    _busy: { state: true },
    _notice: { state: true },
  };

  declare orgId: string | undefined;
  declare _live: boolean;
  /** The request or incident a write is under way for. */
  declare _busy: string | null;
  declare _notice: Notice | null;

  #board = new KeyedLoader<DispatchBoard>(this, this.reportError);
  #roster = new KeyedLoader<Roster>(this);
  #clock = new ReaderClock(this, 1000);
  #retry = new RetryKey();
  // "Register a phone call" (board-call.ts), fetched when the section is first opened.
  #callPart = new LazyPart(this, () => import('./board-call.ts'));
  #call: CallEntry | undefined;
  #callOpen = false;
  #streamKey: string | undefined;
  #stream: AbortController | undefined;

  constructor() {
    super();
    this._live = false;
    this._busy = null;
    this._notice = null;
  }

  /** Reads the board and the roster again. */
  refresh(): void {
    this.#board.reload();
    this.#roster.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stream?.abort();
    this.#streamKey = undefined;
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const org = this.orgId?.trim();
    const key = org ? JSON.stringify([apiBase, token, org]) : undefined;
    this.#board.sync(key, token, (signal) => getDispatchBoard({ apiBase, token, lang, signal }));
    this.#roster.sync(key, token, (signal) => getRoster({ apiBase, token, lang, signal }));
    const calls = this.#callOpen ? this.#callPart.module : undefined;
    if (calls)
      this.#call ??= new calls.CallEntry(
        this,
        () => this.settings,
        (key, params) => this.#t(key, params),
        () => this.#board.reload(),
      );
    this.#call?.sync(org, this.#callOpen);
    if (key !== this.#streamKey) {
      this.#streamKey = key;
      this.#stream?.abort();
      this.#stream = undefined;
      if (key && token) {
        this.#stream = new AbortController();
        void this.#follow(this.#stream.signal);
      }
    }
  }

  // The stream says when to read again; a dropped stream leaves the board polling until it is back.
  async #follow(signal: AbortSignal): Promise<void> {
    const options = { ...this.settings, signal };
    let dropped = false;
    while (!signal.aborted) {
      try {
        await streamDispatchBoard(options, (event) => {
          if (event.event === 'ready') {
            // Whatever changed while no stream was open is read now.
            if (dropped) this.#board.reload();
            this._live = true;
          } else if (event.event === 'changed') this.#board.reload();
        });
      } catch (error) {
        if (signal.aborted) return;
        const status = toApiError(error).status;
        // 401/403 will not heal by retrying: the loader shows why.
        if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
          this._live = false;
          return;
        }
      }
      if (signal.aborted) return;
      this._live = false;
      dropped = true;
      await new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000));
      if (!signal.aborted) this.#board.reload();
    }
  }

  #t = (key: DispatchBoardMessageKey, params?: Record<string, string | number>): string =>
    translate(dispatchBoardMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const busy = this.#board.state.kind === 'loading';
    return html`<section part="card" class="card" aria-labelledby="board-title" aria-busy=${busy}>
      <h2 id="board-title">${this.#t('boardTitle')}</h2>
      <div part="live-status" class="live" role="status" aria-live="polite" data-live=${this._live ? 'true' : 'false'}>
        ${this._live ? this.#t('live') : this.#t('polling', { n: POLL_SECONDS })}
        ${this._live ? nothing : html`<button type="button" class="secondary" @click=${() => this.refresh()}>${this.#t('refresh')}</button>`}
      </div>
      ${renderGaps(this.#t, lang, this.#roster.value?.gaps)} ${this.#renderCall()}
      ${renderLoaded(lang, this.#board, (board) => this.#renderBoard(board))}
    </section>`;
  }

  #renderCall(): TemplateResult {
    const lang = this.settings.lang;
    return html`<details part="call-section" class="call" ?open=${this.#callOpen}
      @toggle=${(e: Event) => {
        this.#callOpen = (e.target as HTMLDetailsElement).open;
        if (this.#callOpen) this.#call?.opened();
        this.requestUpdate();
      }}>
      <summary>${this.#t('callTitle')}</summary>
      ${this.#callOpen ? this.#callPart.render(lang, () => this.#call?.render() ?? html``) : nothing}
    </details>`;
  }

  #renderBoard(board: DispatchBoard): TemplateResult {
    return html`<h3 id="queue-title">${this.#t('queueTitle')}</h3>
      ${
        board.items.length === 0
          ? html`<p part="status" class="muted">${this.#t('empty')}</p>`
          : html`<ol part="queue" class="queue" aria-labelledby="queue-title">
              ${board.items.map((item) => html`<li>${this.#renderRequest(item)}</li>`)}
            </ol>`
      }
      ${this.#renderIncidents(board.massIncidents)} ${board.items.length ? renderMap(this.#t, board.items) : nothing}`;
  }

  #technicians(): RosterShift[] {
    const now = this.#clock.now;
    const seen = new Set<string>();
    return (this.#roster.value?.shifts ?? []).filter((s) => {
      if (s.role !== 'technician' || s.startsAt > now || s.endsAt <= now || seen.has(s.userId)) return false;
      seen.add(s.userId);
      return true;
    });
  }

  #renderRequest(r: BoardItem): TemplateResult {
    const lang = this.settings.lang;
    const place = r.apartmentNumber
      ? `${r.building.address}, ${this.#t('apartment', { number: r.apartmentNumber })}`
      : `${r.building.address}, ${this.#t('wholeBuilding')}`;
    const assignee = r.assigneeUserId
      ? (this.#roster.value?.shifts.find((s) => s.userId === r.assigneeUserId)?.name ?? null)
      : null;
    return html`<article part="request" class="request urgency-${r.urgency}" data-request-id=${r.id} data-number=${r.number}
      aria-labelledby="n-${r.id}">
      <h4 id="n-${r.id}">
        ${this.#t('number', { number: r.number })}
        <span class="badge ${r.urgency}" data-urgency=${r.urgency}
          >${r.urgency === 'emergency' ? html`<span aria-hidden="true">⚠ </span>` : nothing}${this.#t(`urgency_${r.urgency}`)}</span
        >
        <span class="badge" data-category=${r.category}>${this.#t(`cat_${r.category}`)}</span>
      </h4>
      <p class="place">${place}${r.channel === 'phone' ? html` <span class="muted" data-channel="phone">(${this.#t('phone')}${r.call?.callerPhone ? `, ${r.call.callerPhone}` : ''})</span>` : nothing}</p>
      ${this.#renderCountdown(r)}
      <p class="muted">
        <span data-status=${r.status}>${this.#t(`status_${r.status}`)}</span> ·
        ${
          // An assignee off the roster's coming days has no name here; the status says assigned.
          assignee
            ? html`${this.#t('assignee', { name: assignee })} ·`
            : r.assigneeUserId
              ? nothing
              : html`${this.#t('unassigned')} ·`
        }
        ${this.#t('registeredAt', { date: formatDateTime(lang, new Date(r.registeredAt).toISOString()) })}
      </p>
      <p class="text" translate="no">${r.text}</p>
      ${r.needsConfirmation ? this.#renderTriage(r) : this.#canAssign(r) ? this.#renderAssign(r) : nothing}
      ${this.#renderNotice(r.id)}
    </article>`;
  }

  #renderCountdown(r: BoardItem): TemplateResult {
    const clock = nextClock(r.clocks);
    if (!clock) return html`<p part="countdown" class="countdown">${this.#t('allMet')}</p>`;
    const c = clockText(this.#t, clock, this.#clock.now);
    return html`<p part="countdown" class=${c.overdue ? 'countdown overdue-flag' : 'countdown'} data-overdue=${c.overdue ? 'true' : 'false'}>
      ${c.overdue ? html`<span aria-hidden="true">⚠ </span>` : nothing}${this.#t(clock.kind === 'contain' ? 'clockContain' : 'clockDone')}:
      <strong>${c.text}</strong>
    </p>`;
  }

  #renderTriage(r: BoardItem): TemplateResult {
    const lang = this.settings.lang;
    const pct = (x: number) => `${formatNumber(lang, x * 100, 0)}\u00a0%`;
    const top = r.suggestions?.categoryTop ?? [];
    const known = (v: string): v is DispatchCategory =>
      (DISPATCH_CATEGORIES as readonly string[]).includes(v);
    const busy = this._busy === r.id;
    return html`<form part="triage-form" class="triage" @submit=${(e: SubmitEvent) => this.#confirm(e, r)}>
      <p class="unsure"><span aria-hidden="true">? </span>${this.#t('unsure')}</p>
      ${
        top.length
          ? html`<p class="suggestions">
              ${this.#t('suggestions')}:
              ${top
                .filter((s) => known(s.value))
                .map(
                  (s, i) =>
                    html`${i ? ', ' : ''}<span data-suggestion=${s.value}
                      >${this.#t('confidence', { label: this.#t(`cat_${s.value as DispatchCategory}`), percent: pct(s.confidence) })}</span
                    >`,
                )}
              ${r.suggestions ? html`<br /><span class="muted">${this.#t('urgencyConfidence', { percent: pct(r.suggestions.urgencyConfidence) })}</span>` : nothing}
            </p>`
          : nothing
      }
      <div class="row">
        <label class="field">
          <span class="title">${this.#t('category')}</span>
          <select name="category">
            ${DISPATCH_CATEGORIES.map((c) => html`<option value=${c} ?selected=${c === r.category}>${this.#t(`cat_${c}`)}</option>`)}
          </select>
        </label>
        <label class="field">
          <span class="title">${this.#t('urgency')}</span>
          <select name="urgency">
            ${URGENCIES.map((u) => html`<option value=${u} ?selected=${u === r.urgency}>${this.#t(`urgency_${u}`)}</option>`)}
          </select>
        </label>
      </div>
      <button type="submit" part="confirm-button" ?disabled=${busy}>
        ${busy ? this.#t('confirming') : this.#t('confirmTriage')}
      </button>
    </form>`;
  }

  #canAssign(r: BoardItem): boolean {
    return DISPATCH_TRANSITIONS.assign.from.includes(r.status);
  }

  #renderAssign(r: BoardItem): TemplateResult {
    const techs = this.#technicians();
    if (techs.length === 0) return html`<p class="muted">${this.#t('noTechnician')}</p>`;
    // Those who cover the category come first; an empty list of categories covers all of them.
    const covers = (s: RosterShift) => s.categories.length === 0 || s.categories.includes(r.category);
    const ordered = [...techs.filter(covers), ...techs.filter((s) => !covers(s))];
    const busy = this._busy === r.id;
    return html`<form part="assign-form" class="row assign" @submit=${(e: SubmitEvent) => this.#assign(e, r)}>
      <label class="field">
        <span class="title">${this.#t('technician')}</span>
        <select name="technician" required>
          <option value="">${this.#t('chooseTechnician')}</option>
          ${ordered.map(
            (s) =>
              html`<option value=${s.userId} ?selected=${s.userId === r.assigneeUserId}>${s.name}</option>`,
          )}
        </select>
      </label>
      <button type="submit" part="assign-button" ?disabled=${busy}>
        ${busy ? this.#t('assigning') : r.assigneeUserId ? this.#t('reassign') : this.#t('assign')}
      </button>
    </form>`;
  }

  #renderIncidents(incidents: readonly BoardIncident[]): TemplateResult {
    const lang = this.settings.lang;
    const known = (v: string): v is DispatchCategory =>
      (DISPATCH_CATEGORIES as readonly string[]).includes(v);
    return html`<section part="incidents" class="incidents" aria-labelledby="mass-title">
      <h3 id="mass-title">${this.#t('massTitle')}</h3>
      ${incidents.length === 0 ? html`<p class="muted">${this.#t('noMass')}</p>` : nothing}
      ${incidents.map(
        (m) => html`<article part="incident" class="incident" data-incident-id=${m.id}>
          <h4>${known(m.category) ? this.#t(`cat_${m.category}`) : this.#t('cat_other')}</h4>
          <p>
            ${m.scope === 'street' && m.street ? this.#t('massScopeStreet', { street: m.street }) : this.#t('massScopeBuilding', { address: m.address })}
            · <strong data-linked=${m.linked}>${this.#t('massLinked', { n: m.linked })}</strong> ·
            ${this.#t('massOpened', { date: formatDateTime(lang, new Date(m.openedAt).toISOString()) })}
          </p>
          <form class="resolve" @submit=${(e: SubmitEvent) => this.#resolve(e, m)}>
            <label class="field">
              <span class="title">${this.#t('resolutionNote')}</span>
              <textarea name="note" rows="2" maxlength="2000"></textarea>
            </label>
            <button type="submit" part="resolve-button" ?disabled=${this._busy === m.id}>
              ${this._busy === m.id ? this.#t('resolving') : this.#t('resolve')}
            </button>
          </form>
          ${this.#renderNotice(m.id)}
        </article>`,
      )}
    </section>`;
  }

  #renderNotice(at: string): TemplateResult | typeof nothing {
    const n = this._notice;
    if (!n || n.at !== at) return nothing;
    return html`<p class=${n.kind === 'ok' ? 'ok' : 'error'} role=${n.kind === 'ok' ? 'status' : 'alert'}>
      ${n.kind === 'error' ? this.#t('stepFailed', { reason: problemReason(n.error, this.settings.lang) }) : this.#t(n.key)}
    </p>`;
  }

  #confirm(event: SubmitEvent, r: BoardItem): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const category = String(data.get('category')) as DispatchCategory;
    const urgency = String(data.get('urgency')) as Urgency;
    void this.#write(r.id, `triage:${r.id}:${category}:${urgency}`, (key) =>
      confirmTriage(r.id, { category, urgency }, { ...this.settings, idempotencyKey: key }),
    );
  }

  #assign(event: SubmitEvent, r: BoardItem): void {
    event.preventDefault();
    const technician = String(new FormData(event.target as HTMLFormElement).get('technician') ?? '');
    if (!technician) return;
    void this.#write(r.id, `assign:${r.id}:${technician}`, (key) =>
      assignRequest(r.id, technician, { ...this.settings, idempotencyKey: key }),
    );
  }

  #resolve(event: SubmitEvent, m: BoardIncident): void {
    event.preventDefault();
    const note = String(new FormData(event.target as HTMLFormElement).get('note') ?? '').trim();
    if (!note) {
      this._notice = { at: m.id, kind: 'invalid', key: 'noteRequired' };
      return;
    }
    void this.#write(m.id, `resolve:${m.id}:${note}`, (key) =>
      resolveIncident(m.id, note, { ...this.settings, idempotencyKey: key }),
    ).then((ok) => {
      if (ok) this._notice = { at: m.id, kind: 'ok', key: 'resolved' };
    });
  }

  /** One write at a time; a retry of the same step reuses its Idempotency-Key. */
  async #write(at: string, fingerprint: string, send: (key: string) => Promise<unknown>): Promise<boolean> {
    if (this._busy) return false;
    this._busy = at;
    this._notice = null;
    try {
      await send(this.#retry.for(fingerprint));
      this.#retry.reset();
      this.#board.reload();
      return true;
    } catch (error) {
      this._notice = { at, kind: 'error', error: toApiError(error) };
      return false;
    } finally {
      this._busy = null;
    }
  }

  static override styles = [
    baseStyles,
    cardStyles,
    badgeStyles,
    formStyles,
    disclosureStyles,
    mapStyles,
    css`
      h2 {
        margin: 0 0 0.6rem;
        font-size: var(--mu-title-size, 1.25rem);
      }
      h3 {
        font-size: 1.05rem;
        margin: 1rem 0 0.4rem;
      }
      h4 {
        font-size: 1rem;
        margin: 0 0 0.3rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 0.5rem;
        align-items: baseline;
      }
      .live {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 0 0 0.5rem;
      }
      .queue {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .request,
      [part='roster-gaps'] {
        border-left: 4px solid var(--mu-dispatch-danger, #b3261e);
        padding: 0.4rem 0.8rem;
        margin: 0 0 0.8rem;
        overflow-wrap: anywhere;
      }
      [part='roster-gaps'] ul {
        margin: 0.3rem 0 0;
        padding-left: 1.2rem;
      }
      .incident {
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius-small, 6px);
        padding: 0.6rem 0.8rem;
        margin: 0 0 0.6rem;
        overflow-wrap: anywhere;
      }
      .request.urgency-emergency {
        border-inline-start: 4px solid var(--mu-dispatch-danger, #b3261e);
      }
      .request p,
      .incident p {
        margin: 0.2rem 0;
      }
      .badge.emergency {
        color: var(--mu-dispatch-danger, #b3261e);
        font-weight: 600;
      }
      .countdown {
        font-variant-numeric: tabular-nums;
      }
      .overdue-flag {
        color: var(--mu-dispatch-danger, #b3261e);
        font-weight: 600;
      }
      .text {
        white-space: pre-line;
      }
      .unsure {
        font-weight: 600;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: flex-end;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
        margin: 0.3rem 0;
        min-width: 0;
        max-width: 100%;
      }
      .title {
        font-weight: 600;
      }
      .call {
        margin: 0 0 0.8rem;
      }
      .call-form input {
        box-sizing: border-box;
        max-width: 100%;
      }
      select,
      textarea {
        font: inherit;
        color: inherit;
        max-width: 100%;
        padding: 0.3em 0.5em;
        border: 1px solid var(--mu-color-border, #d6dde6);
        border-radius: var(--mu-radius-small, 6px);
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
      }
    `,
  ];
}
