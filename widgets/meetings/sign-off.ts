import { html, type nothing, type TemplateResult } from 'lit';
import {
  type MeetingView,
  PROTOCOL_SIGNERS,
  type ProtocolSigner,
  SIGNING_PHASES,
} from '../../domain/meetings/types.ts';
import type { MeView } from '../core/me.ts';
import { baseStyles } from '../core/styles.ts';
import { signProtocol } from './client.ts';
import { MeetingStaffElement } from './staff-element.ts';
import type { StaffMessageKey } from './staff-messages.ts';
import { staffStyles } from './staff-styles.ts';

const SIGNER_OF: Readonly<Record<ProtocolSigner, (m: MeetingView) => string>> = {
  chair: (m) => m.chairUserId,
  secretary: (m) => m.secretaryUserId,
};

const SIGNED: Readonly<Record<ProtocolSigner, (p: NonNullable<MeetingView['protocol']>) => boolean>> = {
  chair: (p) => p.signedByChair,
  secretary: (p) => p.signedBySecretary,
};

const TEXT: Readonly<Record<ProtocolSigner, { sign: StaffMessageKey; signed: StaffMessageKey }>> = {
  chair: { sign: 'signChair', signed: 'signedChair' },
  secretary: { sign: 'signSecretary', signed: 'signedSecretary' },
};

/** The roles in which this caller signs this meeting's protocol (the same user may hold both). */
const rolesOf = (m: MeetingView, me: MeView): ProtocolSigner[] =>
  PROTOCOL_SIGNERS.filter((role) => SIGNER_OF[role](m) === me.userId);

/**
 * Signs a decided meeting's protocol off, as its chair, its secretary or both: one button per role
 * the caller holds, disabled once that signature is given. For anyone else, before the protocol
 * exists or after the appeal window, the element is empty.
 *
 * @element mu-meeting-sign-off
 * @attr meeting-id - The meeting; or set the `meeting` property (a `MeetingView`).
 * @attr heading-level - Level of its heading (1–6, default 3; 0 for none).
 * @attr api-base, token, lang - As every widget.
 * @fires mu-meeting-changed - `detail: { meetingId, action: 'signed', meeting }` with the signatures.
 * @csspart sign-off, sign-button, error, notice
 */
export class MuMeetingSignOff extends MeetingStaffElement {
  static offers(m: MeetingView, me: MeView): boolean {
    return SIGNING_PHASES.includes(m.phase) && m.protocol !== null && rolesOf(m, me).length > 0;
  }

  override render(): TemplateResult | typeof nothing {
    const state = this.renderState();
    if (state !== null) return state;
    const m = this.current!;
    if (!MuMeetingSignOff.offers(m, this.caller!)) return this.renderDone();
    return html`${this.renderDone()}
      <section part="sign-off" class="form" aria-label=${this.t('signTitle')}>
        ${this.renderHeading('signTitle')}
        <p class="hint">${this.t('signHint')}</p>
        ${this.renderRefusal(() => undefined)}
        <div class="row">
          ${rolesOf(m, this.caller!).map((role) => {
            const signed = SIGNED[role](m.protocol!);
            return html`<button
              type="button"
              part="sign-button"
              data-role=${role}
              ?disabled=${signed || this.write.busy}
              @click=${() => this.#sign(role)}
            >
              ${this.t(signed ? TEXT[role].signed : this.write.busy ? 'signing' : TEXT[role].sign)}
            </button>`;
          })}
        </div>
      </section>`;
  }

  async #sign(role: ProtocolSigner): Promise<void> {
    const m = this.current!;
    const outcome = await this.write.run(() => signProtocol(m.id, role, this.settings));
    if (!outcome.ok) {
      if (outcome.error) this.focusRefusal();
      return;
    }
    const { chairSignedAt, secretarySignedAt } = outcome.value;
    const protocol = {
      ...m.protocol!,
      signedByChair: !!chairSignedAt,
      signedBySecretary: !!secretarySignedAt,
    };
    this.changed('signed', { ...m, protocol });
  }

  static override styles = [baseStyles, staffStyles];
}
