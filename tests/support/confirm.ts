// The shared confirmation (<mu-confirm>, widgets/core/confirm.ts) as a test meets it: wait for the
// dialog, read what it says will happen, then confirm or go back.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { textOf } from './browser.ts';

const dialog = (page: Page) => page.locator('body > mu-confirm dialog[open]');

/** Waits for the open confirmation and returns its title and body, whitespace collapsed. */
export async function confirmation(page: Page): Promise<{ title: string; body: string }> {
  await dialog(page).waitFor({ state: 'visible', timeout: 10_000 });
  return {
    title: await textOf(dialog(page).locator('[part~="title"]')),
    body: await textOf(dialog(page).locator('[part~="body"]')),
  };
}

/** Confirms the open dialog (it must be open), and waits until it has closed. */
export async function confirm(page: Page): Promise<{ title: string; body: string }> {
  const said = await confirmation(page);
  await dialog(page).locator('[part~="confirm-button"]').click();
  await dialog(page).waitFor({ state: 'detached', timeout: 10_000 });
  return said;
}

/** Goes back from the open dialog, and checks that the focus returned to a control of the page. */
export async function goBack(page: Page): Promise<void> {
  await confirmation(page);
  await dialog(page).locator('[part~="cancel-button"]').click();
  await dialog(page).waitFor({ state: 'detached', timeout: 10_000 });
  const focused = await page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.tagName ?? null;
  });
  expect(focused).toBe('BUTTON');
}
