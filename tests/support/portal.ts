// The demo portal in headless Chromium: a fresh page per test that collects what the browser
// reports as errors (a portal test fails on any), and signing in as a demo persona the way a
// visitor does, by the persona switcher or the address.
import type { Browser, Page } from 'playwright-core';
import { eventually, text } from '../meetings/widget-harness.ts';
import { newWatchedPage, type WatchedPage } from './browser.ts';

/** The demo cast's full names as the portal greets them (db/seed/generate.ts). */
export const PERSONA_NAMES = {
  resident: "Karimov Aziz Rustam o'g'li",
  manager: "Rahimov Sherzod Baxtiyor o'g'li",
  council: 'Yusupova Malika Akmal qizi',
  inspector: "Nazarov Jasur Ilhom o'g'li",
  applicant: 'Tursunova Kamola Bahodir qizi',
  developer: "Qodirov Bobur Anvar o'g'li",
  dispatcher: 'Saidova Nodira Rustam qizi',
  technician: "Aliyev Rustam Shavkat o'g'li",
} as const;
export type Persona = keyof typeof PERSONA_NAMES;

export const newPortalPage = (browser: Browser): Promise<WatchedPage> =>
  newWatchedPage(browser, { viewport: { width: 1100, height: 900 }, timeout: 10_000 });

/** Persona switches reload the whole portal; a loaded machine (the full suite) needs longer. */
const signedIn = (page: Page, persona: Persona) =>
  eventually(() => text(page.getByTestId('whoami')), 30_000).toBe(`Signed in: ${PERSONA_NAMES[persona]}`);

/** Signs in through the portal's persona switcher. */
export async function switchPersona(page: Page, persona: Persona): Promise<void> {
  await page.getByTestId('persona-select').selectOption(persona);
  await signedIn(page, persona);
}

/** Opens the portal as a persona, with `query` the rest of the address the portal keeps itself. */
export async function openPortalAs(page: Page, baseUrl: string, persona: Persona, query = ''): Promise<void> {
  await page.goto(`${baseUrl}/?lang=en&persona=${persona}${query ? `&${query}` : ''}`);
  await signedIn(page, persona);
}
