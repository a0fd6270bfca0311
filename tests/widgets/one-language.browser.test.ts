// One language at a time: every persona of the demo portal (the platform as `npm start` runs it,
// with its seeded meetings, contract, appeals and bills), in Uzbek, Russian and English, shows no
// raw code (a snake_case token such as awaiting_signatures) anywhere a person reads or hears it,
// shadow roots, aria-labels, titles and placeholders included; in Uzbek and Russian no English word
// of the widgets' own texts, and in Uzbek nothing in Cyrillic (no Russian month names). The
// development mail panel is left out: it shows mail as sent, which is the server's to translate;
// so are people's names marked translate="no" (a notice board's initials, in the name's script).
// The walk is at 360 px, and a page that scrolls sideways or draws past the screen fails it too.
// The browser speaks English (--lang=en-US), so a native file input drawn on an Uzbek or Russian
// page would say "Choose Files": the walk fails on any it finds drawn.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTRACT_ID } from '../../scripts/lib/demo-contracts.ts';
import { eventually } from '../meetings/widget-harness.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { type DemoPlatform, startDemoPlatform } from '../support/demo-platform.ts';
import {
  horizontalOverflow,
  nativeFileInputs,
  type Reading,
  readings,
  settle,
  trackRequests,
} from '../support/page-audit.ts';
import { untranslatedEnglishWords } from './catalog-words.ts';

/** The demo meeting open for voting (scripts/lib/demo-meetings.ts). */
const MEETING_ID = 'd3e40000-0000-4000-8000-000e00000001';

let demo: DemoPlatform;
let browser: Browser;
let english: Set<string>;

beforeAll(async () => {
  [demo, browser, english] = await Promise.all([
    startDemoPlatform(),
    launchBrowser(['--lang=en-US']),
    untranslatedEnglishWords(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const SNAKE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/;

/**
 * A language's own name (the switcher's legend, "receipt (русский)") is written in that language on
 * purpose, so a reader finds theirs whatever the page's language.
 */
const ENDONYMS = /Til \/ Язык \/ Language|oʻzbekcha|русский|English/g;

/** What is wrong with one reading in `lang`, or nothing. */
function fault(lang: string, reading: Reading): string | undefined {
  const text = reading.text.replace(ENDONYMS, '');
  const code = SNAKE.exec(text);
  if (code) return `raw code "${code[0]}"`;
  if (lang === 'en') return undefined;
  if (lang === 'uz' && /[\u0400-\u04ff]/.test(text)) return 'Cyrillic in Uzbek';
  const word = (text.match(/[A-Za-z]+/g) ?? []).find((w) => english.has(w.toLowerCase()));
  return word ? `English "${word}"` : undefined;
}

/** The persona's screens: the landing page, the open meeting, the contract. */
const SCREENS = ['', `meeting=${MEETING_ID}`, `contract=${DEMO_CONTRACT_ID}`];

it('knows the English words to look for', () => {
  expect(english.size).toBeGreaterThan(200);
  for (const w of ['appeal', 'meeting', 'signature', 'receipt', 'chosen']) expect(english.has(w)).toBe(true);
});

describe.each(['uz', 'ru', 'en'])('in %s', (lang) => {
  it.each(['resident', 'resident2', 'manager', 'council', 'inspector', 'admin', 'applicant', 'developer'])(
    '%s reads no code and no other language, on a phone',
    async (persona) => {
      // On a phone, where a page that scrolls sideways is the other thing a person must not meet.
      const { page, context } = await newWatchedPage(browser, {
        viewport: { width: 360, height: 800 },
        timeout: 30_000,
      });
      try {
        const pending = trackRequests(page);
        const faults: string[] = [];
        for (const screen of SCREENS) {
          await page.goto(`${demo.url}/?lang=${lang}&persona=${persona}${screen ? `&${screen}` : ''}`);
          await eventually(() => page.getByTestId('whoami').textContent(), 30_000).toMatch(/\S/);
          await settle(page, pending);
          const overflow = await horizontalOverflow(page);
          for (const box of overflow.boxes)
            faults.push(`${box.path} is ${box.width} px wide at 360 px (${screen})`);
          if (overflow.scrollWidth > overflow.clientWidth)
            faults.push(`the page scrolls sideways to ${overflow.scrollWidth} px (${screen})`);
          // People's names (a notice board's initials) are written as registered, in their own
          // script, and marked translate="no"; the mail panel is the server's to translate.
          if (lang !== 'en')
            for (const where of await nativeFileInputs(page))
              faults.push(`a native file input (the browser's English) at ${where} (${screen})`);
          for (const reading of await readings(page, '#mail-panel, [translate="no"]')) {
            const why = fault(lang, reading);
            if (why)
              faults.push(`${why} in "${reading.text}" at ${reading.where}${screen ? ` (${screen})` : ''}`);
          }
        }
        expect([...new Set(faults)]).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
