// The refusal views (refusal-view.ts) with their words for every rule and field are only needed once
// a write is refused or a form's check fails, so they are a chunk of their own: a page whose forms
// go through never downloads them. A failed write asks for it as the error arrives (api.ts) and
// every element's update waits for it (element.ts), so a refusal is drawn with its words at once;
// a view drawn before the chunk came (a check before sending) is drawn again when it arrives.
import { html, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import type { ApiError } from './api.ts';
import type { FieldIssue } from './field-issues.ts';
import { loadWithRetry } from './retry-import.ts';

type View = typeof import('./refusal-view.ts');

let view: View | undefined;
let loading: Promise<void> | undefined;
// The element whose template is being drawn (element.ts), to draw again once the views arrive.
let drawing: { requestUpdate(): void } | undefined;

/** Starts fetching the views; resolves once they are there (at once when they already are). */
export function loadRefusalViews(): Promise<void> {
  loading ??= loadWithRetry(() => import('./refusal-view.ts')).then(
    (module) => {
      view = module;
    },
    (error: unknown) => {
      loading = undefined;
      console.error(error);
    },
  );
  return loading;
}

/** The fetch an update must wait for, if one is under way. */
export const refusalViewsLoading = (): Promise<void> | undefined => (view ? undefined : loading);

/** Runs `draw` as the template of `host`, which is drawn again if it needed the views too early. */
export function drawingFor<T>(host: { requestUpdate(): void }, draw: () => T): T {
  const outer = drawing;
  drawing = host;
  try {
    return draw();
  } finally {
    drawing = outer;
  }
}

function need(): View | undefined {
  if (view) return view;
  const host = drawing;
  void loadRefusalViews().then(() => host?.requestUpdate());
  return undefined;
}

/** See refusal-view.ts: why a write was refused, in one line. */
export const problemReason = (error: ApiError, lang?: Language): string =>
  need()?.problemReason(error, lang) ?? '';

/** See refusal-view.ts: a refused write as an alert. */
export const renderRefusal = (
  lang: Language,
  error: ApiError,
  labelOf: (field: string) => string | undefined,
): TemplateResult => need()?.renderRefusal(lang, error, labelOf) ?? html``;

/** See refusal-view.ts: what a check before sending found, as an alert shaped like a refusal. */
export const renderCheckFailed = (
  lang: Language,
  issues: readonly FieldIssue[],
  labelOf: (field: string) => string | undefined,
): TemplateResult => need()?.renderCheckFailed(lang, issues, labelOf) ?? html``;

/** See refusal-view.ts: why a write was refused, from the status alone. */
export const refusalText = (lang: Language, error: ApiError): string =>
  need()?.refusalText(lang, error) ?? '';

/** See field-issues.ts: the words for one issue. */
export const fieldIssueText = (lang: Language, issue: FieldIssue): { text: string; english: boolean } =>
  need()?.fieldIssueText(lang, issue) ?? { text: '', english: false };

/**
 * The request fields a problem names, `body.` dropped (`votingOpensAt`, `agenda.0.title`), with
 * the service's message for each; the first message per field wins. Here, not in the views: forms
 * mark their fields with it as they are drawn.
 */
export function problemFields(error: ApiError): Map<string, string> {
  const fields = new Map<string, string>();
  for (const e of error.problem.errors ?? []) {
    const field = e.field.replace(/^body\.?/, '');
    if (!fields.has(field)) fields.set(field, e.message);
  }
  return fields;
}
