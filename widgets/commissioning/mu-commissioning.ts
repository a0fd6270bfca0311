import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ACT_KINDS, CONDITION_OF_ACT } from '../../domain/commissioning/act.ts';
import { OPEN_STATES } from '../../domain/commissioning/authority.ts';
import { ApiError } from '../core/api.ts';
import { askConfirmation } from '../core/ask-confirmation.ts';
import '../core/document-panel.ts';
import { MuElement } from '../core/element.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { getMe, type MeView } from '../core/me.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { problemReason } from '../core/refusal.ts';
import { listOrganizations, type RegisterListItem } from '../register/public.ts';
import { type DrawUpInput, renderDrawUp, renderInspection } from './actions.ts';
import {
  type Act,
  type CommissioningView,
  drawUpAct,
  getApplication,
  type Step,
  takeStep,
} from './client.ts';
import { type CommissioningConfirmKey, commissioningConfirmMessages } from './confirm-messages.ts';
import { type CommissioningMessageKey, commissioningMessages } from './messages.ts';
import { ACT_TEXT, PARTY_TEXT, renderAct, renderChecklist, renderSummary, renderTimeline } from './parts.ts';
import { canSign, DocumentChangedError, readAct, signActHere } from './sign.ts';
import { commissioningStyles } from './styles.ts';

type Notice = { kind: 'ok' | 'error'; text: () => string } | null;
/** The act the person has read: its exact bytes, which are what a signature covers. */
type Shown = { actId: string; sha256: string; bytes: Uint8Array } | null;
/** The cadastre and the other party act on their own time; an open application is looked at again. */
const POLL_MS = 5000;

/**
 * One commissioning application: its state and deadline, the checklist with why each missing
 * condition is missing and its evidence, the acts with who has signed, and the history. What the
 * caller may do is offered from its roles and the application: the developer draws up and signs
 * acts, the named organization's staff sign them, the district's inspector begins the check,
 * commissions or rejects with reasons. The API decides again; its refusal is shown in its words.
 *
 * @element mu-commissioning
 * @attr application-id - The application; changing it loads the new one.
 * @attr organization-id - The management organization the developer's act names by default.
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-commissioning-changed - `detail: { applicationId, state }` after a step or a signature.
 * @fires mu-error - `detail: { problem }` when the application cannot be loaded.
 *
 * @csspart card, title, state-badge (also `state-<state>`), facts, checklist, condition (also
 *   `condition-met` / `condition-missing`), act, signature, sign-button, draw-up-form, inspection,
 *   check-button, commission-button, reject-form, reasons, reject-button, notice (a live region),
 *   timeline, status, error, retry-button.
 */
export class MuCommissioning extends MuElement {
  static override properties: PropertyDeclarations = {
    applicationId: { attribute: 'application-id' },
    organizationId: { attribute: 'organization-id' },
    _busy: { state: true },
    _notice: { state: true },
    _kind: { state: true },
    _shown: { state: true },
    _opening: { state: true },
  };

  declare applicationId: string | undefined;
  declare organizationId: string | undefined;
  declare _busy: boolean;
  declare _notice: Notice;
  declare _kind: DrawUpInput['kind'] | null;
  declare _shown: Shown;
  declare _opening: string | null;

  #app = new KeyedLoader<CommissioningView>(this, this.reportError);
  #me = new KeyedLoader<MeView>(this);
  #orgs = new KeyedLoader<RegisterListItem[]>(this);
  #key: string | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this._busy = false;
    this._notice = null;
    this._kind = null;
    this._shown = null;
    this._opening = null;
  }

  /** Loads the application again. */
  refresh(): void {
    this.#app.reload();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => {
      const v = this.#app.value;
      if (v && OPEN_STATES.includes(v.state) && !this._busy && this.#app.state.kind === 'ready')
        this.#app.reload();
    }, POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const id = this.applicationId?.trim();
    const key = id ? JSON.stringify([apiBase, token, id]) : undefined;
    if (key !== this.#key) {
      this.#key = key;
      this._notice = null;
      this._kind = null;
      this._shown = null;
    }
    const o = { apiBase, token, lang };
    this.#app.sync(key, token, (signal) => getApplication(id!, { ...o, signal }));
    const who = token ? JSON.stringify([apiBase, token]) : undefined;
    this.#me.sync(who, token, (signal) => getMe({ ...o, signal }));
    const developer = this.#me.value?.roles.includes('developer');
    this.#orgs.sync(developer ? who : undefined, token, async (signal) => {
      // The organizations an act may name: only a registered one may manage a building.
      return (await listOrganizations({ status: 'registered', page: 1, pageSize: 200 }, { ...o, signal }))
        .items;
    });
  }

  #t = (key: CommissioningMessageKey, params?: Record<string, string | number>): string =>
    translate(commissioningMessages, this.settings.lang, key, params);

  #c = (key: CommissioningConfirmKey, params?: Record<string, string | number>): string =>
    translate(commissioningConfirmMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const state = this.#app.state;
    const body = renderLoaded(lang, this.#app, (v) => this.#renderApplication(v));
    return html`<article part="card" class="card" aria-busy=${state.kind === 'loading'}>${body}</article>`;
  }

  #renderApplication(v: CommissioningView): TemplateResult {
    const t = this.#t;
    const lang = this.settings.lang;
    const me = this.#me.value;
    const open = OPEN_STATES.includes(v.state);
    // Only its own developer reads an application, so the role is enough to know the party.
    const developer = Boolean(me?.roles.includes('developer'));
    const inspector = Boolean(me?.roles.includes('inspector') && me.districtId === v.districtId);
    const signButton = (act: Act) => (party: keyof typeof PARTY_TEXT) => {
      const mine =
        party === 'developer'
          ? developer
          : Boolean(me?.roles.includes('management_company') && me.organizationId === act.organization.id);
      if (!open || !mine) return nothing;
      // Nothing is signed unread: the button waits until this act's own bytes are on screen.
      const read = this._shown?.actId === act.id && this._shown.sha256 === act.sha256.toLowerCase();
      return html`<button type="button" part="sign-button"
          aria-describedby=${read ? nothing : `read-first-${act.id}`}
          ?disabled=${this._busy || !read} @click=${() => this.#sign(v, act, party)}>
          ${this._busy ? t('signing') : t('sign', { party: t(PARTY_TEXT[party]) })}
        </button>
        ${read ? nothing : html`<span id="read-first-${act.id}" class="muted">${this.#c('readFirst')}</span>`}`;
    };
    return html`${renderSummary(t, lang, v, open)}
      ${renderChecklist(t, lang, v)}
      <section part="acts" aria-labelledby="acts-title">
        <h3 id="acts-title">${t('acts')}</h3>
        ${
          v.acts.length === 0
            ? html`<p class="muted">${t('noActs')}</p>`
            : html`<ul class="acts">${v.acts.map((a) => renderAct(t, lang, v, a, signButton(a), this.#renderReading(v, a)))}</ul>`
        }
      </section>
      ${developer && open ? this.#renderDrawUp(v) : nothing}
      ${
        inspector && open
          ? renderInspection(t, v, {
              busy: this._busy,
              onCheck: () => this.#step(v, { path: 'check' }, 'checkBegun'),
              onCommission: () => void this.#commission(v),
              onReject: (reasons) => {
                if (reasons.length > 0) void this.#reject(v, reasons);
                else this._notice = { kind: 'error', text: () => t('reasonsRequired') };
              },
            })
          : nothing
      }
      <div part="notice" class="notice ${this._notice?.kind ?? ''}" role="status" aria-live="polite">
        ${this._notice ? html`<p>${this._notice.text()}</p>` : nothing}
      </div>
      ${developer || inspector || me?.roles.includes('admin') ? renderTimeline(t, lang, v) : nothing}`;
  }

  #renderDrawUp(v: CommissioningView): TemplateResult {
    const missing = v.conditions.filter((c) => !c.met).map((c) => c.condition);
    // The act still needed first: its condition missing and no act of its kind awaiting signatures.
    const needed = ACT_KINDS.find(
      (k) => missing.includes(CONDITION_OF_ACT[k]) && !v.acts.some((a) => a.kind === k),
    );
    const kind = this._kind ?? needed ?? 'solar_transfer';
    const organizations = this.#orgs.value ?? [];
    return renderDrawUp(this.#t, {
      kind,
      organizations,
      organizationId: v.acts.at(-1)?.organization.id ?? this.organizationId ?? organizations[0]?.id,
      busy: this._busy,
      onKind: (k) => {
        this._kind = k;
      },
      onSubmit: (input) =>
        this.#write(v, 'drawnUp', (o) =>
          drawUpAct(
            v.id,
            {
              kind: input.kind,
              organizationId: input.organizationId,
              ...(input.kind === 'solar_transfer'
                ? { panels: { count: input.count, capacityKw: input.capacityKw } }
                : {}),
            },
            o,
          ),
        ),
    });
  }

  /** The act's text in the card, with the control that fetches and checks it. */
  #renderReading(v: CommissioningView, act: Act): TemplateResult {
    const shown = this._shown?.actId === act.id ? this._shown : null;
    if (shown) {
      return html`<mu-document-panel part="act-document" lang=${this.settings.lang} .bytes=${shown.bytes}
        sha256=${shown.sha256}></mu-document-panel>`;
    }
    return html`<p><button type="button" part="read-act-button" class="secondary"
      ?disabled=${this._opening === act.id} @click=${() => this.#read(v, act)}>${this.#c('readAct')}</button></p>`;
  }

  async #read(v: CommissioningView, act: Act): Promise<void> {
    this._opening = act.id;
    this._notice = null;
    try {
      const bytes = await readAct(v.id, act, this.settings);
      this._shown = { actId: act.id, sha256: act.sha256.toLowerCase(), bytes };
    } catch (error) {
      this._notice = this.#failure(error, 'failed');
    } finally {
      this._opening = null;
    }
  }

  async #commission(v: CommissioningView): Promise<void> {
    const c = this.#c;
    const ok = await askConfirmation({
      title: c('commissionTitle'),
      body: c('commissionBody', { address: v.passport?.address ?? v.cadastralNumber }),
      confirm: c('commissionConfirm'),
      lang: this.settings.lang,
    });
    if (ok) this.#step(v, { path: 'commission' }, 'commissioned');
  }

  async #reject(v: CommissioningView, reasons: string[]): Promise<void> {
    const c = this.#c;
    const ok = await askConfirmation({
      title: c('rejectTitle'),
      body: c('rejectBody', { reasons: reasons.join('; ') }),
      confirm: c('rejectConfirm'),
      danger: true,
      lang: this.settings.lang,
    });
    if (ok) this.#step(v, { path: 'reject', body: { reasons } }, 'rejectedOk');
  }

  #step(v: CommissioningView, step: Step, done: CommissioningMessageKey): void {
    void this.#write(v, done, (o) => takeStep(v.id, step, o));
  }

  async #sign(v: CommissioningView, act: Act, party: keyof typeof PARTY_TEXT): Promise<void> {
    if (!canSign()) {
      this._notice = { kind: 'error', text: () => this.#t('noCrypto') };
      return;
    }
    const me = this.#me.value;
    const shown = this._shown;
    if (!me || shown?.actId !== act.id) return;
    const t = this.#t;
    const ok = await askConfirmation({
      title: this.#c('signTitle'),
      body: this.#c('signBody', {
        act: t(ACT_TEXT[act.kind]),
        party: t(PARTY_TEXT[party]),
        name: party === 'developer' ? v.developer.name : act.organization.name,
        sha: shown.sha256,
      }),
      confirm: this.#c('signConfirm'),
      lang: this.settings.lang,
    });
    if (!ok) return;
    await this.#write(v, 'signedOk', (o) => signActHere(v.id, act, shown.bytes, me.userId, o), 'signFailed');
  }

  async #write(
    v: CommissioningView,
    done: CommissioningMessageKey,
    work: (o: { apiBase: string; token: string | null; lang: string }) => Promise<CommissioningView>,
    failed: CommissioningMessageKey = 'failed',
  ): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._notice = null;
    const { apiBase, token, lang } = this.settings;
    try {
      const next = await work({ apiBase, token, lang });
      // The organization's staff get the application without its history; keep what was shown.
      this.#app.set(
        next.history.length === 0 && v.history.length > 0 ? { ...next, history: v.history } : next,
      );
      this._kind = null;
      this._notice = { kind: 'ok', text: () => this.#t(done) };
      this.emit('mu-commissioning-changed', { applicationId: v.id, state: next.state });
    } catch (error) {
      this._notice = this.#failure(error, failed);
    } finally {
      this._busy = false;
    }
  }

  #failure(error: unknown, failed: CommissioningMessageKey): Notice {
    const t = this.#t;
    if (error instanceof DocumentChangedError) return { kind: 'error', text: () => t('documentChanged') };
    const apiError = error instanceof ApiError ? error : toApiError(error);
    const reason = problemReason(apiError, this.settings.lang);
    return { kind: 'error', text: () => t(failed, { reason }) };
  }

  static override styles = commissioningStyles;
}
