// The roster's 24/7 gaps in the coming days, above the queue: when no dispatcher is on duty, or no
// technician for a kind of work. The law wants the service round the clock, so the organization
// sees a hole before a resident falls into it; the API (GET /dispatch/roster) finds them.
import { html, nothing, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import type { CoverageGap } from '../../domain/dispatch/roster.ts';
import { formatDateTime } from '../core/format.ts';
import type { Translate } from '../core/i18n.ts';
import type { DispatchBoardMessageKey } from './board-messages.ts';

/** A phone screen's worth; the rest is counted. */
const SHOWN = 5;

const when = (lang: Language, at: number) => formatDateTime(lang, new Date(at).toISOString());

export function renderGaps(
  t: Translate<DispatchBoardMessageKey>,
  lang: Language,
  gaps: readonly CoverageGap[] | undefined,
): TemplateResult | typeof nothing {
  if (!gaps?.length) return nothing;
  const who = (g: CoverageGap) =>
    g.role === 'dispatcher' || !g.category
      ? t('gapDispatcher')
      : t('gapTechnician', { category: t(`cat_${g.category}`) });
  // No dispatcher at all is the worse hole: it comes first, then each by when it opens.
  const ordered = [...gaps].sort((a, b) =>
    a.role === b.role ? a.from - b.from : a.role === 'dispatcher' ? -1 : 1,
  );
  return html`<div part="roster-gaps" class="notice warning" role="note">
    <strong>${t('gapsTitle')}</strong>
    <ul>
      ${ordered
        .slice(0, SHOWN)
        .map(
          (g) => html`<li data-role=${g.role}>${who(g)}: ${when(lang, g.from)} – ${when(lang, g.to)}</li>`,
        )}
    </ul>
    ${gaps.length > SHOWN ? html`<p class="muted">${t('gapsMore', { n: gaps.length - SHOWN })}</p>` : nothing}
  </div>`;
}
