import { describe, expect, it } from 'vitest';
import { bodyWithoutLinkLines } from './link-lines.ts';
import { noticeTexts } from './texts.ts';

describe('noticeTexts', () => {
  it('renders every language with its link beside the text, so channels drop the mail line', () => {
    const link = 'https://portal.example.uz/?open=contract:c-1';
    const texts = noticeTexts(
      (lang) => ({ subject: `s-${lang}`, text: `lead ${lang}\n\nOpen: ${link}` }),
      link,
    );
    expect(Object.keys(texts).sort()).toEqual(['en', 'ru', 'uz']);
    expect(texts.ru).toEqual({
      subject: 's-ru',
      body: `lead ru\n\nOpen: ${link}`,
      text: `lead ru\n\nOpen: ${link}`,
      link,
    });
    expect(bodyWithoutLinkLines(texts.uz)).toBe('lead uz');
  });

  it('leaves the link out when the notice has none', () => {
    expect(noticeTexts(() => ({ subject: 's', text: 't', html: '<p>t</p>' }), null).en).toEqual({
      subject: 's',
      body: 't',
      text: 't',
      html: '<p>t</p>',
    });
  });
});
