// The restrict view in real Chromium at the popup's real size (400x600): a maintainer with 80 projects
// creates a token on (fake) PyPI, picks two projects by typing, one hour, copies; the clipboard's token
// checks with the fixture's key. Also: add all matching, the draft across a reopen, forget and undo,
// a pasted .pypirc block, axe-core on every main state (light and dark), the screenshots, the menu,
// and the clipboard auto-clear.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Token } from '@/src/core';
import { failuresOf } from '../core/vectors';
import { PROJECT_TOKEN, USER_ID, USER_TOKEN } from '../fixtures/pages';
import {
  ARTIFACTS,
  type Browser,
  clickRestrictMenu,
  type FakePypi,
  openView as openViewIn,
  POPUP_SIZE,
  pypiWithCapturedToken,
  sessionTokens,
} from './harness';

const { width: WIDTH, height: HEIGHT } = POPUP_SIZE;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The README's screenshots: refreshed in docs/ with UPDATE_DOCS=1, else kept as test artifacts. */
const SHOTS = process.env.UPDATE_DOCS === '1' ? 'docs' : ARTIFACTS;

let pypi: FakePypi;
let browser: Browser;
const popupUrl = () => `chrome-extension://${browser.extensionId}/popup.html`;
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

const openView = () => openViewIn(browser);

/** Fails unless the control lies wholly inside the 400x600 viewport as it is (no scrolling). */
async function inView(control: Locator): Promise<Locator> {
  const box = await control.boundingBox();
  expect(box, 'control is rendered').not.toBeNull();
  const { x, y, width, height } = box as NonNullable<typeof box>;
  expect({ x, y, right: x + width, bottom: y + height }).toEqual({
    x: expect.toSatisfy((v: number) => v >= 0),
    y: expect.toSatisfy((v: number) => v >= 0),
    right: expect.toSatisfy((v: number) => v <= WIDTH),
    bottom: expect.toSatisfy((v: number) => v <= HEIGHT),
  });
  return control;
}

/** Nothing on the page scrolls sideways, and the document itself does not scroll at all. */
async function noSidewaysScroll(page: Page) {
  const sizes = await page.evaluate(() =>
    [document.documentElement, document.querySelector('main') as HTMLElement].map((e) => [
      e.scrollWidth,
      e.clientWidth,
    ]),
  );
  for (const [scroll, client] of sizes) expect(scroll).toBeLessThanOrEqual(client as number);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(HEIGHT);
}

/** axe-core's serious and critical violations, in light and in dark, with a screenshot of each. */
async function audit(page: Page, state: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
    const { passes, violations } = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe.run();
      return {
        passes: r.passes.length,
        violations: r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      };
    });
    expect(passes, 'axe ran its rules').toBeGreaterThan(10);
    found.push(...violations.map((v) => `${state} (${scheme}) ${v}`));
    await page.screenshot({ path: join(SHOTS, `popup-${state}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
interface AxeResult {
  passes: unknown[];
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

/** A paste into the view's paste field, as the browser delivers it (multi-line text included). */
async function pasteInto(page: Page, text: string) {
  const field = page.getByLabel('Paste a token');
  if (!(await field.isVisible())) await page.getByRole('button', { name: 'Paste…' }).click();
  await field.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

const projectsBox = (page: Page) => page.getByRole('textbox', { name: 'Projects', exact: true });
const copyButton = (page: Page) => page.getByRole('button', { name: /^Cop(y|ied)/ });

beforeAll(async () => {
  ({ pypi, browser } = await pypiWithCapturedToken());
});

afterAll(async () => {
  await browser?.close();
  await pypi?.close();
});

const violations: string[] = [];

describe('the restrict view at 400x600', () => {
  it('opens interactive with the captured token: time to interactive over a blank extension page, median of 15 each', async () => {
    const TTI_OPENS = 15;
    // The blank page is the Chrome build's offscreen document opened in a tab: the same origin, CSP,
    // process and module loading as the view, with only the shared chunk it needs and nothing to render.
    // So the ratio is what the view itself adds, and load on a shared machine slows both alike.
    const blankUrl = `chrome-extension://${browser.extensionId}/offscreen.html`;
    const view = () => msToReady(popupUrl(), (p) => p.getByRole('combobox', { name: 'Token' }));
    const blank = () => msToReady(blankUrl, (p) => p.locator('body'), 'attached');
    const views: number[] = [];
    const blanks: number[] = [];
    for (let i = 0; i < TTI_OPENS; i++) {
      // Interleaved, and neither always first, so neither always opens into what the other warmed.
      if (i % 2 === 0) blanks.push(await blank());
      views.push(await view());
      if (i % 2 === 1) blanks.push(await blank());
    }
    const viewMs = medianOf(views);
    const blankMs = medianOf(blanks);
    const ratio = Number((viewMs / blankMs).toFixed(2));
    const round = (ms: number[]) => ms.map(Math.round).join(', ');
    console.log(
      `popup time to interactive: median ${Math.round(viewMs)} ms over ${TTI_OPENS} opens (${round(views)}); ` +
        `blank extension page: median ${Math.round(blankMs)} ms (${round(blanks)}); ratio ${ratio}x`,
    );
    expect(Number.isFinite(ratio) && ratio > 0, 'both pages were timed').toBe(true);
    // scripts/budgets.mjs judges the ratio; under `npm test` it reads only the file this run named.
    writeFileSync(
      process.env.PTR_METRICS_FILE ?? join(ARTIFACTS, 'metrics.json'),
      JSON.stringify({
        runId: process.env.PTR_RUN_ID ?? null,
        popupTtiRatio: ratio,
        popupTtiMedianMs: Math.round(viewMs),
        blankMedianMs: Math.round(blankMs),
        opens: TTI_OPENS,
        viewMs: views.map(Math.round),
        blankMs: blanks.map(Math.round),
      }),
    );
  });

  it('does the whole task on one screen: two projects by typing, 1 hour, Copy; PyPI would accept only that', async () => {
    const page = await openView();
    await expect
      .poll(() => page.getByTestId('token-summary').textContent())
      .toBe('Upload to every project of your account, no expiry');
    violations.push(...(await audit(page, 'captured')));

    await (await inView(projectsBox(page))).fill('requ');
    violations.push(...(await audit(page, 'picker')));
    await (await inView(page.getByRole('checkbox', { name: 'requests', exact: true }))).check();
    await projectsBox(page).fill('urll');
    await (await inView(page.getByRole('checkbox', { name: 'urllib3' }))).check();
    await page.keyboard.press('Escape');
    await projectsBox(page).fill('');
    await expect.poll(() => page.getByRole('group', { name: /Your projects/ }).count()).toBe(0);
    await (await inView(page.getByRole('combobox', { name: 'Valid for' }))).selectOption('1h');
    await expect
      .poll(() => page.getByTestId('summary').textContent())
      .toMatch(/^Upload to requests and urllib3 until \d\d:\d\d(?: [AP]M)? \S+ \(in 59 minutes\)$/);
    const now = Math.floor(Date.now() / 1000);
    await (await inView(copyButton(page))).click();
    await expect
      .poll(() => copyButton(page).textContent())
      .toMatch(/^Copied token · clears in (60|59) s$/);
    await noSidewaysScroll(page);
    violations.push(...(await audit(page, 'result')));

    const token = Token.load(await clipboard(page));
    expect(token.prefix).toBe('pypi');
    expect(token.caveats.slice(1)).toEqual([
      expect.stringMatching(/^\[0,\d+,\d+\]$/),
      '[1,["requests","urllib3"]]',
    ]);
    const ctx = { userId: USER_ID };
    const check = (projectName: string, at: number) =>
      failuresOf(() => token.check(USER_TOKEN.key, { ...ctx, projectName, now: at }));
    expect(check('requests', now)).toEqual([]);
    expect(check('urllib3', now + 3500)).toEqual([]);
    expect(check('flask', now)).toHaveLength(1);
    expect(check('requests', now + 3600)).toHaveLength(1);

    // Any change to the result clears the confirmation: the clipboard no longer holds this token.
    await page.getByRole('combobox', { name: 'Copy as' }).selectOption('pypirc');
    await expect.poll(() => copyButton(page).textContent()).toBe('Copy');

    // A token per project, as PyPI's page recommends for several projects: the line says which does what.
    await page.getByRole('combobox', { name: 'Copy as' }).selectOption('pypirc-projects');
    await expect
      .poll(() => page.getByTestId('summary').textContent())
      .toMatch(
        /^2 tokens, one per project: each uploads only its own \(requests and urllib3\) until \d\d:\d\d(?: [AP]M)? \S+ \(in 59 minutes\)$/,
      );
    await (await inView(copyButton(page))).click();
    await expect
      .poll(() => copyButton(page).textContent())
      .toMatch(/^Copied \.pypirc per project · clears in (60|59) s$/);
    await noSidewaysScroll(page);
    violations.push(...(await audit(page, 'per-project')));
    const text = await clipboard(page);
    expect(text).toMatch(
      /^\[distutils\]\n {2}index-servers =\n {4}requests\n {4}urllib3\n\n\[requests\]/,
    );
    const sections = [
      ...text.matchAll(
        /\[(\S+)\]\n {2}repository = (\S+)\n {2}username = __token__\n {2}password = (\S+)/g,
      ),
    ];
    expect(sections.map((m) => [m[1], m[2]])).toEqual([
      ['requests', 'https://upload.pypi.org/legacy/'],
      ['urllib3', 'https://upload.pypi.org/legacy/'],
    ]);
    for (const [, project, , raw] of sections) {
      const own = Token.load(raw as string);
      const other = project === 'requests' ? 'urllib3' : 'requests';
      expect(
        failuresOf(() => own.check(USER_TOKEN.key, { ...ctx, projectName: project, now })),
      ).toEqual([]);
      expect(
        failuresOf(() => own.check(USER_TOKEN.key, { ...ctx, projectName: other, now })),
      ).toHaveLength(1);
    }
    await page.close();
  });

  it('fits at 360 px: Custom is pre-filled, shows no error, and nothing scrolls sideways', async () => {
    const page = await openView();
    await page.setViewportSize({ width: 360, height: HEIGHT });
    await page.getByRole('combobox', { name: 'Valid for' }).selectOption('custom');
    for (const name of ['From', 'Until']) {
      const field = page.getByLabel(name, { exact: true });
      expect(await field.inputValue()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
      const box = (await field.boundingBox()) as NonNullable<
        Awaited<ReturnType<Locator['boundingBox']>>
      >;
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    expect(await page.getByRole('alert').count()).toBe(0);
    const sizes = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(sizes[0]).toBeLessThanOrEqual(sizes[1] as number);
    await expect.poll(() => page.getByTestId('window').textContent()).toMatch(/^From .+ until .+/);
    await page.getByRole('combobox', { name: 'Valid for' }).selectOption('none');
    await page.close();
  });

  it('adds all 70 matching projects in one action; the draft survives a reopen; forget can be undone', async () => {
    // The previous test's draft (requests, urllib3) is still there: the view keeps work across opens.
    let page = await openView();
    await projectsBox(page).fill('apache-airflow-providers');
    await (await inView(page.getByRole('button', { name: /^Add all 70 matching/ }))).click();
    const chips = () => page.getByRole('list', { name: 'Chosen projects' }).getByRole('listitem');
    const airflow = async () =>
      (await chips().allTextContents()).filter((n) => n.startsWith('apache-airflow-providers-'));
    await expect.poll(async () => (await airflow()).length).toBe(70);
    expect(await chips().count()).toBe(72);
    await noSidewaysScroll(page);
    await page.close();

    page = await openView();
    await expect.poll(() => chips().count()).toBe(72);
    await expect
      .poll(() => page.getByTestId('summary').textContent())
      .toMatch(/^Upload to 72 projects: requests, urllib3, …/);

    await (await inView(page.getByRole('button', { name: 'Forget CI upload' }))).click();
    const undo = page.getByRole('button', { name: 'Undo' });
    await expect.poll(() => undo.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await sessionTokens(browser)).toEqual([]);
    await (await inView(undo)).click();
    await expect.poll(async () => (await sessionTokens(browser)).length).toBe(1);
    await expect.poll(async () => (await airflow()).length).toBe(70);
    await page.close();
  });

  it('reads a pasted .pypirc block: the result’s prefix is pypi; a pasted non-token says why', async () => {
    const page = await openView();
    await pasteInto(page, 'no token in here');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/No PyPI token/);
    violations.push(...(await audit(page, 'error')));
    await pasteInto(page, `[pypi]\n  username = __token__\n  password = ${PROJECT_TOKEN.token}\n`);
    await expect
      .poll(() => page.getByTestId('token-summary').textContent())
      .toBe('Upload to sampleproject (also bound by project ID), no expiry');
    // A token typed into Projects is refused, not shown, and never becomes a project.
    await projectsBox(page).fill(USER_TOKEN.token);
    await projectsBox(page).press('Enter');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/^This is an API token, or a piece of one/);
    expect(await projectsBox(page).inputValue()).toBe('');
    expect(await page.locator('body').textContent()).not.toContain(USER_TOKEN.token.slice(-30));
    expect(await page.getByRole('list', { name: 'Chosen projects' }).count()).toBe(0);
    await projectsBox(page).fill('sampleproject');
    await projectsBox(page).press('Enter');
    violations.push(...(await audit(page, 'pasted')));
    await page.getByRole('button', { name: 'Show' }).click();
    expect(Token.load((await page.getByTestId('derived').textContent()) ?? '').prefix).toBe('pypi');
    await copyButton(page).click();
    expect((await clipboard(page)).startsWith('pypi-AgEI')).toBe(true);
    await page.close();
  });

  it('has no serious or critical axe violation in any main state, light or dark', async () => {
    // The empty state last: forget everything first.
    const page = await openView();
    await page.getByText('Settings').click();
    await page.getByRole('button', { name: 'Forget all tokens' }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    await page.close();
    const empty = await openView();
    await empty.getByText(/No token yet/).waitFor();
    violations.push(...(await audit(empty, 'empty')));
    await empty.close();
    expect(violations).toEqual([]);
  });

  it('the "Restrict token" menu reads the token out of the selection, hands it over and opens the view', async () => {
    const click = (text: string) => clickRestrictMenu(browser, text);
    const accepted = await click(`my token is ${USER_TOKEN.token}, thanks\n`);
    expect(accepted.handed).toEqual([{ tokens: [USER_TOKEN.token] }]);
    expect(accepted.taken).toBe(true);
    expect(accepted.views.length).toBeGreaterThan(0);

    const refused = await click('hello world');
    expect(refused.handed).toEqual([{ noToken: expect.objectContaining({ code: 'no-token' }) }]);
    expect(refused.taken).toBe(true);
  });

  it('empties the clipboard after the auto-clear delay, even with the view closed', async () => {
    const page = await browser.context.newPage();
    await page.goto(popupUrl());
    await page.evaluate(() => navigator.clipboard.writeText('pypi-secret-stand-in'));
    // The settings offer 30 s to 5 min; the background accepts any delay up to 10 min, so test with 1 s.
    await page.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'schedule-clipboard-clear', delaySeconds: 1 }),
    );
    await page.close();
    const reader = await browser.context.newPage();
    await reader.goto(popupUrl());
    expect(await clipboard(reader)).toBe('pypi-secret-stand-in');
    await expect.poll(() => clipboard(reader), { timeout: 15_000 }).toBe('');
    await reader.close();
  });
});

declare const chrome: typeof import('wxt/browser').browser;

/** Milliseconds from a new tab's navigation to `url` until `ready` is found in it; the tab is closed. */
async function msToReady(
  url: string,
  ready: (page: Page) => Locator,
  state: 'attached' | 'visible' = 'visible',
): Promise<number> {
  const page = await browser.context.newPage();
  const start = performance.now();
  await page.goto(url);
  await ready(page).waitFor({ state });
  const ms = performance.now() - start;
  await page.close();
  return ms;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return (
    sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
  ) as number;
}
