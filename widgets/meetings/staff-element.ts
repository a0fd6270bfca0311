// What the staff elements that act on one meeting share: the meeting and the caller, handed in by
// <mu-meeting-actions> or loaded by `meeting-id`; a heading at the host page's level; one write at
// a time whose refusal the form shows; and the `mu-meeting-changed` event after each change.
import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { MeetingView } from '../../domain/meetings/types.ts';
import type { ApiError } from '../core/api.ts';
import { askConfirmation, type ConfirmRequest } from '../core/ask-confirmation.ts';
import { MuElement } from '../core/element.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { getMe, type MeView } from '../core/me.ts';
import { renderLoading, renderProblem } from '../core/problem-view.ts';
import { problemFields, renderRefusal } from '../core/refusal.ts';
import { PendingWrite } from '../core/write.ts';
import { getMeeting } from './client.ts';
import { nextRefreshIn } from './refresh.ts';
import { type StaffMessageKey, staffMessages } from './staff-messages.ts';

export type StaffAction = 'postponed' | 'cancelled' | 'signed';

/** `detail` of `mu-meeting-changed`: what was done, and the meeting as it now stands. */
export interface MeetingChange {
  meetingId: string;
  action: StaffAction;
  meeting: MeetingView;
}

export const MEETING_CHANGED_EVENT = 'mu-meeting-changed';

/** A change made with a reason (postponing, cancelling): its words, its other fields, its request. */
export interface ReasonForm {
  action: StaffAction;
  title: StaffMessageKey;
  hint: StaffMessageKey;
  submit: StaffMessageKey;
  busy: StaffMessageKey;
  /** Controls above the reason, and the label of each request field they stand for. */
  fields?: TemplateResult;
  labels?: Readonly<Record<string, StaffMessageKey>>;
  send: (data: FormData, meeting: MeetingView) => Promise<MeetingView>;
  /** For a change that cannot be undone: what to ask before sending, once a reason is given. */
  ask?: (reason: string, meeting: MeetingView) => ConfirmRequest;
}

const CONFIRMATION: Readonly<Record<StaffAction, StaffMessageKey>> = {
  postponed: 'postponed',
  cancelled: 'cancelled',
  signed: 'signed',
};

export abstract class MeetingStaffElement extends MuElement {
  static override properties: PropertyDeclarations = {
    meetingId: { attribute: 'meeting-id' },
    meeting: { attribute: false },
    me: { attribute: false },
    headingLevel: { attribute: 'heading-level', type: Number },
    announce: { attribute: false },
    _done: { state: true },
  };

  declare meetingId: string | undefined;
  /** Handed in by a container that already has it; otherwise loaded by `meeting-id`. */
  declare meeting: MeetingView | undefined;
  declare me: MeView | undefined;
  declare headingLevel: number;
  /** Whether the element confirms its own changes; a container that confirms them sets false. */
  declare announce: boolean;
  /** The confirmation of this element's last change, while the meeting is the one it changed. */
  declare _done: { meetingId: string; key: StaffMessageKey } | null;

  protected readonly write = new PendingWrite(this);
  readonly #meeting = new KeyedLoader<MeetingView>(this);
  readonly #me = new KeyedLoader<MeView>(this);
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.headingLevel = 3;
    this.announce = true;
    this._done = null;
  }

  /** Loads the meeting again, when this element loaded it itself. */
  refresh(): void {
    this.#meeting.reload();
  }

  protected get current(): MeetingView | null {
    return this.meeting ?? this.#meeting.value;
  }

  protected get caller(): MeView | null {
    return this.me ?? this.#me.value;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override willUpdate(): void {
    const { apiBase, token } = this.settings;
    const id = this.meetingId?.trim();
    const own = this.meeting === undefined && id;
    this.#meeting.sync(own ? JSON.stringify([apiBase, token, id]) : undefined, token, (signal) =>
      getMeeting(id!, { ...this.settings, signal }),
    );
    const needsMe = this.me === undefined && (own || this.meeting !== undefined);
    this.#me.sync(needsMe ? JSON.stringify([apiBase, token]) : undefined, token, (signal) =>
      getMe({ ...this.settings, signal }),
    );
  }

  // A meeting this element loaded moves on by itself (votes open, the protocol gets signed): look
  // again when a change is due, as <mu-meeting> does.
  protected override updated(): void {
    clearTimeout(this.#timer);
    const m = this.meeting === undefined ? this.#meeting.value : null;
    const delay = m ? nextRefreshIn(m, Date.now()) : null;
    if (delay !== null) this.#timer = setTimeout(() => this.#meeting.reload(), delay);
  }

  protected t(key: StaffMessageKey, params?: Record<string, string | number>): string {
    return translate(staffMessages, this.settings.lang, key, params);
  }

  /** Loading or failure of the meeting or the caller, or null once both are here. */
  protected renderState(): TemplateResult | typeof nothing | null {
    for (const loader of [this.#meeting, this.#me] as KeyedLoader<unknown>[]) {
      const s = loader.state;
      if (s.kind === 'error') return renderProblem(this.settings.lang, s.error, () => loader.reload());
    }
    if (!this.current && !this.meetingId) return nothing;
    return this.current && this.caller ? null : renderLoading(this.settings.lang);
  }

  protected renderHeading(key: StaffMessageKey): TemplateResult | typeof nothing {
    const level = Math.min(6, Math.trunc(this.headingLevel));
    if (!(level >= 1)) return nothing;
    return html`<div class="heading" role="heading" aria-level=${level}>${this.t(key)}</div>`;
  }

  protected renderRefusal(labelOf: (field: string) => string | undefined): TemplateResult | typeof nothing {
    const error: ApiError | null = this.write.error;
    return error ? renderRefusal(this.settings.lang, error, labelOf) : nothing;
  }

  /** `aria-invalid` of a control, from the fields the last refusal named. */
  protected invalid(field: string): 'true' | 'false' {
    const error = this.write.error;
    return error && problemFields(error).has(field) ? 'true' : 'false';
  }

  protected renderDone(): TemplateResult | typeof nothing {
    const done = this._done;
    if (!this.announce || !done || done.meetingId !== this.current?.id) return nothing;
    return html`<p part="notice" class="ok" role="status" tabindex="-1">${this.t(done.key)}</p>`;
  }

  protected renderReasonForm(f: ReasonForm): TemplateResult {
    const labels: Readonly<Record<string, StaffMessageKey>> = { ...f.labels, reason: 'reason' };
    return html`${this.renderDone()}
      <form part="form" class="form" novalidate aria-label=${this.t(f.title)}
        @submit=${(event: SubmitEvent) => this.#submitReasonForm(event, f)}>
        ${this.renderHeading(f.title)}
        <p class="hint">${this.t(f.hint)}</p>
        ${this.renderRefusal((field) => (labels[field] ? this.t(labels[field]) : undefined))}
        ${f.fields ?? nothing}
        <div class="field">
          <label for="reason">${this.t('reason')}</label>
          <input id="reason" name="reason" required maxlength="2000" autocomplete="off"
            aria-invalid=${this.invalid('reason')} />
        </div>
        <div class="row">
          <button type="submit" part="submit-button" ?disabled=${this.write.busy}>
            ${this.t(this.write.busy ? f.busy : f.submit)}
          </button>
        </div>
      </form>`;
  }

  async #submitReasonForm(event: SubmitEvent, f: ReasonForm): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const meeting = this.current!;
    // Without a reason the API refuses and the form says why; there is nothing to confirm yet.
    const reason = String(data.get('reason') ?? '').trim();
    if (f.ask && reason && !(await askConfirmation(f.ask(reason, meeting)))) return;
    const outcome = await this.write.run(() => f.send(data, meeting));
    if (outcome.ok) {
      form.reset();
      this.changed(f.action, outcome.value);
    } else if (outcome.error) this.focusRefusal();
  }

  /** After a change: keeps the new meeting, confirms it, and tells the page. */
  protected changed(action: StaffAction, meeting: MeetingView): void {
    const detail: MeetingChange = { meetingId: meeting.id, action, meeting };
    this.emit(MEETING_CHANGED_EVENT, detail);
    this.confirm(detail);
  }

  /** Shows the new state of the meeting and says what changed, where the focus goes. */
  protected confirm({ action, meeting }: MeetingChange): void {
    if (this.meeting === undefined) this.#meeting.set(meeting);
    else this.meeting = meeting;
    this._done = { meetingId: meeting.id, key: CONFIRMATION[action] };
    // The form that was used may be gone now (a cancelled meeting has none): keep the keyboard
    // user where the outcome is said.
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector('[part~="notice"]') as HTMLElement | null)?.focus(),
    );
  }

  /** After a refusal: the alert takes the focus so that it is read out. */
  protected focusRefusal(): void {
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector('[part~="error"]') as HTMLElement | null)?.focus(),
    );
  }
}
