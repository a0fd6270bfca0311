import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import { normalizeUzPhone } from '../../domain/common/phone.ts';
import { CHANNELS, type Channel } from '../../domain/notifications/types.ts';
import type { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatDateTime } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { KeyedLoader } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { problemFields, renderRefusal } from '../core/refusal.ts';
import { PendingWrite } from '../core/write.ts';
import {
  createTelegramLink,
  getPreferences,
  type Preferences,
  requestPhoneCode,
  sendTestMessage,
  setPreferences,
  type TelegramLink,
  verifyPhone,
} from './client.ts';
import { type NotificationMessageKey, notificationMessages } from './messages.ts';
import { notificationStyles } from './styles.ts';

interface Draft {
  channels: { channel: Channel; used: boolean }[];
  language: Language;
  optOut: boolean;
  phone: string;
}

const draftOf = (p: Preferences): Draft => ({
  channels: [
    ...p.order.map((channel) => ({ channel, used: true })),
    ...CHANNELS.filter((c) => !p.order.includes(c)).map((channel) => ({ channel, used: false })),
  ],
  language: p.language,
  optOut: p.optOut,
  phone: p.phone ?? '',
});

type QrModule = typeof import('./qr.ts');

/** Why a phone code was refused, by the API's code; each has its words in messages.ts. */
const CODE_REFUSALS: Record<string, NotificationMessageKey> = {
  'notifications.code_wrong': 'codeWrong',
  'notifications.code_expired': 'codeExpired',
  'notifications.code_exhausted': 'codeExhausted',
  'notifications.code_used': 'codeExpired',
  'notifications.no_code': 'codeExpired',
  'notifications.too_many_codes': 'tooManyCodes',
  'notifications.phone_unreachable': 'phoneUnreachable',
};

/**
 * The signed-in resident's notification settings: the channels in the order to try (e-mail from
 * the registry, a mobile phone for SMS checked as +998 and nine digits, Telegram linked through the
 * bot's deep link or its QR code), the language of notices, and opting out of all but legal
 * notices, which the law does not let anyone turn off. "Send me a test message" tries the saved
 * settings. The QR encoder is fetched only when a link is made. A saved number carries SMS only
 * once confirmed: "Send code" has the gateway text it a six-digit code, typed into the field below.
 *
 * @element mu-notification-settings
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-notifications-changed - `detail: { preferences }` after a save.
 * @fires mu-error - `detail: { problem }` when the settings cannot be loaded.
 *
 * @csspart card, form, channel, phone-input, phone-verified, phone-unverified, send-code-button,
 *   code-input, verify-button, code-sent, code-error, telegram-link, qr, language-select, opt-out,
 *   legal-note, save-button, saved, test-button, test-result, error, status, retry-button
 */
export class MuNotificationSettings extends MuElement {
  static override properties: PropertyDeclarations = {
    _draft: { state: true },
    _phoneError: { state: true },
    _saved: { state: true },
    _link: { state: true },
    _qr: { state: true },
    _checked: { state: true },
    _tested: { state: true },
    _testError: { state: true },
    _codeSent: { state: true },
    _code: { state: true },
    _codeError: { state: true },
  };

  declare _draft: Draft | null;
  declare _phoneError: boolean;
  declare _saved: boolean;
  declare _link: TelegramLink | null;
  declare _qr: QrModule | null;
  declare _checked: boolean;
  declare _tested: Channel | null;
  declare _testError: 'optedOut' | 'noChannel' | null;
  declare _codeSent: { phone: string; expiresAt: string } | null;
  declare _code: string;
  declare _codeError: string | null;

  #prefs = new KeyedLoader<Preferences>(this, this.reportError);
  #save = new PendingWrite(this);
  #linking = new PendingWrite(this);
  #testing = new PendingWrite(this);
  #saveKey = new RetryKey();
  #linkKey = new RetryKey();
  #testKey = new RetryKey();
  #sendingCode = new PendingWrite(this);
  #verifying = new PendingWrite(this);
  #codeKey = new RetryKey();
  #codes = 0;
  #links = 0;
  #tests = 0;

  constructor() {
    super();
    this._draft = null;
    this._phoneError = false;
    this._saved = false;
    this._link = null;
    this._qr = null;
    this._checked = false;
    this._tested = null;
    this._testError = null;
    this._codeSent = null;
    this._code = '';
    this._codeError = null;
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    this.#prefs.sync(JSON.stringify([apiBase, token]), token, (signal) =>
      getPreferences({ apiBase, token, lang, signal }),
    );
    const loaded = this.#prefs.value;
    if (loaded && !this._draft) this._draft = draftOf(loaded);
  }

  #t = (key: NotificationMessageKey, params?: Record<string, string | number>): string =>
    translate(notificationMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    return html`<section part="card" class="card" aria-labelledby="settings-title">
      <h2 id="settings-title">${this.#t('settingsTitle')}</h2>
      ${renderLoaded(lang, this.#prefs, (prefs) => (this._draft ? this.#renderForm(prefs, this._draft) : nothing))}
    </section>`;
  }

  #renderForm(prefs: Preferences, d: Draft): TemplateResult {
    const lang = this.settings.lang;
    const refusal = this.#save.error;
    return html`<form part="form" class="stack" novalidate @submit=${this.#onSubmit}>
        <fieldset>
          <legend>${this.#t('channels')}</legend>
          <p class="hint">${this.#t('channelsHint')}</p>
          <ul class="plain">
            ${d.channels.map((c, i) => this.#renderChannel(prefs, d, c.channel, c.used, i))}
          </ul>
        </fieldset>
        <div>
          <label for="language">${this.#t('language')}</label>
          <select id="language" part="language-select" @change=${this.#onLanguage}>
            ${LANGUAGES.map((l) => html`<option value=${l} ?selected=${l === d.language}>${this.#t(`lang_${l}`)}</option>`)}
          </select>
        </div>
        <div part="opt-out">
          <label class="check">
            <input type="checkbox" name="optOut" .checked=${d.optOut} @change=${this.#onOptOut} aria-describedby="opt-out-hint legal-note" />
            <span>${this.#t('optOut')}</span>
          </label>
          <p class="hint" id="opt-out-hint">${this.#t('optOutHint')}</p>
          <p part="legal-note" class="note" id="legal-note">${this.#t('legalNote')}</p>
        </div>
        ${refusal && !this.#isPhoneRefusal(refusal) ? renderRefusal(lang, refusal, (f) => this.#labelOf(f)) : nothing}
        <div class="row">
          <button type="submit" part="save-button" ?disabled=${this.#save.busy}>
            ${this.#save.busy ? this.#t('saving') : this.#t('save')}
          </button>
          ${this._saved ? html`<span part="saved" class="ok" role="status">${this.#t('saved')}</span>` : nothing}
        </div>
      </form>
      ${this.#renderTest(prefs)}`;
  }

  #renderChannel(
    prefs: Preferences,
    d: Draft,
    channel: Channel,
    used: boolean,
    index: number,
  ): TemplateResult {
    const name = this.#t(`channel_${channel}`);
    return html`<li part="channel" class="channel" data-channel=${channel}>
      <div class="channel-head">
        <label>
          <input type="checkbox" .checked=${used} @change=${(e: Event) => this.#use(channel, (e.target as HTMLInputElement).checked)} />
          <span>${name}</span>
        </label>
        ${
          index > 0
            ? html`<button type="button" class="secondary" aria-label=${this.#t('moveUp', { channel: name })} @click=${() => this.#moveUp(index)}>↑</button>`
            : nothing
        }
      </div>
      ${prefs.unreachable.includes(channel) ? html`<p class="warn">${this.#t('unreachable', { channel: name })}</p>` : nothing}
      ${channel === 'email' ? html`<p class="hint address">${prefs.email ? this.#t('emailFromRegistry', { email: prefs.email }) : this.#t('emailNone')}</p>` : nothing}
      ${channel === 'sms' ? this.#renderPhone(d) : nothing}
      ${channel === 'sms' ? this.#renderVerification(prefs, d) : nothing}
      ${channel === 'telegram' ? this.#renderTelegram(prefs) : nothing}
    </li>`;
  }

  #renderPhone(d: Draft): TemplateResult {
    const invalid = this._phoneError || (this.#save.error !== null && this.#isPhoneRefusal(this.#save.error));
    return html`<div class="field">
      <label for="phone">${this.#t('phone')}</label>
      <input id="phone" part="phone-input" type="tel" inputmode="tel" autocomplete="tel" maxlength="32"
        placeholder="+998 90 123 45 67" .value=${d.phone} aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'phone-error' : 'phone-hint'} @input=${this.#onPhone} />
      ${
        invalid
          ? html`<p id="phone-error" class="field-error" role="alert">${this.#t('phoneInvalid')}</p>`
          : html`<p id="phone-hint" class="hint">${this.#t('phoneHint')}</p>`
      }
    </div>`;
  }

  /** The saved number's proof: confirmed, or a code to ask for and type. */
  #renderVerification(prefs: Preferences, d: Draft): TemplateResult | typeof nothing {
    // Only the saved number is confirmed; an edited one is saved first.
    if (!prefs.phone || normalizeUzPhone(d.phone) !== prefs.phone) return nothing;
    if (prefs.phoneVerified) return html`<p part="phone-verified" class="ok">${this.#t('phoneVerified')}</p>`;
    const sent = this._codeSent;
    const error = this._codeError;
    return html`<div class="field" part="phone-unverified">
      <p class="warn">${this.#t('phoneUnverified')}</p>
      <div class="row">
        <button type="button" class="secondary" part="send-code-button" ?disabled=${this.#sendingCode.busy} @click=${() => this.#onSendCode(prefs.phone as string)}>
          ${this.#sendingCode.busy ? this.#t('sendingCode') : sent ? this.#t('sendNewCode') : this.#t('sendCode')}
        </button>
      </div>
      ${
        sent
          ? html`<p part="code-sent" class="hint" role="status">${this.#t('codeSent', { phone: sent.phone, time: formatDateTime(this.settings.lang, sent.expiresAt) })}</p>
            <label for="phone-code">${this.#t('codeLabel')}</label>
            <div class="row">
              <input id="phone-code" part="code-input" type="text" inputmode="numeric" autocomplete="one-time-code"
                maxlength="6" size="8" .value=${this._code} aria-invalid=${error ? 'true' : 'false'}
                aria-describedby=${error ? 'code-error' : nothing} @input=${this.#onCode}
                @keydown=${this.#onCodeKey} />
              <button type="button" part="verify-button" ?disabled=${this.#verifying.busy} @click=${this.#onVerify}>
                ${this.#t('verifyCode')}
              </button>
            </div>`
          : nothing
      }
      ${error ? html`<p id="code-error" part="code-error" class="field-error" role="alert" data-reason=${error}>${error}</p>` : nothing}
    </div>`;
  }

  #renderTelegram(prefs: Preferences): TemplateResult {
    const lang = this.settings.lang;
    const link = prefs.telegramLinked ? null : this._link;
    return html`<p class="hint" data-linked=${prefs.telegramLinked ? 'true' : 'false'}>
        ${prefs.telegramLinked ? this.#t('telegramLinked') : this.#t('telegramNotLinked')}
      </p>
      <div class="row">
        <button type="button" class="secondary" part="telegram-link-button" ?disabled=${this.#linking.busy} @click=${this.#onLink}>
          ${this.#linking.busy ? this.#t('linking') : prefs.telegramLinked ? this.#t('relinkTelegram') : this.#t('linkTelegram')}
        </button>
      </div>
      ${this.#linking.error ? renderRefusal(lang, this.#linking.error, () => undefined) : nothing}
      ${
        link
          ? html`<div class="link-panel" part="telegram-link">
              <div>
                <p class="hint">${this.#t('linkHint', { time: formatDateTime(lang, link.expiresAt) })}</p>
                <p><a href=${link.url} target="_blank" rel="noopener" part="deep-link">${this.#t('openLink')}</a></p>
                <button type="button" class="secondary" part="check-linked-button" @click=${this.#onCheck}>${this.#t('checkLinked')}</button>
                ${this._checked ? html`<p class="hint" role="status">${this.#t('notLinkedYet')}</p>` : nothing}
              </div>
              ${this._qr ? this._qr.qrSvg(link.url, this.#t('qrLabel')) : nothing}
            </div>`
          : nothing
      }`;
  }

  #renderTest(prefs: Preferences): TemplateResult {
    const lang = this.settings.lang;
    const error = this.#testing.error;
    return html`<div class="row">
        <button type="button" class="secondary" part="test-button" ?disabled=${this.#testing.busy} @click=${() => this.#onTest(prefs)}>
          ${this.#testing.busy ? this.#t('testing') : this.#t('testMessage')}
        </button>
      </div>
      ${
        this._tested
          ? html`<p part="test-result" class="ok" role="status" data-channel=${this._tested}>
              ${this.#t('testSent', { channel: this.#t(`channel_${this._tested}`) })}
            </p>`
          : this._testError
            ? html`<p part="test-result" class="error" role="alert" data-reason=${this._testError}>
                ${this.#t(this._testError === 'optedOut' ? 'testOptedOut' : 'testNoChannel')}
              </p>`
            : error
              ? renderRefusal(lang, error, () => undefined)
              : nothing
      }`;
  }

  #labelOf(field: string): string | undefined {
    if (field === 'phone') return this.#t('phone');
    if (field === 'language') return this.#t('language');
    if (field === 'optOut') return this.#t('optOut');
    if (field.startsWith('order')) return this.#t('channels');
    return undefined;
  }

  #isPhoneRefusal(error: ApiError): boolean {
    return error.status === 400 && problemFields(error).has('phone');
  }

  #edit(change: Partial<Draft>): void {
    if (!this._draft) return;
    this._draft = { ...this._draft, ...change };
    this._saved = false;
  }

  #use(channel: Channel, used: boolean): void {
    this.#edit({
      channels: this._draft!.channels.map((c) => (c.channel === channel ? { channel, used } : c)),
    });
  }

  #moveUp(index: number): void {
    const channels = [...this._draft!.channels];
    [channels[index - 1], channels[index]] = [channels[index]!, channels[index - 1]!];
    this.#edit({ channels });
  }

  #onLanguage = (e: Event): void =>
    this.#edit({ language: (e.target as HTMLSelectElement).value as Language });
  #onOptOut = (e: Event): void => this.#edit({ optOut: (e.target as HTMLInputElement).checked });
  #onPhone = (e: Event): void => {
    this._phoneError = false;
    this.#save.clear();
    this.#edit({ phone: (e.target as HTMLInputElement).value });
  };

  #onSubmit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const d = this._draft;
    if (!d) return;
    const typed = d.phone.trim();
    const phone = typed === '' ? null : normalizeUzPhone(typed);
    if (typed !== '' && !phone) {
      this._phoneError = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#phone')?.focus();
      return;
    }
    const body = {
      order: d.channels.filter((c) => c.used).map((c) => c.channel),
      language: d.language,
      optOut: d.optOut,
      phone,
    };
    const key = this.#saveKey.for(JSON.stringify(body));
    const done = await this.#save.run(() => setPreferences(body, { ...this.settings, idempotencyKey: key }));
    if (!done.ok) return;
    this.#saveKey.reset();
    this.#prefs.set(done.value);
    this._draft = draftOf(done.value);
    this._saved = true;
    this._testError = null;
    this.emit('mu-notifications-changed', { preferences: done.value });
  };

  /** The refusal in words; the API's code picks them, and any other is said generally. */
  #codeRefusal(error: ApiError | null): string | null {
    if (!error) return null;
    const p = error.problem as { code?: string; attemptsLeft?: number };
    const key = p.code ? CODE_REFUSALS[p.code] : undefined;
    if (key === 'codeWrong') return this.#t('codeWrong', { left: p.attemptsLeft ?? 0 });
    if (key) return this.#t(key);
    if (error.status === 503) return this.#t('smsUnavailable');
    if (error.status === 400) return this.#t('codeFormat');
    return this.#t('codeFailed');
  }

  #onSendCode = async (phone: string): Promise<void> => {
    this._codeError = null;
    // A failed request is retried under the same key (no second SMS); each new press is a new code.
    const key = this.#codeKey.for(`${phone}:${this.#codes}`);
    const done = await this.#sendingCode.run(() =>
      requestPhoneCode(phone, { ...this.settings, idempotencyKey: key }),
    );
    if (!done.ok) {
      this._codeError = this.#codeRefusal(done.error);
      return;
    }
    this.#codes++;
    this._codeSent = done.value;
    this._code = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#phone-code')?.focus();
  };

  #onCode = (e: Event): void => {
    this._code = (e.target as HTMLInputElement).value;
    this._codeError = null;
  };

  #onCodeKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void this.#onVerify();
  };

  #onVerify = async (): Promise<void> => {
    const code = this._code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      this._codeError = this.#t('codeFormat');
      return;
    }
    const done = await this.#verifying.run(() => verifyPhone(code, this.settings));
    if (!done.ok) {
      this._codeError = this.#codeRefusal(done.error);
      return;
    }
    this.#prefs.set(done.value);
    this._draft = draftOf(done.value);
    this._codeSent = null;
    this._code = '';
    this.emit('mu-notifications-changed', { preferences: done.value });
  };

  #onLink = async (): Promise<void> => {
    // Each press asks for a fresh link; a failed request is retried under the same key.
    const key = this.#linkKey.for(String(this.#links));
    const [done, qr] = await Promise.all([
      this.#linking.run(() => createTelegramLink({ ...this.settings, idempotencyKey: key })),
      this._qr ? Promise.resolve(this._qr) : import('./qr.ts').catch(() => null),
    ]);
    this._qr = qr;
    if (!done.ok) return;
    this.#links++;
    this._link = done.value;
    this._checked = false;
  };

  #onCheck = (): void => {
    this._checked = true;
    this.#prefs.reload();
  };

  async #onTest(prefs: Preferences): Promise<void> {
    this._tested = null;
    this._testError = null;
    const key = this.#testKey.for(String(this.#tests));
    const done = await this.#testing.run(() => sendTestMessage({ ...this.settings, idempotencyKey: key }));
    if (done.ok) {
      this.#tests++;
      this._tested = done.value.channel;
    } else if (done.error?.status === 422) {
      this.#tests++;
      this.#testing.clear();
      this._testError = prefs.optOut ? 'optedOut' : 'noChannel';
    }
  }

  static override styles = notificationStyles;
}
