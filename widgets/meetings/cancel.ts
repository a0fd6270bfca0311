import { html, type nothing, type TemplateResult } from 'lit';
import type { MeetingView } from '../../domain/meetings/types.ts';
import type { MeView } from '../core/me.ts';
import { baseStyles } from '../core/styles.ts';
import { cancelMeeting } from './client.ts';
import { MuMeetingPostpone } from './postpone.ts';
import { MeetingStaffElement } from './staff-element.ts';
import { staffStyles } from './staff-styles.ts';

/**
 * Cancels a meeting before its vote opens, with a reason owners are told. Only the initiator may,
 * as for postponing; for anyone else, or later, the element is empty.
 *
 * @element mu-meeting-cancel
 * @attr meeting-id - The meeting; or set the `meeting` property (a `MeetingView`).
 * @attr heading-level - Level of its heading (1–6, default 3; 0 for none).
 * @attr api-base, token, lang - As every widget.
 * @fires mu-meeting-changed - `detail: { meetingId, action: 'cancelled', meeting }`.
 * @csspart form, submit-button, error, notice
 */
export class MuMeetingCancel extends MeetingStaffElement {
  /** The same people, at the same time, as may postpone. */
  static offers(m: MeetingView, me: MeView): boolean {
    return MuMeetingPostpone.offers(m, me);
  }

  override render(): TemplateResult | typeof nothing {
    const state = this.renderState();
    if (state !== null) return state;
    if (!MuMeetingCancel.offers(this.current!, this.caller!)) return this.renderDone();
    return html`${this.renderDone()}
      <form part="form" class="form" novalidate @submit=${this.#submit} aria-label=${this.t('cancelTitle')}>
        ${this.renderHeading('cancelTitle')}
        <p class="hint">${this.t('cancelHint')}</p>
        ${this.renderRefusal((f) => (f === 'reason' ? this.t('reason') : undefined))}
        <div class="field">
          <label for="reason">${this.t('reason')}</label>
          <input id="reason" name="reason" required maxlength="2000" autocomplete="off"
            aria-invalid=${this.invalid('reason')} />
        </div>
        <div class="row">
          <button type="submit" part="submit-button" ?disabled=${this.write.busy}>
            ${this.t(this.write.busy ? 'cancelling' : 'cancelSubmit')}
          </button>
        </div>
      </form>`;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const reason = String(new FormData(form).get('reason') ?? '').trim();
    const id = this.current!.id;
    const outcome = await this.write.run(() => cancelMeeting(id, reason, this.settings));
    if (outcome.ok) this.changed('cancelled', outcome.value);
    else if (outcome.error) this.focusRefusal();
  }

  static override styles = [baseStyles, staffStyles];
}
