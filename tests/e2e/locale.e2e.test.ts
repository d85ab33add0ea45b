// The extension's words and direction in real Chromium. On a right-to-left PyPI page (Hebrew) the
// panel keeps its own language and direction. In the pseudo-locale build (every message accented,
// about 40 % longer, bracketed) the view at 400x600 and the panel at PyPI's 360 px mobile width still
// fit: nothing scrolls sideways, nothing is cut off, every control stays inside the viewport.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creationFormPage, MANY_PROJECTS, resultPage, USER_TOKEN } from '../fixtures/pages';
import {
  ARTIFACTS,
  type Browser,
  closeAll,
  createTokenOnPypi,
  createTokenWithPanel,
  type FakePypi,
  launchBrowser,
  openView,
  PSEUDO_EXTENSION_DIR,
  startFakePypi,
} from './harness';

/** The README's screenshots: refreshed in docs/ with UPDATE_DOCS=1, else kept as test artifacts. */
const SHOTS = process.env.UPDATE_DOCS === '1' ? 'docs' : ARTIFACTS;

/** PyPI serving its token pages in `lang`: the form with 80 projects, the result page for "CI upload". */
function serveIn(pypi: FakePypi, lang: 'en' | 'he') {
  pypi.routes.set('pypi.org/manage/account/token/', (method) =>
    method === 'POST'
      ? resultPage({ ...USER_TOKEN, scope: 'user', name: 'CI upload', lang })
      : creationFormPage(MANY_PROJECTS),
  );
}

/**
 * What does not fit in `root` (a document or the panel's root), seen from the viewport of `width`:
 * controls reaching outside it sideways, selects too narrow for their chosen option, and elements whose content is cut off (wider than their box
 * where they hide or scroll the overflow; the token's own line scrolls by design and is left out).
 */
const MISFITS = `function (width) {
  const root = this.querySelectorAll ? this : document;
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '');
  const out = [];
  for (const e of root.querySelectorAll('button, select, input, summary, label, a, h1, h2, p, li')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -0.5 || r.right > width + 0.5) out.push('outside: ' + name(e) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  // A select shows its chosen option's text in its box, less the arrow: measured in the select's font.
  const ruler = document.createElement('canvas').getContext('2d');
  for (const e of root.querySelectorAll('select')) {
    const s = getComputedStyle(e);
    ruler.font = s.font;
    const text = e.selectedOptions[0]?.textContent ?? '';
    const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 20;
    if (ruler.measureText(text).width > room) out.push('cut: ' + name(e) + ' "' + text.slice(0, 12) + '…"');
  }
  for (const e of root.querySelectorAll('*')) {
    if (e.matches('code.token-text, .options, .sr-only, main, html, body')) continue;
    const s = getComputedStyle(e);
    if (s.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1)
      out.push('cut: ' + name(e) + ' ' + e.scrollWidth + '>' + e.clientWidth);
  }
  return out;
}`;

describe('on a right-to-left PyPI page', () => {
  let pypi: FakePypi;
  let browser: Browser;
  beforeAll(async () => {
    pypi = await startFakePypi();
    serveIn(pypi, 'he');
    browser = await launchBrowser(pypi.port, undefined, { panel: true });
  });
  afterAll(() => closeAll(browser, pypi));

  it('the panel keeps its own language and direction, and is laid out left to right', async () => {
    const { page, panel } = await createTokenWithPanel(browser, { timeoutMs: 4000 });
    expect(await page.evaluate(() => [document.documentElement.dir, document.dir])).toEqual([
      'rtl',
      'rtl',
    ]);
    const seen = await panel.call<{
      lang: string;
      dir: string;
      direction: string[];
      textStart: number;
      left: number;
      right: number;
    }>(`function () {
      const p = this.querySelector('.panel');
      const r = p.getBoundingClientRect();
      // Where the intro's first line starts: at the panel's left edge in a left-to-right layout.
      const intro = p.querySelector('p.muted');
      const range = document.createRange();
      range.selectNodeContents(intro);
      const first = range.getClientRects()[0];
      return {
        lang: p.lang,
        dir: p.dir,
        direction: [p, intro, p.querySelector('#projects')].map((e) => getComputedStyle(e).direction),
        textStart: first.left,
        left: r.left,
        right: r.right,
      };
    }`);
    expect([seen.lang, seen.dir, seen.direction]).toEqual(['en', 'ltr', ['ltr', 'ltr', 'ltr']]);
    expect(seen.textStart - seen.left).toBeLessThan(40);
    // The full stop ends the sentence, on the right: English laid out left to right.
    expect(await panel.text('p.muted')).toMatch(/PyPI\.$/);
    await panel.call(
      `function () { this.querySelector('.panel').scrollIntoView({ block: 'center' }); }`,
    );
    await page.screenshot({ path: join(SHOTS, 'panel-rtl.png') });
    await page.close();
  });
});

describe('in the pseudo-locale (accented, about 40 % longer)', () => {
  let pypi: FakePypi;
  let browser: Browser;
  beforeAll(async () => {
    pypi = await startFakePypi();
    serveIn(pypi, 'en');
    browser = await launchBrowser(pypi.port, undefined, {
      panel: true,
      extension: PSEUDO_EXTENSION_DIR,
    });
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  afterAll(() => closeAll(browser, pypi));

  it('the view fits 400x600 in every main state, every control inside it', async () => {
    await createTokenOnPypi(browser);
    const page = await openView(browser, /^\[/);
    expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual([
      'en-XA',
      expect.stringMatching(/^\[Ŕéšţŕîçţ/),
    ]);
    const fits = async (state: string) => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        400,
      );
      expect(await page.evaluate(`(${MISFITS}).call(document, 400)`), state).toEqual([]);
    };
    await fits('captured');
    await page.screenshot({ path: join(ARTIFACTS, 'popup-pseudo-captured.png') });
    const box = page.locator('#projects');
    await box.fill('apache-airflow-providers-a');
    await fits('picker');
    await page.screenshot({ path: join(ARTIFACTS, 'popup-pseudo-picker.png') });
    await box.fill('requests');
    await box.press('Enter');
    await box.fill('urllib3');
    await box.press('Enter');
    await page.locator('#window').selectOption('1h');
    await page.locator('.result select').selectOption('pypirc-projects');
    await page.locator('button.copy').click();
    await expect.poll(() => page.locator('button.copy').textContent()).toMatch(/^\[Çóƥîéđ/);
    await fits('result');
    await page.screenshot({ path: join(SHOTS, 'popup-pseudo-result.png') });
    await page.close();
  });

  it('the panel fits PyPI’s 360 px mobile width', async () => {
    const { page, panel } = await createTokenWithPanel(browser, { width: 360, timeoutMs: 4000 });
    expect(await panel.text('h2')).toMatch(/^\[Ñáŕŕóŵ/);
    await panel.click('#projects');
    await page.keyboard.type('requests');
    await page.keyboard.press('Enter');
    await panel.call(
      `function () { const w = this.querySelector('#window'); w.value = '1d'; w.dispatchEvent(new Event('change', { bubbles: true })); }`,
    );
    await panel.click('button.copy');
    await expect.poll(() => panel.text('button.copy')).toMatch(/^\[Çóƥîéđ/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    expect(await panel.call(`function () { return (${MISFITS}).call(this, 360); }`)).toEqual([]);
    await panel.call(
      `function () { this.querySelector('.panel').scrollIntoView({ block: 'start' }); }`,
    );
    await page.screenshot({ path: join(SHOTS, 'panel-pseudo-mobile.png'), fullPage: false });
    await page.close();
  });
});
