import { html, type nothing, type TemplateResult } from 'lit';
import { DAY_MS } from '../../domain/meetings/schedule.ts';
import { CHANGEABLE_PHASES, type MeetingView } from '../../domain/meetings/types.ts';
import { fromTashkentInput, toTashkentInput } from '../core/format.ts';
import type { MeView } from '../core/me.ts';
import { baseStyles } from '../core/styles.ts';
import { postponeMeeting } from './client.ts';
import { MeetingStaffElement } from './staff-element.ts';
import { staffStyles } from './staff-styles.ts';

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

  override render(): TemplateResult | typeof nothing {
    const state = this.renderState();
    if (state !== null) return state;
    const m = this.current!;
    if (!MuMeetingPostpone.offers(m, this.caller!)) return this.renderDone();
    const opens = Date.parse(m.votingOpensAt) + 7 * DAY_MS;
    const length = Date.parse(m.votingClosesAt) - Date.parse(m.votingOpensAt);
    const date = (id: string, name: string, ms: number) => html`<div class="field">
      <label for=${id}>${this.t(id === 'opens' ? 'opens' : 'closes')}</label>
      <input id=${id} name=${name} type="datetime-local" step="1" required value=${toTashkentInput(ms)}
        aria-invalid=${this.invalid(name)} />
    </div>`;
    return this.renderReasonForm({
      action: 'postponed',
      title: 'postponeTitle',
      hint: 'postponeHint',
      submit: 'postponeSubmit',
      busy: 'postponing',
      fields: html`${date('opens', 'votingOpensAt', opens)}${date('closes', 'votingClosesAt', opens + length)}`,
      labels: { votingOpensAt: 'opens', votingClosesAt: 'closes' },
      send: (data, meeting) =>
        postponeMeeting(
          meeting.id,
          {
            votingOpensAt: fromTashkentInput(String(data.get('votingOpensAt') ?? '')),
            votingClosesAt: fromTashkentInput(String(data.get('votingClosesAt') ?? '')),
            reason: String(data.get('reason') ?? '').trim(),
          },
          this.settings,
        ),
    });
  }

  static override styles = [baseStyles, staffStyles];
}
