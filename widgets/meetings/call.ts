import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { INITIATOR_KINDS, INITIATOR_ROLE, type InitiatorKind } from '../../domain/meetings/initiation.ts';
import {
  AGENDA_ITEM_KINDS,
  type AgendaItemKind,
  DEFAULT_MEETING_POLICY,
  MEETING_FORMS,
  MEETING_KINDS,
} from '../../domain/meetings/policy.ts';
import { DAY_MS, HOUR_MS } from '../../domain/meetings/schedule.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import type { BuildingView } from '../../domain/registry/types.ts';
import { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import type { FieldIssue } from '../core/field-issues.ts';
import { checkField, choosePromptText } from '../core/form-checks.ts';
import { fromTashkentInput, toTashkentInput } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { KeyedLoader } from '../core/loader.ts';
import { getMe, type MeView } from '../core/me.ts';
import { renderLoading, renderProblem } from '../core/problem-view.ts';
import { problemFields, renderCheckFailed, renderRefusal } from '../core/refusal.ts';
import { baseStyles } from '../core/styles.ts';
import { PendingWrite } from '../core/write.ts';
import { listOrganizations, type RegisterListItem } from '../register/public.ts';
import { type AgendaMessageKey, agendaMessages } from './agenda-messages.ts';
import { type CallMessageKey, callMessages, INITIATOR_AS } from './call-messages.ts';
import { callMeeting, getBuilding, listBuildings, type NewMeeting } from './client.ts';
import { staffStyles } from './staff-styles.ts';
import { FORM_TEXT, ITEM_KIND_TEXT } from './vocabulary.ts';

interface Choices {
  buildings: BuildingView[];
  organizations: RegisterListItem[];
}

/** One agenda item being written; `id` keeps what was typed in it when another is removed. */
interface DraftItem {
  id: number;
  kind: AgendaItemKind;
}

const KIND_TEXT = { annual: 'kindAnnual', extraordinary: 'kindExtraordinary' } as const;

/** The API's limit on a meeting's and an item's title (api/meetings/schemas.ts). */
const TITLE_MAX = 300;

/** The first whole hour after the policy's notice period, and a two-week vote: a sound start. */
function defaultWindow(now: number): { opens: number; closes: number } {
  const opens = Math.ceil((now + (DEFAULT_MEETING_POLICY.noticeDays + 1) * DAY_MS) / HOUR_MS) * HOUR_MS;
  return { opens, closes: opens + 14 * DAY_MS };
}

/**
 * The form that calls a general meeting of owners: title, building, kind, form, the voting window
 * in Tashkent time and the agenda, one fieldset per item (a `management_organization` item picks
 * a registered organization). It offers the capacities the caller's roles give (the management
 * organization, the district council, the owners); the API checks scope, dates and the policy,
 * and a refusal is shown next to the fields it names. One Idempotency-Key per filled-in form, so a
 * double click or a retry calls one meeting.
 *
 * @element mu-meeting-call
 * @attr building-id - The building chosen first (also when it is not on the first page of the list).
 * @attr heading-level - Level of its heading (1–6, default 2; 0 when the page labels it).
 * @attr api-base, token, lang - As every widget.
 * @fires mu-meeting-called - `detail: { meeting }` (a `MeetingView`) once the meeting is called.
 * @fires mu-error - `detail: { problem }` when the caller or the buildings cannot be loaded.
 * @csspart form, item, add-item, remove-item, submit-button, error, notice
 */
export class MuMeetingCall extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    headingLevel: { attribute: 'heading-level', type: Number },
    _items: { state: true },
    _issues: { state: true },
    _edited: { state: true },
    _called: { state: true },
  };

  declare buildingId: string | undefined;
  declare headingLevel: number;
  declare _items: DraftItem[];
  /** What the check before the last submit found, by request field (`title`, `agenda.0.title`). */
  declare _issues: FieldIssue[];
  /** Controls edited since the last refusal: what the refusal said of them no longer holds. */
  declare _edited: ReadonlySet<string>;
  declare _called: MeetingView | null;

  readonly #me = new KeyedLoader<MeView>(this, this.reportError);
  readonly #choices = new KeyedLoader<Choices>(this, this.reportError);
  readonly #write = new PendingWrite(this);
  readonly #key = new RetryKey();
  #nextId = 1;
  #window = defaultWindow(Date.now());

  constructor() {
    super();
    this.headingLevel = 2;
    this._items = [{ id: 0, kind: 'ordinary' }];
    this._issues = [];
    this._edited = new Set();
    this._called = null;
  }

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.buildingId?.trim();
    this.#me.sync(JSON.stringify([s.apiBase, s.token]), s.token, (signal) => getMe({ ...s, signal }));
    this.#choices.sync(JSON.stringify([s.apiBase, s.token, id]), s.token, async (signal) => {
      const o = { ...s, signal };
      const [buildings, organizations] = await Promise.all([
        listBuildings(o),
        listOrganizations({ status: 'registered', page: 1, pageSize: 200 }, o),
      ]);
      // The building the page names may sit beyond the first page of the caller's buildings.
      const extra =
        id && !buildings.items.some((b) => b.id === id) ? await getBuilding(id, o).catch(() => null) : null;
      return {
        buildings: extra ? [extra, ...buildings.items] : buildings.items,
        organizations: organizations.items,
      };
    });
  }

  #t(key: CallMessageKey, params?: Record<string, string | number>): string {
    return translate(callMessages, this.settings.lang, key, params);
  }

  #m(key: AgendaMessageKey, params?: Record<string, string | number>): string {
    return translate(agendaMessages, this.settings.lang, key, params);
  }

  /** The capacities in which this caller may call a meeting, from their roles. */
  #capacities(me: MeView): InitiatorKind[] {
    return INITIATOR_KINDS.filter((k) => me.roles.includes(INITIATOR_ROLE[k]));
  }

  /** The label of a request field the API named (`agenda.1.title` → "Item 2: Question"). */
  #label(field: string): string | undefined {
    const item = /^agenda\.(\d+)\.(\w+)$/.exec(field);
    if (item) {
      const key = (
        {
          title: 'itemTitle',
          description: 'itemDescription',
          kind: 'itemKind',
          organizationId: 'itemOrganization',
        } as const
      )[item[2] as 'title'];
      return key && `${this.#m('itemNumber', { n: Number(item[1]) + 1 })}: ${this.#t(key)}`;
    }
    const key = (
      {
        title: 'meetingTitle',
        buildingIds: 'building',
        kind: 'kind',
        form: 'form',
        initiator: 'initiator',
        votingOpensAt: 'opens',
        votingClosesAt: 'closes',
      } as const
    )[field.replace(/\.\d+$/, '') as 'title'];
    return key && this.#t(key);
  }

  /** The control a request field belongs to, by id, so that it can be marked invalid. */
  #controlOf(field: string): string {
    const item = /^agenda\.(\d+)\.(\w+)$/.exec(field);
    const draft = item ? this._items[Number(item[1])] : undefined;
    if (item && draft) return `item-${draft.id}-${item[2] === 'organizationId' ? 'organization' : item[2]}`;
    return field.replace(/\.\d+$/, '') === 'buildingIds' ? 'buildingId' : field;
  }

  #invalid(control: string): 'true' | 'false' {
    if (this._issues.some((i) => this.#controlOf(i.field) === control)) return 'true';
    const error = this.#refusal();
    return error && [...problemFields(error).keys()].some((f) => this.#controlOf(f) === control)
      ? 'true'
      : 'false';
  }

  /** The last refusal without what the person has since changed; null when nothing of it stands. */
  #refusal(): ApiError | null {
    const error = this.#write.error;
    if (!error || this._edited.size === 0) return error;
    const errors = error.problem.errors ?? [];
    const standing = errors.filter(
      (e) => !this._edited.has(this.#controlOf(e.field.replace(/^body\.?/, ''))),
    );
    if (errors.length > 0 && standing.length === 0) return null;
    return new ApiError({ ...error.problem, errors: standing });
  }

  /** An edit clears what was said about that control, by the check or by the service. */
  #edited(event: Event): void {
    const control = (event.target as Element | null)?.id;
    if (!control) return;
    this._issues = this._issues.filter((i) => this.#controlOf(i.field) !== control);
    if (this.#write.error && !this._edited.has(control)) this._edited = new Set([...this._edited, control]);
  }

  override render(): TemplateResult | typeof nothing {
    const lang = this.settings.lang;
    for (const loader of [this.#me, this.#choices] as KeyedLoader<unknown>[]) {
      if (loader.state.kind === 'error')
        return renderProblem(lang, loader.state.error, () => loader.reload());
    }
    const me = this.#me.value;
    const choices = this.#choices.value;
    if (!me || !choices) return renderLoading(lang);
    const capacities = this.#capacities(me);
    const level = Math.min(6, Math.trunc(this.headingLevel));
    const heading =
      level >= 1
        ? html`<div class="heading" role="heading" aria-level=${level}>${this.#t('callTitle')}</div>`
        : nothing;
    if (capacities.length === 0) return html`${heading}<p class="muted">${this.#t('noCapacity')}</p>`;
    if (choices.buildings.length === 0) return html`${heading}<p class="muted">${this.#t('noBuildings')}</p>`;
    return html`${heading}
      <form part="form" class="form" novalidate aria-label=${this.#t('callTitle')} @submit=${this.#submit}
        @input=${this.#edited} @change=${this.#edited}>
        ${this.#renderOutcome()}
        ${
          capacities.length > 1
            ? this.#select('initiator', 'initiator', capacities, (k) => this.#t(INITIATOR_AS[k]))
            : html`<p class="hint">${this.#t('initiator')}: ${this.#t(INITIATOR_AS[capacities[0]!])}</p>`
        }
        <div class="field">
          <label for="title">${this.#t('meetingTitle')}</label>
          <input id="title" name="title" required maxlength=${TITLE_MAX} autocomplete="off"
            aria-invalid=${this.#invalid('title')} />
        </div>
        ${this.#select(
          'buildingId',
          'building',
          choices.buildings.map((b) => b.id),
          (id) => choices.buildings.find((b) => b.id === id)?.address ?? id,
          // No silent default: the person picks the building unless the page named it or it is the only one.
          this.buildingId ?? (choices.buildings.length === 1 ? choices.buildings[0]!.id : undefined),
          true,
        )}
        ${this.#select('kind', 'kind', MEETING_KINDS, (k) => this.#m(KIND_TEXT[k]))}
        ${this.#select('form', 'form', MEETING_FORMS, (f) => this.#m(FORM_TEXT[f]))}
        ${this.#dateField('votingOpensAt', 'opens', this.#window.opens)}
        ${this.#dateField('votingClosesAt', 'closes', this.#window.closes, 'datesHint')}
        <fieldset class="agenda">
          <legend>${this.#t('agenda')}</legend>
          ${repeat(
            this._items,
            (item) => item.id,
            (item, index) => this.#renderItem(item, index, choices.organizations),
          )}
          <div class="row">
            <button type="button" class="secondary" part="add-item" @click=${this.#addItem}>
              ${this.#t('addItem')}
            </button>
          </div>
        </fieldset>
        <div class="row">
          <button type="submit" part="submit-button" ?disabled=${this.#write.busy}>
            ${this.#t(this.#write.busy ? 'calling' : 'callSubmit')}
          </button>
        </div>
      </form>`;
  }

  #renderOutcome(): TemplateResult | typeof nothing {
    const lang = this.settings.lang;
    if (this._issues.length > 0) return renderCheckFailed(lang, this._issues, (f) => this.#label(f));
    const error = this.#refusal();
    if (error) return renderRefusal(lang, error, (f) => this.#label(f));
    if (this._called) {
      return html`<p part="notice" class="ok" role="status" tabindex="-1" data-meeting-id=${this._called.id}>
        ${this.#t('called')}
      </p>`;
    }
    return nothing;
  }

  #select<T extends string>(
    id: string,
    label: CallMessageKey,
    values: readonly T[],
    text: (value: T) => string,
    selected?: string,
    prompt = false,
  ): TemplateResult {
    return html`<div class="field">
      <label for=${id}>${this.#t(label)}</label>
      <select id=${id} name=${id} aria-invalid=${this.#invalid(id)} ?required=${prompt}>
        ${prompt ? html`<option value="" ?selected=${!selected}>${choosePromptText(this.settings.lang)}</option>` : nothing}
        ${values.map((v) => html`<option value=${v} ?selected=${v === selected}>${text(v)}</option>`)}
      </select>
    </div>`;
  }

  #dateField(id: string, label: CallMessageKey, ms: number, hint?: CallMessageKey): TemplateResult {
    return html`<div class="field">
      <label for=${id}>${this.#t(label)}</label>
      <input id=${id} name=${id} type="datetime-local" step="1" required value=${toTashkentInput(ms)}
        aria-invalid=${this.#invalid(id)} aria-describedby=${hint ? `${id}-hint` : nothing} />
      ${hint ? html`<p id="${id}-hint" class="hint">${this.#t(hint)}</p>` : nothing}
    </div>`;
  }

  #renderItem(item: DraftItem, index: number, organizations: RegisterListItem[]): TemplateResult {
    const n = index + 1;
    const id = (name: string) => `item-${item.id}-${name}`;
    return html`<fieldset part="item" class="item" data-item=${n}>
      <legend>${this.#m('itemNumber', { n })}</legend>
      <div class="field">
        <label for=${id('title')}>${this.#t('itemTitle')}</label>
        <input id=${id('title')} name=${id('title')} required maxlength=${TITLE_MAX} autocomplete="off"
          aria-invalid=${this.#invalid(id('title'))} />
      </div>
      <div class="field">
        <label for=${id('description')}>${this.#t('itemDescription')}</label>
        <textarea id=${id('description')} name=${id('description')} rows="2" maxlength="10000"></textarea>
      </div>
      <div class="field">
        <label for=${id('kind')}>${this.#t('itemKind')}</label>
        <select id=${id('kind')} name=${id('kind')} @change=${(e: Event) => this.#setKind(item.id, e)}>
          ${AGENDA_ITEM_KINDS.map((k) => html`<option value=${k} ?selected=${k === item.kind}>${this.#m(ITEM_KIND_TEXT[k])}</option>`)}
        </select>
      </div>
      ${item.kind === 'management_organization' ? this.#renderOrganization(id('organization'), organizations) : nothing}
      ${
        this._items.length > 1
          ? html`<div class="row">
              <button type="button" class="secondary" part="remove-item" @click=${() => this.#removeItem(item.id)}>
                ${this.#t('removeItem', { n })}
              </button>
            </div>`
          : nothing
      }
    </fieldset>`;
  }

  // Only an organization in the register may be put to the vote: the choice comes from it.
  #renderOrganization(id: string, organizations: RegisterListItem[]): TemplateResult {
    if (organizations.length === 0) return html`<p class="hint">${this.#t('noOrganizations')}</p>`;
    return html`<div class="field">
      <label for=${id}>${this.#t('itemOrganization')}</label>
      <select id=${id} name=${id} required aria-invalid=${this.#invalid(id)}>
        <option value="">${choosePromptText(this.settings.lang)}</option>
        ${organizations.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
      </select>
    </div>`;
  }

  #setKind(id: number, event: Event): void {
    const kind = (event.target as HTMLSelectElement).value as AgendaItemKind;
    this._items = this._items.map((i) => (i.id === id ? { ...i, kind } : i));
  }

  #addItem(): void {
    const id = this.#nextId++;
    this._items = [...this._items, { id, kind: 'ordinary' }];
    // The new item's first field, so that keyboard users go on typing where they are.
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#item-${id}-title`) as HTMLInputElement | null)?.focus(),
    );
  }

  #removeItem(id: number): void {
    const at = this._items.findIndex((i) => i.id === id);
    this._items = this._items.filter((i) => i.id !== id);
    const next = this._items[Math.min(at, this._items.length - 1)];
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#item-${next?.id}-title`) as HTMLInputElement | null)?.focus(),
    );
  }

  #focus(selector: string): void {
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus(),
    );
  }

  #read(form: HTMLFormElement, capacities: InitiatorKind[]): NewMeeting {
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    return {
      title: value('title'),
      kind: value('kind') as NewMeeting['kind'],
      form: value('form') as NewMeeting['form'],
      buildingIds: [value('buildingId')],
      initiator: (value('initiator') || capacities[0]) as InitiatorKind,
      votingOpensAt: fromTashkentInput(value('votingOpensAt')),
      votingClosesAt: fromTashkentInput(value('votingClosesAt')),
      agenda: this._items.map((item) => {
        const organizationId = value(`item-${item.id}-organization`);
        return {
          title: value(`item-${item.id}-title`),
          description: value(`item-${item.id}-description`),
          kind: item.kind,
          ...(item.kind === 'management_organization' && organizationId ? { organizationId } : {}),
        };
      }),
    };
  }

  /** What the API would refuse for certain, found before sending; in the order of the form. */
  #check(form: HTMLFormElement, body: NewMeeting): FieldIssue[] {
    const raw = (name: string) => String(new FormData(form).get(name) ?? '');
    const issues: FieldIssue[] = [];
    const add = (issue: FieldIssue | null) => issue && issues.push(issue);
    add(checkField('title', body.title, { required: true, maxLength: TITLE_MAX }));
    add(checkField('buildingIds', body.buildingIds[0] ?? '', { required: 'choose' }));
    const opens = Date.parse(body.votingOpensAt);
    const closes = Date.parse(body.votingClosesAt);
    for (const [field, at] of [
      ['votingOpensAt', opens],
      ['votingClosesAt', closes],
    ] as const) {
      if (Number.isNaN(at))
        add(
          raw(field).trim()
            ? { field, code: 'invalid_format', format: 'datetime' }
            : { field, code: 'required' },
        );
    }
    if (!Number.isNaN(opens) && !Number.isNaN(closes) && closes <= opens)
      add({ field: 'votingClosesAt', code: 'after', other: this.#t('opens') });
    body.agenda.forEach((item, i) => {
      add(checkField(`agenda.${i}.title`, item.title, { required: true, maxLength: TITLE_MAX }));
      if (item.kind === 'management_organization')
        add(checkField(`agenda.${i}.organizationId`, item.organizationId ?? '', { required: 'choose' }));
    });
    return issues;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = this.#read(form, this.#capacities(this.#me.value!));
    this._called = null;
    this._issues = this.#check(form, body);
    if (this._issues.length > 0) {
      this.#write.clear();
      this._edited = new Set();
      this.#focus(`#${this.#controlOf(this._issues[0]!.field)}`);
      return;
    }
    this._edited = new Set();
    const key = this.#key.for(JSON.stringify(body));
    const outcome = await this.#write.run(() => callMeeting(body, key, this.settings));
    if (!outcome.ok) {
      if (outcome.error) this.#focus('[part~="error"]');
      return;
    }
    // A fresh, empty form (and key) for the next meeting; the confirmation stays.
    form.reset();
    this.#key.reset();
    this.#window = defaultWindow(Date.now());
    this._items = [{ id: this.#nextId++, kind: 'ordinary' }];
    this._called = outcome.value;
    this.emit('mu-meeting-called', { meeting: outcome.value });
    this.#focus('[part~="notice"]');
  }

  static override styles = [baseStyles, staffStyles];
}
