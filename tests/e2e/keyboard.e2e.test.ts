// The restrict view with the keyboard only, in real Chromium at 400x600: from the first Tab to a copied
// token for two projects and one hour, without a mouse event.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Token } from '@/src/core';
import { type Browser, type FakePypi, pypiWithCapturedToken } from './harness';

let pypi: FakePypi;
let browser: Browser;

beforeAll(async () => {
  ({ pypi, browser } = await pypiWithCapturedToken());
});

afterAll(async () => {
  await browser?.close();
  await pypi?.close();
});

/** The accessible name of the focused element, as a user of a screen reader would hear it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const label = el?.labels?.[0]?.textContent;
    return (el?.getAttribute('aria-label') ?? label ?? el?.textContent ?? '').trim();
  });

/** Presses Tab until the focused control is `name`; fails after 40 presses. */
async function tabTo(page: Page, name: string | RegExp) {
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    const now = await focused(page);
    seen.push(now);
    if (typeof name === 'string' ? now === name : name.test(now)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}: ${seen.join(' | ')}`);
}

describe('the restrict view, keyboard only', () => {
  it('picks two projects, one hour, copies, and the copied token is the one shown', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.getByRole('combobox', { name: 'Token' }).waitFor();

    await tabTo(page, 'Projects');
    await page.keyboard.type('requ');
    await page.keyboard.press('Enter'); // the filter leaves one project: Enter takes it
    await page.keyboard.type('url');
    await page.keyboard.press('ArrowDown'); // into the list
    await expect.poll(() => focused(page)).toBe('urllib3');
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape'); // closes the list, back in the box; the view stays open
    expect(await focused(page)).toBe('Projects');
    expect(await page.getByRole('group', { name: /Your projects/ }).count()).toBe(0);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');

    await tabTo(page, 'Valid for');
    await page.keyboard.press('ArrowDown'); // No time limit -> 15 minutes
    await page.keyboard.press('ArrowDown'); // -> 1 hour
    await expect
      .poll(() => page.getByTestId('summary').textContent())
      .toMatch(/^Upload to requests and urllib3 until .+ \(in 59 minutes\)$/);

    await tabTo(page, 'Copy');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: /^Copied token/ }).count()).toBe(1);
    const token = Token.load(await page.evaluate(() => navigator.clipboard.readText()));
    expect(token.caveats.at(-1)).toBe('[1,["requests","urllib3"]]');
    await page.close();
  });
});
