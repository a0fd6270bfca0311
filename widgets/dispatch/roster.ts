import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ROSTER_ROLES, type RosterRole } from '../../domain/dispatch/roster.ts';
import { DISPATCH_CATEGORIES, type DispatchCategory } from '../../domain/dispatch/triage.ts';
import type { ApiError } from '../core/api.ts';
import { askConfirmation } from '../core/ask-confirmation.ts';
import { MuElement } from '../core/element.ts';
import type { FieldIssue } from '../core/field-issues.ts';
import { formatDate, formatDateTime, fromTashkentInput, toTashkentInput } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { renderCheckFailed, renderRefusal } from '../core/refusal.ts';
import { baseStyles, cardStyles, formStyles } from '../core/styles.ts';
import {
  addRosterShift,
  getRoster,
  listRosterStaff,
  type NewShift,
  type Roster,
  type RosterShift,
  removeRosterShift,
} from './board-client.ts';
import { renderGaps } from './board-gaps.ts';
import { type DispatchBoardMessageKey, dispatchBoardMessages } from './board-messages.ts';

const DAY = 86_400_000;
// Tashkent keeps UTC+5 all year round: its days start at 19:00 UTC.
const OFFSET = 5 * 3_600_000;
const dayStart = (at: number) => Math.floor((at + OFFSET) / DAY) * DAY - OFFSET;

type Staff = { items: { userId: string; name: string }[] };
type Outcome = { kind: 'ok'; key: DispatchBoardMessageKey } | { kind: 'error'; error: ApiError };

const LABELS: Record<string, DispatchBoardMessageKey> = {
  userId: 'rosterPerson',
  role: 'rosterRole',
  startsAt: 'rosterStarts',
  endsAt: 'rosterEnds',
  categories: 'rosterKinds',
};

/**
 * The organization's on-call roster, a week at a time from today (Tashkent days): each day's
 * dispatchers and technicians with the kinds of work they cover. A shift is added for a person the
 * organization has rostered before (end after start checked here; a shift of the same person that
 * overlaps it is shown first, to add anyway) and removed after a confirmation. The round-the-clock
 * gaps of the coming days are the API's (the domain's coverage check), read again after each change.
 *
 * @element mu-dispatch-roster
 * @attr org-id - The organization (the API reads it from the token; the roster loads once it is set).
 * @attr api-base, token, lang - See configure().
 *
 * @csspart card - The outer box. @csspart roster-gaps - The gaps (none: @csspart no-gaps).
 * @csspart week, prev-week, next-week - The week shown. @csspart day, shift, remove-button - Its shifts.
 * @csspart add-form, add-button, overlap - Adding a shift. @csspart outcome, error - What happened.
 */
export class MuDispatchRoster extends MuElement {
  static override properties: PropertyDeclarations = {
    orgId: { attribute: 'org-id' },
    _week: { state: true },
    _busy: { state: true },
    _outcome: { state: true },
    _issues: { state: true },
    _overlap: { state: true },
  };

  declare orgId: string | undefined;
  /** Weeks after the current one (negative: before). */
  declare _week: number;
  declare _busy: boolean;
  declare _outcome: Outcome | null;
  declare _issues: FieldIssue[];
  /** The shift being added overlaps this one of the same person: the next submit adds it anyway. */
  declare _overlap: { fingerprint: string; shift: RosterShift } | null;

  #shifts = new KeyedLoader<Roster>(this);
  #coming = new KeyedLoader<Roster>(this);
  #staff = new KeyedLoader<Staff>(this);
  #retry = new RetryKey();

  constructor() {
    super();
    this._week = 0;
    this._busy = false;
    this._outcome = null;
    this._issues = [];
    this._overlap = null;
  }

  #from(): number {
    return dayStart(Date.now()) + this._week * 7 * DAY;
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const org = this.orgId?.trim();
    const key = org ? JSON.stringify([apiBase, token, org]) : undefined;
    const from = new Date(this.#from()).toISOString();
    const o = (signal: AbortSignal) => ({ apiBase, token, lang, signal });
    this.#shifts.sync(key && `${key}|${from}`, token, (signal) => getRoster(o(signal), from));
    this.#coming.sync(key, token, (signal) => getRoster(o(signal)));
    this.#staff.sync(key, token, (signal) => listRosterStaff(o(signal)));
  }

  #t = (key: DispatchBoardMessageKey, params?: Record<string, string | number>): string =>
    translate(dispatchBoardMessages, this.settings.lang, key, params);

  #when = (at: number) => formatDateTime(this.settings.lang, new Date(at).toISOString());

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const coming = this.#coming.value;
    return html`<section part="card" class="card" aria-labelledby="roster-title">
      <h2 id="roster-title">${this.#t('rosterTitle')}</h2>
      <div aria-live="polite">
        ${
          coming && coming.gaps.length === 0
            ? html`<p part="no-gaps" class="notice">${this.#t('rosterNoGaps')}</p>`
            : renderGaps(this.#t, lang, coming?.gaps)
        }
      </div>
      ${this.#renderOutcome()}
      ${renderLoaded(lang, this.#shifts, (roster) => this.#renderWeek(roster))} ${this.#renderForm()}
    </section>`;
  }

  #renderOutcome(): TemplateResult | typeof nothing {
    const o = this._outcome;
    if (!o) return nothing;
    if (o.kind === 'ok') return html`<p part="outcome" class="notice" role="status">${this.#t(o.key)}</p>`;
    return renderRefusal(this.settings.lang, o.error, (f) => this.#label(f));
  }

  #renderWeek(roster: Roster): TemplateResult {
    const from = this.#from();
    const days = Array.from({ length: 7 }, (_, i) => from + i * DAY);
    const last = days[6]!;
    return html`<nav class="week" aria-label=${this.#t('rosterTitle')}>
        <button type="button" part="prev-week" class="secondary" @click=${() => this.#move(-1)}>‹ ${this.#t('rosterPrev')}</button>
        <span part="week">${this.#t('rosterWeek', { from: formatDate(new Date(from).toISOString()), to: formatDate(new Date(last).toISOString()) })}</span>
        <button type="button" part="next-week" class="secondary" @click=${() => this.#move(1)}>${this.#t('rosterNext')} ›</button>
      </nav>
      <ol class="days">
        ${days.map((d) =>
          this.#renderDay(
            d,
            roster.shifts.filter((s) => s.startsAt < d + DAY && s.endsAt > d),
          ),
        )}
      </ol>`;
  }

  #renderDay(day: number, shifts: RosterShift[]): TemplateResult {
    const group = (role: RosterRole, title: DispatchBoardMessageKey) => {
      const mine = shifts.filter((s) => s.role === role);
      return html`<h4>${this.#t(title)}</h4>
        ${
          mine.length === 0
            ? html`<p class="muted">${this.#t('rosterNone')}</p>`
            : html`<ul>${mine.map((s) => this.#renderShift(s))}</ul>`
        }`;
    };
    return html`<li part="day" data-day=${toTashkentInput(day).slice(0, 10)}>
      <h3>${formatDate(new Date(day).toISOString())}</h3>
      ${group('dispatcher', 'rosterDispatchers')} ${group('technician', 'rosterTechnicians')}
    </li>`;
  }

  #renderShift(s: RosterShift): TemplateResult {
    const kinds =
      s.role === 'dispatcher'
        ? nothing
        : html`<span class="muted">${
            s.categories.length
              ? s.categories.map((c) => this.#t(`cat_${c as DispatchCategory}`)).join(', ')
              : this.#t('rosterAllKinds')
          }</span>`;
    return html`<li part="shift" data-id=${s.id} data-role=${s.role}>
      <span><strong>${s.name}</strong> ${this.#when(s.startsAt)} – ${this.#when(s.endsAt)} ${kinds}</span>
      <button type="button" part="remove-button" class="secondary" ?disabled=${this._busy}
        @click=${() => this.#remove(s)}>${this.#t('rosterRemove')}</button>
    </li>`;
  }

  #renderForm(): TemplateResult {
    const staff = this.#staff.value?.items;
    if (staff && staff.length === 0) return html`<p class="muted">${this.#t('rosterNoStaff')}</p>`;
    const start = toTashkentInput(dayStart(Date.now()) + DAY + 9 * 3_600_000).slice(0, 16);
    const end = toTashkentInput(dayStart(Date.now()) + 2 * DAY + 9 * 3_600_000).slice(0, 16);
    const wrong = (f: string) => (this._issues.some((i) => i.field === f) ? 'true' : 'false');
    const overlap = this._overlap?.shift;
    return html`<form part="add-form" class="form" novalidate @submit=${(e: SubmitEvent) => this.#submit(e)}
        @input=${() => this.#edited()} @change=${() => this.#edited()}>
      <h3>${this.#t('rosterAddTitle')}</h3>
      <label>${this.#t('rosterPerson')}
        <select name="userId" required aria-invalid=${wrong('userId')}>
          <option value="">${this.#t('rosterChoosePerson')}</option>
          ${(staff ?? []).map((p) => html`<option value=${p.userId}>${p.name}</option>`)}
        </select>
      </label>
      <fieldset><legend>${this.#t('rosterRole')}</legend>
        ${ROSTER_ROLES.map(
          (
            r,
            i,
          ) => html`<label class="check"><input type="radio" name="role" value=${r} ?checked=${i === 0} />
            ${this.#t(r === 'dispatcher' ? 'roleDispatcher' : 'roleTechnician')}</label>`,
        )}
      </fieldset>
      <fieldset><legend>${this.#t('rosterKinds')}</legend>
        <div class="kinds">${DISPATCH_CATEGORIES.map(
          (c) =>
            html`<label class="check"><input type="checkbox" name="categories" value=${c} /> ${this.#t(`cat_${c}`)}</label>`,
        )}</div>
      </fieldset>
      <label>${this.#t('rosterStarts')}
        <input name="startsAt" type="datetime-local" required value=${start} aria-invalid=${wrong('startsAt')} />
      </label>
      <label>${this.#t('rosterEnds')}
        <input name="endsAt" type="datetime-local" required value=${end} aria-invalid=${wrong('endsAt')} />
      </label>
      ${this._issues.length ? renderCheckFailed(this.settings.lang, this._issues, (f) => this.#label(f)) : nothing}
      ${
        overlap
          ? html`<p part="overlap" class="notice warning" role="alert">${this.#t('rosterOverlap', {
              name: overlap.name,
              from: this.#when(overlap.startsAt),
              to: this.#when(overlap.endsAt),
            })}</p>`
          : nothing
      }
      <button type="submit" part="add-button" ?disabled=${this._busy}>
        ${this._busy ? this.#t('rosterAdding') : this.#t(overlap ? 'rosterAddAnyway' : 'rosterAdd')}
      </button>
    </form>`;
  }

  #label(field: string): string | undefined {
    const key = LABELS[field.split('.')[0] ?? ''];
    return key ? this.#t(key) : undefined;
  }

  #move(weeks: number): void {
    this._week += weeks;
  }

  /** What was checked or refused was about what was typed: once edited, it no longer holds. */
  #edited(): void {
    if (this._busy) return;
    this._issues = [];
    this._overlap = null;
    if (this._outcome?.kind === 'error') this._outcome = null;
  }

  #check(data: FormData): { shift: NewShift | null; issues: FieldIssue[] } {
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const issues: FieldIssue[] = [];
    const userId = value('userId');
    if (!userId) issues.push({ field: 'userId', code: 'choose' });
    const startsAt = fromTashkentInput(value('startsAt'));
    const endsAt = fromTashkentInput(value('endsAt'));
    if (!startsAt) issues.push({ field: 'startsAt', code: 'invalid_format', format: 'datetime' });
    if (!endsAt) issues.push({ field: 'endsAt', code: 'invalid_format', format: 'datetime' });
    else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt))
      issues.push({ field: 'endsAt', code: 'after', other: this.#t('rosterStarts') });
    if (issues.length) return { shift: null, issues };
    const name = this.#staff.value?.items.find((p) => p.userId === userId)?.name ?? '';
    const role = value('role') as RosterRole;
    const categories = data.getAll('categories').map(String) as DispatchCategory[];
    return { shift: { userId, name, role, startsAt, endsAt, categories }, issues };
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this._busy) return;
    const { shift, issues } = this.#check(new FormData(event.target as HTMLFormElement));
    this._issues = issues;
    this._outcome = null;
    if (!shift) return;
    const fingerprint = JSON.stringify(shift);
    // A person on two shifts at once is usually a slip; the roster allows it (a double shift) once asked.
    if (this._overlap?.fingerprint !== fingerprint) {
      const clash = this.#clash(shift);
      if (clash) {
        this._overlap = { fingerprint, shift: clash };
        return;
      }
    }
    // The same shift sent again after a lost answer keeps its key: it is added once.
    const idempotencyKey = this.#retry.for(fingerprint);
    this._busy = true;
    try {
      await addRosterShift(shift, { ...this.settings, idempotencyKey });
      this.#retry.reset();
      this._overlap = null;
      this._outcome = { kind: 'ok', key: 'rosterAdded' };
      this.#changed();
    } catch (error) {
      this._outcome = { kind: 'error', error: toApiError(error) };
    } finally {
      this._busy = false;
    }
  }

  #clash(shift: NewShift): RosterShift | undefined {
    const from = Date.parse(shift.startsAt);
    const to = Date.parse(shift.endsAt);
    const known = [...(this.#shifts.value?.shifts ?? []), ...(this.#coming.value?.shifts ?? [])];
    return known.find((s) => s.userId === shift.userId && s.startsAt < to && s.endsAt > from);
  }

  async #remove(s: RosterShift): Promise<void> {
    const lang = this.settings.lang;
    const ok = await askConfirmation({
      title: this.#t('rosterRemoveTitle'),
      body: this.#t('rosterRemoveBody', {
        name: s.name,
        from: this.#when(s.startsAt),
        to: this.#when(s.endsAt),
      }),
      confirm: this.#t('rosterRemoveConfirm'),
      danger: true,
      lang,
    });
    if (!ok) return;
    this._busy = true;
    this._outcome = null;
    try {
      await removeRosterShift(s.id, this.settings);
      this._outcome = { kind: 'ok', key: 'rosterRemoved' };
      this.#changed();
    } catch (error) {
      this._outcome = { kind: 'error', error: toApiError(error) };
    } finally {
      this._busy = false;
    }
  }

  /** The week and the coming days' gaps are read again: the API's coverage check says what changed. */
  #changed(): void {
    this.#shifts.reload();
    this.#coming.reload();
    this.#staff.reload();
  }

  static override styles = [
    baseStyles,
    cardStyles,
    formStyles,
    css`
      .week {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
      .days {
        list-style: none;
        padding: 0;
        margin: 0.5rem 0;
      }
      .days > li {
        border-top: 1px solid var(--mu-border, #d0d7de);
        padding: 0.25rem 0;
      }
      h3,
      h4 {
        margin: 0.4rem 0 0.2rem;
      }
      [part~='shift'] {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.25rem 0.5rem;
        overflow-wrap: anywhere;
      }
      ul {
        padding-left: 1rem;
        margin: 0;
      }
      .kinds {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
      }
      .check {
        display: inline-flex;
        gap: 0.3rem;
        align-items: center;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0.5rem 0;
        min-width: 0;
      }
      .notice.warning {
        border-left: 4px solid var(--mu-warning, #b45309);
        padding-left: 0.5rem;
      }
    `,
  ];
}
