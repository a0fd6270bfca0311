import { describe, expect, it } from 'vitest';
import { bodyWithoutLinkLines } from './link-lines.ts';

describe('bodyWithoutLinkLines', () => {
  const link = 'https://portal.example/?open=appeal:1';
  it('drops the line that holds the link and closes up the blank lines', () => {
    expect(bodyWithoutLinkLines({ body: `Appeal № 1.\n\nOpen the appeal: ${link}\n\nThanks`, link })).toBe(
      'Appeal № 1.\n\nThanks',
    );
  });
  it('keeps a body without its link, or without any link', () => {
    expect(bodyWithoutLinkLines({ body: 'Appeal № 1.', link })).toBe('Appeal № 1.');
    expect(bodyWithoutLinkLines({ body: `See ${link}` })).toBe(`See ${link}`);
  });
});
