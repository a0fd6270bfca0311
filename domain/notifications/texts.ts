// A capability's notice in every language, as notify takes it: its mail template renders each
// language (subject and plain text with its link line, HTML if it has one), and the link goes
// beside it, so the inbox, Telegram and SMS show the link as their own and drop the mail's line
// (link-lines.ts). One helper, so no capability builds these records by hand.
import { LANGUAGES, type Language } from '../common/language.ts';
import type { MessageText } from './types.ts';

export interface RenderedNotice {
  subject: string;
  text: string;
  html?: string;
}

export function noticeTexts(
  render: (lang: Language) => RenderedNotice,
  link: string | null,
): Record<Language, MessageText> {
  return Object.fromEntries(
    LANGUAGES.map((lang): [Language, MessageText] => {
      const m = render(lang);
      return [
        lang,
        {
          subject: m.subject,
          body: m.text,
          text: m.text,
          ...(m.html ? { html: m.html } : {}),
          ...(link ? { link } : {}),
        },
      ];
    }),
  ) as Record<Language, MessageText>;
}
