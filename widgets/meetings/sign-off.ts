import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import {
  type MeetingView,
  PROTOCOL_SIGNERS,
  type ProtocolSigner,
  SIGNING_PHASES,
} from '../../domain/meetings/types.ts';
import { askConfirmation } from '../core/ask-confirmation.ts';
import { translate } from '../core/i18n.ts';
import type { MeView } from '../core/me.ts';
import { loadWithRetry } from '../core/retry-import.ts';
import { reviewMessages } from '../core/review-messages.ts';
import { baseStyles } from '../core/styles.ts';
import { signProtocol } from './client.ts';
import { type MeetingConfirmKey, meetingConfirmMessages } from './confirm-messages.ts';
import type { ShownProtocol } from './protocol-reading.ts';
import { MeetingStaffElement } from './staff-element.ts';
import type { StaffMessageKey } from './staff-messages.ts';
import { staffStyles } from './staff-styles.ts';

/** Reading the protocol (protocol-reading.ts), once a signer asked to. */
let reading: typeof import('./protocol-reading.ts') | undefined;

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
 * the caller holds, disabled once that signature is given. Nothing is signed unread: the buttons
 * wait until "Read the protocol" has shown its text (decisions, votes, quorum, dates) and the
 * stored PDF here, both checked against the SHA-256 the meeting names, and signing asks first. For
 * anyone else, before the protocol exists or after the appeal window, the element is empty.
 *
 * @element mu-meeting-sign-off
 * @attr meeting-id - The meeting; or set the `meeting` property (a `MeetingView`).
 * @attr heading-level - Level of its heading (1–6, default 3; 0 for none).
 * @attr api-base, token, lang - As every widget.
 * @fires mu-meeting-changed - `detail: { meetingId, action: 'signed', meeting }` with the signatures.
 * @csspart sign-off, sign-button, protocol-text, error, notice
 */
export class MuMeetingSignOff extends MeetingStaffElement {
  static override properties: PropertyDeclarations = {
    ...MeetingStaffElement.properties,
    _shown: { state: true },
    _opening: { state: true },
    _readFailed: { state: true },
  };

  /** The protocol as read here: its text, the PDF's bytes and their hash, equal to the meeting's. */
  declare _shown: ShownProtocol | null;
  declare _opening: boolean;
  declare _readFailed: boolean;

  constructor() {
    super();
    this._shown = null;
    this._opening = false;
    this._readFailed = false;
  }

  #c = (key: MeetingConfirmKey, params?: Record<string, string | number>): string =>
    translate(meetingConfirmMessages, this.settings.lang, key, params);

  static offers(m: MeetingView, me: MeView): boolean {
    return SIGNING_PHASES.includes(m.phase) && m.protocol !== null && rolesOf(m, me).length > 0;
  }

  override render(): TemplateResult | typeof nothing {
    const state = this.renderState();
    if (state !== null) return state;
    const m = this.current!;
    if (!MuMeetingSignOff.offers(m, this.caller!)) return this.renderDone();
    const sha = m.protocol!.sha256.toLowerCase();
    const read = this._shown?.sha256 === sha;
    const lang = this.settings.lang;
    return html`${this.renderDone()}
      <section part="sign-off" class="form" aria-label=${this.t('signTitle')}>
        ${this.renderHeading('signTitle')}
        <p class="hint">${this.t('signHint')}</p>
        ${
          read && reading
            ? reading.renderProtocol(this._shown!, lang)
            : html`<p><button type="button" part="read-button" class="secondary" ?disabled=${this._opening}
                @click=${() => this.#read(sha)}>${this.#c('readProtocol')}</button></p>`
        }
        ${
          this._readFailed
            ? html`<p class="error" role="alert">${translate(reviewMessages, lang, 'documentChanged')}</p>`
            : nothing
        }
        ${this.renderRefusal(() => undefined)}
        <div class="row">
          ${rolesOf(m, this.caller!).map((role) => {
            const signed = SIGNED[role](m.protocol!);
            return html`<button
              type="button"
              part="sign-button"
              data-role=${role}
              aria-describedby=${read || signed ? nothing : 'read-first'}
              ?disabled=${signed || this.write.busy || !read}
              @click=${() => this.#sign(role)}
            >
              ${this.t(signed ? TEXT[role].signed : this.write.busy ? 'signing' : TEXT[role].sign)}
            </button>`;
          })}
          ${read ? nothing : html`<span id="read-first" class="hint">${this.#c('readFirst')}</span>`}
        </div>
      </section>`;
  }

  /** Fetches the stored PDF and shows it only if it is the one the meeting names. */
  async #read(sha: string): Promise<void> {
    this._opening = true;
    this._readFailed = false;
    try {
      reading ??= await loadWithRetry(() => import('./protocol-reading.ts'));
      const shown = await reading.readProtocol(this.current!.id, sha, this.settings);
      if (shown) this._shown = shown;
      else this._readFailed = true;
    } catch {
      this._readFailed = true;
    } finally {
      this._opening = false;
    }
  }

  async #sign(role: ProtocolSigner): Promise<void> {
    const m = this.current!;
    const sha = this._shown?.sha256;
    if (!sha || sha !== m.protocol?.sha256.toLowerCase()) return;
    const ok = await askConfirmation({
      title: this.#c('signTitle'),
      body: this.#c('signBody', { title: m.title, role: this.#c(role), sha }),
      confirm: this.#c('signConfirm'),
      lang: this.settings.lang,
    });
    if (!ok) return;
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

  static override styles = [
    baseStyles,
    staffStyles,
    css`
      .protocol-text {
        overflow-wrap: anywhere;
      }
      .protocol-text ol,
      .protocol-text ul {
        padding-inline-start: 1.25rem;
      }
    `,
  ];
}
