import { css, html, nothing, type TemplateResult } from 'lit';
import type { Role } from '../../domain/access/roles.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import type { MeView } from '../core/me.ts';
import { baseStyles } from '../core/styles.ts';
import { MuMeetingCancel } from './cancel.ts';
import { MuMeetingPostpone } from './postpone.ts';
import { MuMeetingSignOff } from './sign-off.ts';
import { type MeetingChange, MeetingStaffElement } from './staff-element.ts';
import { staffStyles } from './staff-styles.ts';

/** Roles that manage meetings: they are told when nothing is due rather than shown nothing. */
const MANAGING_ROLES: readonly Role[] = ['management_company', 'council', 'admin'];

/**
 * Everything staff may do to one meeting now, under one heading: postpone or cancel it before the
 * vote (its initiator), sign the protocol off (its chair and secretary). The meeting and the
 * caller are loaded once and handed to <mu-meeting-postpone>, <mu-meeting-cancel> and
 * <mu-meeting-sign-off>; a change is confirmed here, and the page hears `mu-meeting-changed`.
 * With nothing to offer a resident or an inspector, and until the meeting has loaded, the element
 * hides itself (attribute `empty`); <mu-meeting> next to it shows why a meeting cannot load.
 *
 * @element mu-meeting-actions
 * @attr meeting-id - The meeting; changing it loads the new one.
 * @attr heading-level - Level of its heading (1–6, default 2); the forms sit one level below.
 * @attr api-base, token, lang - As every widget.
 * @fires mu-meeting-changed - From the inner elements, after each change.
 * @csspart actions, notice, form, submit-button, sign-off, sign-button, error
 */
export class MuMeetingActions extends MeetingStaffElement {
  constructor() {
    super();
    this.headingLevel = 2;
  }

  #offers(m: MeetingView, me: MeView): boolean {
    return [MuMeetingPostpone, MuMeetingCancel, MuMeetingSignOff].some((e) => e.offers(m, me));
  }

  #isEmpty(): boolean {
    const m = this.current;
    const me = this.caller;
    if (!m || !me) return true;
    return !this.#offers(m, me) && !me.roles.some((r) => MANAGING_ROLES.includes(r)) && !this._done;
  }

  protected override updated(): void {
    super.updated();
    this.toggleAttribute('empty', this.#isEmpty());
  }

  #onChange(event: CustomEvent<MeetingChange>): void {
    this.confirm(event.detail);
  }

  override render(): TemplateResult | typeof nothing {
    // Loading and failures are <mu-meeting>'s to show; until the meeting is here, nothing is due.
    if (this.renderState() !== null || this.#isEmpty()) return nothing;
    const m = this.current!;
    const me = this.caller!;
    const s = this.settings;
    const sub = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 2) + 1);
    return html`<section part="actions" class="card" aria-label=${this.t('actionsTitle')}
      @mu-meeting-changed=${this.#onChange}>
      ${this.renderHeading('actionsTitle')}
      ${this.renderDone()}
      ${
        MuMeetingPostpone.offers(m, me)
          ? html`<mu-meeting-postpone lang=${s.lang} .apiBase=${s.apiBase} .token=${s.token ?? undefined}
              .meeting=${m} .me=${me} .announce=${false} heading-level=${sub}
              exportparts="form, submit-button, error"></mu-meeting-postpone>`
          : nothing
      }
      ${
        MuMeetingCancel.offers(m, me)
          ? html`<mu-meeting-cancel lang=${s.lang} .apiBase=${s.apiBase} .token=${s.token ?? undefined}
              .meeting=${m} .me=${me} .announce=${false} heading-level=${sub}
              exportparts="form, submit-button, error"></mu-meeting-cancel>`
          : nothing
      }
      ${
        MuMeetingSignOff.offers(m, me)
          ? html`<mu-meeting-sign-off lang=${s.lang} .apiBase=${s.apiBase} .token=${s.token ?? undefined}
              .meeting=${m} .me=${me} .announce=${false} heading-level=${sub}
              exportparts="sign-off, sign-button, error"></mu-meeting-sign-off>`
          : nothing
      }
      ${this.#offers(m, me) ? nothing : html`<p class="muted" part="nothing-due">${this.t('noActions')}</p>`}
    </section>`;
  }

  static override styles = [
    baseStyles,
    staffStyles,
    css`
      :host([empty]) {
        display: none;
      }
      section > * + * {
        display: block;
        margin-top: 1rem;
      }
    `,
  ];
}
