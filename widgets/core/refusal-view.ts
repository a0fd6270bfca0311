// A refused write, in the reader's words: field by field by the problem's codes (field-issues.ts),
// a rule by its code, and anything else by a general sentence: never the service's English.
// Apart from problem-view.ts so a widget that only reads never downloads the words for forms.
import { html, nothing, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import type { ApiError } from './api.ts';
import { type FieldIssue, fieldIssueText, fieldsWrongText, problemIssues } from './field-issues.ts';
import { fieldMessages } from './field-messages.ts';
import { translate } from './i18n.ts';
import { coreMessages } from './messages.ts';
import { type RuleMessageKey, ruleMessages } from './rule-messages.ts';

// Behind refusal.ts, which element code imports instead of this file and field-issues.ts.
export { fieldIssueText };

/**
 * A rule's refusal in `lang`, by the problem's code (`meetings.wrong_phase`, else the plain
 * `wrong_phase`); undefined for a code this bundle does not know (see refusalReason).
 */
export function ruleText(lang: Language, error: ApiError): string | undefined {
  const code = error.problem.code;
  if (!code) return undefined;
  const plain = code.slice(code.indexOf('.') + 1);
  return (
    translate(ruleMessages, lang, code as RuleMessageKey) ||
    translate(ruleMessages, lang, plain as RuleMessageKey) ||
    undefined
  );
}

/** "The service gave a reason this page cannot yet say": for a code a newer API added, or none. */
export const unknownReasonText = (lang: Language): string => translate(ruleMessages, lang, 'unknown');

/** A field issue in the reader's words: the service's English message is never shown. */
const issueText = (lang: Language, issue: FieldIssue): string =>
  fieldIssueText(lang, { ...issue, message: undefined }).text;

/**
 * Why a write was refused, in one line: with `lang`, the rule's words by its code, else each field
 * the problem names in the reader's words, else the general sentence; never the service's English.
 * Without `lang` (a caller outside any page language), the service's own words.
 */
export function problemReason(error: ApiError, lang?: Language): string {
  if (!lang)
    return (
      error.problem.errors?.map((e) => e.message).join('; ') || error.problem.detail || error.problem.title
    );
  const rule = ruleText(lang, error);
  if (rule) return rule;
  if (error.problem.code) return unknownReasonText(lang);
  const fields = problemIssues(error)
    .map((i) => issueText(lang, i))
    .join('; ');
  return fields || unknownReasonText(lang);
}

/** Why a write was refused, in the reader's language, from the status alone. */
export function refusalText(lang: Language, error: ApiError): string {
  const s = error.status;
  if (s === 401) return translate(coreMessages, lang, 'unauthorized');
  const key =
    s === 0
      ? 'refusedNetwork'
      : s === 400 || s === 422
        ? 'refusedInvalid'
        : s === 403
          ? 'refusedForbidden'
          : s === 404
            ? 'refusedNotFound'
            : s === 409
              ? 'refusedConflict'
              : 'refusedLater';
  return translate(fieldMessages, lang, key);
}

/** Each issue under the label the form shows for its field, in the reader's language. */
export function renderIssues(
  lang: Language,
  issues: readonly FieldIssue[],
  labelOf: (field: string) => string | undefined,
): TemplateResult {
  return html`<ul class="field-issues">
    ${issues.map(
      (issue) =>
        html`<li data-field=${issue.field} data-code=${issue.code ?? nothing}
          ><span class="field-name">${labelOf(issue.field) ?? issue.field}</span>: <span>${issueText(lang, issue)}</span></li
        >`,
    )}
  </ul>`;
}

/**
 * A refused write as an alert: the localised sentence, a rule's refusal in the reader's words (by
 * its code), each named field under the label the form shows for it (`labelOf` returns undefined
 * for fields the form does not have) with what is wrong in the reader's language. A code this
 * bundle does not know, or a reason the service gave only in English, is said by the general
 * sentence in the reader's language: the English never shows.
 */
export function renderRefusal(
  lang: Language,
  error: ApiError,
  labelOf: (field: string) => string | undefined,
): TemplateResult {
  const code = error.problem.code;
  const rule = ruleText(lang, error) ?? (code ? unknownReasonText(lang) : undefined);
  // A rule's words replace its English detail; the fields it names that the form shows stay, as
  // "this field is wrong" in the reader's words; a schema's notes stay as they are.
  const issues = problemIssues(error).flatMap((issue): FieldIssue[] =>
    !rule || issue.code ? [issue] : labelOf(issue.field) ? [{ field: issue.field, code: 'invalid' }] : [],
  );
  const unsaid = !rule && issues.length === 0 && Boolean(error.problem.detail) && error.status !== 0;
  return html`<div part="error" class="error" role="alert" tabindex="-1" data-status=${error.status}>
    <p>${refusalText(lang, error)}</p>
    ${rule ? html`<p part="rule" data-code=${code ?? nothing}>${rule}</p>` : nothing}
    ${
      issues.length > 0
        ? renderIssues(lang, issues, labelOf)
        : unsaid
          ? html`<p part="rule" class="muted" data-code="unknown">${unknownReasonText(lang)}</p>`
          : nothing
    }
  </div>`;
}

/** What a check before sending found, as an alert shaped like a refusal. */
export function renderCheckFailed(
  lang: Language,
  issues: readonly FieldIssue[],
  labelOf: (field: string) => string | undefined,
): TemplateResult {
  return html`<div part="error" class="error" role="alert" tabindex="-1" data-status="check">
    <p>${fieldsWrongText(lang)}</p>
    ${renderIssues(lang, issues, labelOf)}
  </div>`;
}
