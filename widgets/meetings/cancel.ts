import type { nothing, TemplateResult } from 'lit';
import type { MeetingView } from '../../domain/meetings/types.ts';
import { translate } from '../core/i18n.ts';
import type { MeView } from '../core/me.ts';
import { baseStyles } from '../core/styles.ts';
import { cancelMeeting } from './client.ts';
import { meetingConfirmMessages } from './confirm-messages.ts';
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
    return this.renderReasonForm({
      action: 'cancelled',
      title: 'cancelTitle',
      hint: 'cancelHint',
      submit: 'cancelSubmit',
      busy: 'cancelling',
      send: (data, m) => cancelMeeting(m.id, String(data.get('reason') ?? '').trim(), this.settings),
      ask: (reason, m) => {
        const lang = this.settings.lang;
        const c = (key: 'cancelTitle' | 'cancelBody' | 'cancelConfirm') =>
          translate(meetingConfirmMessages, lang, key, { title: m.title, reason });
        return {
          title: c('cancelTitle'),
          body: c('cancelBody'),
          confirm: c('cancelConfirm'),
          danger: true,
          lang,
        };
      },
    });
  }

  static override styles = [baseStyles, staffStyles];
}
