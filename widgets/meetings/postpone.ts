import { html, type nothing, type TemplateResult } from 'lit';
import { DAY_MS } from '../../domain/meetings/schedule.ts';
import { CHANGEABLE_PHASES, type MeetingView } from '../../domain/meetings/types.ts';
import { fromTashkentInput, toTashkentInput } from '../core/format.ts';
import type { MeView } from '../core/me.ts';
import { baseStyles } from '../core/styles.ts';
import { postponeMeeting } from './client.ts';
import { MeetingStaffElement } from './staff-element.ts';
import { staffStyles } from './staff-styles.ts';

const LABELS = { votingOpensAt: 'opens', votingClosesAt: 'closes', reason: 'reason' } as const;

/**
 * Moves the vote of a meeting that has not opened yet, with a reason; owners get a fresh notice.
 * Only the initiator may, before voting opens; for anyone else, or later, the element is empty.
 * New dates default to a week later, the same length; they are Tashkent wall-clock time.
 *
 * @element mu-meeting-postpone
 * @attr meeting-id - The meeting; or set the `meeting` property (a `MeetingView`).
 * @attr heading-level - Level of its heading (1–6, default 3; 0 for none).
 * @attr api-base, token, lang - As every widget.
 * @fires mu-meeting-changed - `detail: { meetingId, action: 'postponed', meeting }`.
 * @csspart form, submit-button, error, notice
 */
export class MuMeetingPostpone extends MeetingStaffElement {
  /** Whether this caller may postpone this meeting now. */
  static offers(m: MeetingView, me: MeView): boolean {
    return m.initiator.userId === me.userId && CHANGEABLE_PHASES.includes(m.phase);
  }

  #label(field: string): string | undefined {
    const key = LABELS[field as keyof typeof LABELS];
    return key ? this.t(key) : undefined;
  }

  override render(): TemplateResult | typeof nothing {
    const state = this.renderState();
    if (state !== null) return state;
    const m = this.current!;
    if (!MuMeetingPostpone.offers(m, this.caller!)) return this.renderDone();
    const opens = Date.parse(m.votingOpensAt) + 7 * DAY_MS;
    const length = Date.parse(m.votingClosesAt) - Date.parse(m.votingOpensAt);
    return html`${this.renderDone()}
      <form part="form" class="form" novalidate @submit=${this.#submit} aria-label=${this.t('postponeTitle')}>
        ${this.renderHeading('postponeTitle')}
        <p class="hint">${this.t('postponeHint')}</p>
        ${this.renderRefusal((f) => this.#label(f))}
        <div class="field">
          <label for="opens">${this.t('opens')}</label>
          <input id="opens" name="votingOpensAt" type="datetime-local" step="1" required
            value=${toTashkentInput(opens)} aria-invalid=${this.invalid('votingOpensAt')} />
        </div>
        <div class="field">
          <label for="closes">${this.t('closes')}</label>
          <input id="closes" name="votingClosesAt" type="datetime-local" step="1" required
            value=${toTashkentInput(opens + length)} aria-invalid=${this.invalid('votingClosesAt')} />
        </div>
        <div class="field">
          <label for="reason">${this.t('reason')}</label>
          <input id="reason" name="reason" required maxlength="2000" autocomplete="off"
            aria-invalid=${this.invalid('reason')} />
        </div>
        <div class="row">
          <button type="submit" part="submit-button" ?disabled=${this.write.busy}>
            ${this.t(this.write.busy ? 'postponing' : 'postponeSubmit')}
          </button>
        </div>
      </form>`;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const m = this.current!;
    const outcome = await this.write.run(() =>
      postponeMeeting(
        m.id,
        {
          votingOpensAt: fromTashkentInput(String(data.get('votingOpensAt') ?? '')),
          votingClosesAt: fromTashkentInput(String(data.get('votingClosesAt') ?? '')),
          reason: String(data.get('reason') ?? '').trim(),
        },
        this.settings,
      ),
    );
    if (outcome.ok) {
      form.reset();
      this.changed('postponed', outcome.value);
    } else if (outcome.error) this.focusRefusal();
  }

  static override styles = [baseStyles, staffStyles];
}
