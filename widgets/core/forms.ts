// The widgets' form helpers for a portal's own forms (MeningUyim.loadForms()): the checks before
// sending and the words for a refused field, so a person reads the same sentences everywhere. A
// chunk of its own, fetched when a portal asks, so the loader stays small.
import { LANGUAGES } from '../../domain/common/language.ts';
import { fieldIssueText, fieldsWrongText, problemIssues } from './field-issues.ts';
import { fieldMessages } from './field-messages.ts';
import { checkField, choosePromptText, numberOrNull } from './form-checks.ts';
import { catalogsReady } from './i18n.ts';
import { coreMessages } from './messages.ts';

export const forms = {
  checkField,
  numberOrNull,
  problemIssues,
  fieldIssueText,
  fieldsWrongText,
  choosePromptText,
};
export type Forms = typeof forms;

/** The helpers, with their words in every language (a portal may switch language at any time). */
export async function loadForms(): Promise<Forms> {
  await Promise.all([catalogsReady(fieldMessages, LANGUAGES), catalogsReady(coreMessages, LANGUAGES)]);
  return forms;
}
