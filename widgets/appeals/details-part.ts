// The "Details" of one appeal as <mu-my-appeals> and <mu-appeals-board> unfold it: fetched when a
// person first opens one (core/lazy-part.ts), together with the element it draws, so a page that
// lists appeals downloads <mu-appeal-details> only then.
import { html, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import './appeal-details.ts';

export const renderAppealDetails = (d: {
  id: string;
  staff: boolean;
  parts: string;
  apiBase: string;
  lang: Language;
  token: string | null | undefined;
}): TemplateResult =>
  html`<mu-appeal-details
    exportparts=${d.parts}
    appeal-id=${d.id}
    ?staff=${d.staff}
    api-base=${d.apiBase}
    lang=${d.lang}
    .token=${d.token}
  ></mu-appeal-details>`;
