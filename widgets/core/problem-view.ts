// How a widget shows a failed request: a localised sentence per status, and a retry
// button where trying again can help (network, timeouts, server errors). A refused write names, in
// the reader's language, the fields the problem+json points at, with the service's own reason.
import { html, nothing, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import type { ApiError } from './api.ts';
import { translate } from './i18n.ts';
import type { KeyedLoader } from './loader.ts';
import { coreMessages } from './messages.ts';

export interface ProblemTexts {
  forbidden?: string;
  notFound?: string;
}

export function problemText(lang: Language, error: ApiError, texts: ProblemTexts = {}): string {
  const status = error.status;
  if (status === 401) return translate(coreMessages, lang, 'unauthorized');
  if (status === 403) return texts.forbidden ?? translate(coreMessages, lang, 'forbidden');
  if (status === 404) return texts.notFound ?? translate(coreMessages, lang, 'notFound');
  return translate(coreMessages, lang, status === 0 ? 'network' : 'failed');
}

export const isRetryable = (status: number): boolean =>
  status === 0 || status === 408 || status === 429 || status >= 500;

export function renderProblem(
  lang: Language,
  error: ApiError,
  retry: () => void,
  texts: ProblemTexts = {},
): TemplateResult {
  return html`<div part="error" class="error" role="alert">
    <p>${problemText(lang, error, texts)}</p>
    ${
      isRetryable(error.status)
        ? html`<button type="button" part="retry-button" @click=${retry}>
            ${translate(coreMessages, lang, 'retry')}
          </button>`
        : nothing
    }
  </div>`;
}

export function renderLoading(lang: Language): TemplateResult {
  return html`<p part="status" class="status muted" role="status" aria-busy="true">
    ${translate(coreMessages, lang, 'loading')}
  </p>`;
}

/** A loader on screen: its failure with a retry where that helps, "Loading…", or `show(value)`. */
export function renderLoaded<T, R>(
  lang: Language,
  loader: KeyedLoader<T>,
  show: (value: T) => R,
  texts: ProblemTexts = {},
): R | TemplateResult {
  const state = loader.state;
  if (state.kind === 'error') return renderProblem(lang, state.error, () => loader.reload(), texts);
  const value = loader.value;
  return value === null ? renderLoading(lang) : show(value);
}
