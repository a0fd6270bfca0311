// The demo portal's own frame (breadcrumbs, persona bar, the panels and sections it labels) names
// things in the page's language: in Uzbek and Russian no accessible name, title or placeholder is
// left as the English page has it. (The widgets' texts are the one-language walk's business.)
import { expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { readings, settle, trackRequests } from '../support/page-audit.ts';
import { portalSuite } from '../support/portal-suite.ts';

const suite = portalSuite({ start: () => createTestApp({ withTemporal: false }), app: (t) => t });

/** The frame's attribute texts by where they are, in `lang`. */
async function attributesIn(lang: string): Promise<Map<string, string>> {
  const pending = trackRequests(suite.page);
  await suite.page.goto(`${suite.url}/?lang=${lang}`);
  await settle(suite.page, pending);
  await expect.poll(() => suite.page.evaluate(() => document.documentElement.lang)).toBe(lang);
  const found = await readings(suite.page, '[translate="no"]');
  return new Map(found.filter((r) => r.where.includes(' @')).map((r) => [r.where, r.text]));
}

it('no label of the frame stays in English in Uzbek or Russian', async () => {
  const english = await attributesIn('en');
  expect(english.size).toBeGreaterThan(0);
  const untranslated: string[] = [];
  for (const lang of ['uz', 'ru']) {
    for (const [where, text] of await attributesIn(lang))
      if (english.get(where) === text && /[A-Za-z]{3,}/.test(text))
        untranslated.push(`${lang}: "${text}" at ${where}`);
  }
  expect(untranslated).toEqual([]);
  expect(suite.errors).toEqual([]);
});
