// The responsible body's side of <mu-appeal-details>: take the appeal into consideration, then
// answer it. Shown only for what the API lists in `availableActions`, so the server's rules (who,
// from which status) stay the only ones; transfer, extension and study are left to the API.
import { html, nothing, type TemplateResult } from 'lit';
import type { AppealJson } from './client.ts';
import type { Translate } from './format.ts';

export interface HandlingView {
  busy: boolean;
  /** The answer was sent empty. */
  answerMissing: boolean;
  onTakeUp: () => void;
  onAnswer: (event: SubmitEvent) => void;
}

/** Whether the caller handles this appeal (rather than being its applicant or an observer). */
export const handles = (a: AppealJson): boolean =>
  a.availableActions.some((x) => x === 'accept' || x === 'answer');

export function renderHandling(
  t: Translate,
  a: AppealJson,
  v: HandlingView,
): TemplateResult | typeof nothing {
  if (a.availableActions.includes('accept')) {
    return html`<p>
      <button type="button" part="take-up-button" ?disabled=${v.busy} @click=${v.onTakeUp}>${t('takeUp')}</button>
    </p>`;
  }
  if (!a.availableActions.includes('answer')) return nothing;
  const describedBy = v.answerMissing ? 'answer-error answer-hint' : 'answer-hint';
  return html`<form part="answer-form" novalidate @submit=${v.onAnswer}>
    <div class="field">
      <label class="title" for="answer-text">${t('answerText')}</label>
      <textarea
        id="answer-text"
        name="text"
        aria-invalid=${v.answerMissing ? 'true' : 'false'}
        aria-describedby=${describedBy}
      ></textarea>
      <span id="answer-hint" class="hint muted">${t('answerHint')}</span>
      ${v.answerMissing ? html`<p id="answer-error" class="field-error" role="alert">${t('answerRequired')}</p>` : nothing}
    </div>
    <button type="submit" part="answer-button" ?disabled=${v.busy}>${t('sendAnswer')}</button>
  </form>`;
}
