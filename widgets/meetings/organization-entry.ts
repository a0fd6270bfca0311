// The register's card of the organization a ballot item would choose. Only this module names it,
// and <mu-meeting-ballot> imports it when a voter opens that item's register entry: a ballot page
// then fetches the card, its history and the register's words only for a voter who looks.
import { html, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';

export const renderOrganization = (orgId: string, lang: Language, apiBase: string): TemplateResult =>
  html`<mu-register-organization part="organization" org-id=${orgId} lang=${lang} api-base=${apiBase}
  ></mu-register-organization>`;
