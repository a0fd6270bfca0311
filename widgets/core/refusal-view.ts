// A refused write, in the reader's words: field by field by the problem's codes (field-issues.ts).
// Apart from problem-view.ts so a widget that only reads never downloads the words for forms.
import { html, nothing, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import type { ApiError } from './api.ts';
import { type FieldIssue, fieldIssueText, fieldsWrongText, problemIssues } from './field-issues.ts';
import { translate } from './i18n.ts';
import { coreMessages } from './messages.ts';
import { type RuleMessageKey, ruleMessages } from './rule-messages.ts';

/**
 * A rule's refusal in `lang`, by the problem's code (`meetings.wrong_phase`, else the plain
 * `wrong_phase`); undefined for a code this bundle does not know, whose English detail then shows.
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

/**
 * Why a write was refused, in one line: with `lang`, each field the problem names in the reader's
 * words (by its code); the service's own words where it gave no code, or without `lang`.
 */
export function problemReason(error: ApiError, lang?: Language): string {
  const rule = lang && ruleText(lang, error);
  if (rule) return rule;
  const fields = lang
    ? problemIssues(error)
        .map((i) => fieldIssueText(lang, i).text)
        .join('; ')
    : error.problem.errors?.map((e) => e.message).join('; ');
  return fields || error.problem.detail || error.problem.title;
}

/** Why a write was refused, in the reader's language, from the status alone. */
export function refusalText(lang: Language, error: ApiError): string {
  const s = error.status;
  const key =
    s === 0
      ? 'refusedNetwork'
      : s === 400 || s === 422
        ? 'refusedInvalid'
        : s === 401
          ? 'unauthorized'
          : s === 403
            ? 'refusedForbidden'
            : s === 404
              ? 'refusedNotFound'
              : s === 409
                ? 'refusedConflict'
                : 'refusedLater';
  return translate(coreMessages, lang, key);
}

/**
 * The request fields a problem names, `body.` dropped (`votingOpensAt`, `agenda.0.title`), with
 * the service's message for each; the first message per field wins.
 */
export function problemFields(error: ApiError): Map<string, string> {
  const fields = new Map<string, string>();
  for (const e of error.problem.errors ?? []) {
    const field = e.field.replace(/^body\.?/, '');
    if (!fields.has(field)) fields.set(field, e.message);
  }
  return fields;
}

/** Each issue under the label the form shows for its field, in the reader's language. */
export function renderIssues(
  lang: Language,
  issues: readonly FieldIssue[],
  labelOf: (field: string) => string | undefined,
): TemplateResult {
  return html`<ul class="field-issues">
    ${issues.map((issue) => {
      const { text, english } = fieldIssueText(lang, issue);
      return html`<li data-field=${issue.field} data-code=${issue.code ?? nothing}
        ><span class="field-name">${labelOf(issue.field) ?? issue.field}</span>:
        <span lang=${english ? 'en' : nothing}>${text}</span></li
      >`;
    })}
  </ul>`;
}

/**
 * A refused write as an alert: the localised sentence, a rule's refusal in the reader's words (by
 * its code), each named field under the label the form shows for it (`labelOf` returns undefined
 * for fields the form does not have) with what is wrong in the reader's language, and otherwise
 * the service's detail, marked as English so that screen readers pronounce it right.
 */
export function renderRefusal(
  lang: Language,
  error: ApiError,
  labelOf: (field: string) => string | undefined,
): TemplateResult {
  const rule = ruleText(lang, error);
  // A rule's words replace its English detail; the fields it names that the form shows stay, as
  // "this field is wrong" in the reader's words; a schema's notes stay as they are.
  const issues = problemIssues(error).flatMap((issue): FieldIssue[] =>
    !rule || issue.code ? [issue] : labelOf(issue.field) ? [{ field: issue.field, code: 'invalid' }] : [],
  );
  const detail = error.problem.detail;
  return html`<div part="error" class="error" role="alert" tabindex="-1" data-status=${error.status}>
    <p>${refusalText(lang, error)}</p>
    ${rule ? html`<p part="rule" data-code=${error.problem.code ?? nothing}>${rule}</p>` : nothing}
    ${
      issues.length > 0
        ? renderIssues(lang, issues, labelOf)
        : !rule && detail && error.status !== 0
          ? html`<p class="muted">${translate(coreMessages, lang, 'serverSaid')} <span lang="en">${detail}</span></p>`
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
