// A request's steps as its resident and technician read them: when, what (the vocabulary's words
// for the step), and the note a step carries (what was done, why the work was rejected).
import { html, nothing, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import type { DispatchStep } from '../../domain/dispatch/types.ts';
import type { TimelineStep } from '../../domain/dispatch/vocabulary.ts';
import type { Translate } from '../core/i18n.ts';
import { dateTime } from './format.ts';
import type { DispatchMessageKey } from './messages.ts';

export function renderTimeline(
  t: Translate<DispatchMessageKey>,
  lang: Language,
  steps: readonly DispatchStep[],
  id: string,
): TemplateResult {
  return html`<section part="timeline" class="timeline" aria-labelledby=${id}>
    <h4 id=${id}>${t('timeline')}</h4>
    <ol>
      ${steps.map((s) => {
        // A step this bundle has no words for yet shows its time alone, never its code.
        const label = t(`step_${s.action as TimelineStep}`);
        return html`<li data-step=${s.action}>
          <time datetime=${new Date(s.at).toISOString()}>${dateTime(lang, s.at)}</time>
          ${label ? html`— <span class="step">${label}</span>` : nothing}
          ${s.note ? html`<div class="quote">${s.note}</div>` : nothing}
        </li>`;
      })}
    </ol>
  </section>`;
}
