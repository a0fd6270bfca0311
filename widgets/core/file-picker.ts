// A file field in the page's own words: a native <input type="file"> draws its button and "No file
// chosen" in the browser's language, so a Russian or Uzbek page in an English browser spoke English.
// The input stays (hidden from sight only), so Tab still reaches it, Enter or Space opens the chooser,
// its labels name it to a screen reader, and accept, multiple, required, its name in the form data,
// aria-invalid and its change events work as before; the label drawn as a button opens it too.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { translate } from './i18n.ts';
import { coreMessages } from './messages.ts';

// !important outweighs formStyles' input rule (width: 100% would push a narrow page sideways).
export const filePickerStyles = css`
  .fp {
    overflow-wrap: anywhere;
  }
  .fp > input {
    position: absolute;
    width: 1px !important;
    opacity: 0;
  }
  .fp > label {
    display: inline-block;
    margin: 0 0.5em 0.2em 0;
    font-weight: 400;
    cursor: pointer;
    border: 1px solid;
    border-radius: 6px;
    padding: 0.3em 0.9em;
    color: var(--mu-color-accent, #0b5fa5);
  }
  .fp > :focus-visible + label {
    outline: 3px solid var(--mu-color-focus, #f2a900);
  }
  .fp > :disabled + label {
    opacity: 0.5;
    cursor: not-allowed;
  }
`;

/**
 * `input` is the field's own `<input type="file" id=…>` (`id` its id), drawn hidden beside a button
 * that opens it and a line naming the chosen files, or saying none is; a form that lists them
 * itself (`listed`) shows only the latter.
 */
export function filePicker(
  lang: Language,
  id: string,
  input: TemplateResult,
  names: readonly string[],
  listed = false,
): TemplateResult {
  const t = (key: 'chooseFile' | 'noFileChosen') => translate(coreMessages, lang, key);
  return html`<div class="fp">${input}<label for=${id}>${t('chooseFile')}</label> ${
    names.length === 0
      ? html`<span class="muted">${t('noFileChosen')}</span>`
      : listed
        ? nothing
        : names.join(', ')
  }</div>`;
}
