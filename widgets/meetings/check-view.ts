// "Check my ballot" after the close, imported when the voter presses the button: the check itself
// (check.ts) and how each ballot's outcome reads, with its words (check-messages.ts). A page that
// shows the closed meeting fetches none of it until then.
import { html, nothing, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { translate } from '../core/i18n.ts';
import type { CheckOutcome } from './check.ts';
import { type CheckMessageKey, checkMessages } from './check-messages.ts';

export { checkBallot } from './check.ts';

export const checkText = (lang: Language, key: CheckMessageKey): string =>
  translate(checkMessages, lang, key);

/**
 * One voting right's outcome, under its `label`; `id` names its secret field, `noBallot` is what
 * the voting element says of a right with no ballot, `onSecret` checks with a pasted secret.
 */
export function renderOutcome(
  lang: Language,
  label: string,
  id: string,
  outcome: CheckOutcome,
  noBallot: string,
  onSecret: (event: SubmitEvent) => void,
): TemplateResult | typeof nothing {
  const t = (key: CheckMessageKey, params?: Record<string, string>) =>
    translate(checkMessages, lang, key, params);
  const tracker = 'tracker' in outcome ? outcome.tracker.slice(0, 16) : '';
  switch (outcome.kind) {
    case 'found':
      return html`<p class="ok" data-outcome="found">${label}: ${t('checkFound', { tracker })}</p>`;
    case 'altered':
      return html`<p class="error" data-outcome="altered">${label}: ${t('checkAltered', { tracker })}</p>`;
    case 'missing':
      return html`<p class="error" data-outcome="missing">${label}: ${t('checkMissing', { tracker })}</p>`;
    case 'no-ballot':
      return html`<p class="muted" data-outcome="no-ballot">${label}: ${noBallot}</p>`;
    case 'no-secret':
    case 'bad-secret':
      return html`<form class="secret-form" data-outcome=${outcome.kind} @submit=${onSecret}>
        <label for="secret-${id}">${label}: ${t('checkNoSecret')}</label>
        <div class="row">
          <input
            id="secret-${id}"
            name="secret"
            type="text"
            autocomplete="off"
            spellcheck="false"
            aria-invalid=${outcome.kind === 'bad-secret' ? 'true' : 'false'}
          />
          <button type="submit">${t('checkWith')}</button>
        </div>
        ${outcome.kind === 'bad-secret' ? html`<p class="error">${t('checkBadSecret')}</p>` : nothing}
      </form>`;
  }
}
