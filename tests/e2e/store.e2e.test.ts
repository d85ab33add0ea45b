// The store listing's images (store/README.md), made from the real extension in real Chromium: the
// narrowing panel on the suite's fake PyPI at 1280x800, the toolbar view at its real size (400x600)
// composed onto store/showcase.html's 1280x800 canvas, and the 440x280 promo tile rendered from
// store/promo-tile.html. With UPDATE_DOCS=1 they are written into store/ (and committed), else into
// tests/e2e/artifacts/store. tests/store/store.test.ts checks the committed files' sizes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  type Browser,
  closeAll,
  createTokenWithPanel,
  type FakePypi,
  launchBrowser,
  openView,
  PANEL,
  serveTokenPages,
  sessionTokens,
  startFakePypi,
} from './harness';

const STORE = resolve('store');
const OUT = process.env.UPDATE_DOCS === '1' ? STORE : join(ARTIFACTS, 'store');
const SCREEN = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };

interface Listing {
  screenshots: { file: string; caption: string }[];
  promoTile: string;
}
const listing = JSON.parse(readFileSync(join(STORE, 'listing.json'), 'utf8')) as Listing;
/** The caption listing.json gives the screenshot written to `file`. */
function captionOf(file: string): string {
  const shot = listing.screenshots.find((s) => s.file === file);
  if (!shot) throw new Error(`store/listing.json lists no screenshot ${file}`);
  return shot.caption;
}

let pypi: FakePypi;
let browser: Browser;
/** The view's states, as the browser rendered them at 400x600: PNG bytes by name. */
const views = new Map<string, Buffer>();

beforeAll(async () => {
  mkdirSync(join(OUT, 'screenshots'), { recursive: true });
  pypi = await startFakePypi();
  serveTokenPages(pypi);
  browser = await launchBrowser(pypi.port, undefined, { panel: true });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

afterAll(() => closeAll(browser, pypi));

/** Writes a screenshot where it belongs and returns its path. */
function save(file: string, png: Buffer): string {
  const path = join(OUT, file);
  writeFileSync(path, png);
  return path;
}

/** Keeps the view as rendered now, in light and (with `dark`) in dark. */
async function keepView(page: Page, name: string, dark = false) {
  views.set(`${name}-light`, await page.screenshot());
  if (!dark) return;
  await page.emulateMedia({ colorScheme: 'dark' });
  views.set(`${name}-dark`, await page.screenshot());
  await page.emulateMedia({ colorScheme: 'light' });
}

/** store/showcase.html at 1280x800 with the caption and the kept views, side by side. */
async function compose(file: string, shots: string[], dark = false): Promise<string> {
  const page = await browser.context.newPage();
  await page.setViewportSize(SCREEN);
  await page.goto(pathToFileURL(join(STORE, 'showcase.html')).href);
  const images = shots.map((name) => {
    const png = views.get(name);
    if (!png) throw new Error(`no view kept as ${name}`);
    return `data:image/png;base64,${png.toString('base64')}`;
  });
  await page.evaluate(
    ({ caption, images, dark }) => {
      (document.getElementById('caption') as HTMLElement).textContent = caption;
      document.body.classList.toggle('dark', dark);
      for (const src of images) {
        const img = document.createElement('img');
        img.src = src;
        img.alt = '';
        document.getElementById('shots')?.append(img);
      }
    },
    { caption: captionOf(file), images, dark },
  );
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  // Nothing clipped: the caption and every view lie wholly inside the canvas, at their real size.
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll('header, .shots img')].map((e) => {
      const r = e.getBoundingClientRect();
      return {
        top: r.top,
        left: r.left,
        right: r.right,
        bottom: r.bottom,
        w: r.width,
        h: r.height,
      };
    }),
  );
  for (const b of boxes) {
    expect(b.top).toBeGreaterThanOrEqual(0);
    expect(b.left).toBeGreaterThanOrEqual(0);
    expect(b.right).toBeLessThanOrEqual(SCREEN.width);
    expect(b.bottom).toBeLessThanOrEqual(SCREEN.height);
  }
  expect(boxes.slice(1).map((b) => [b.w, b.h])).toEqual(shots.map(() => [400, 600]));
  const path = save(file, await page.screenshot());
  await page.close();
  return path;
}

describe('the store listing’s images', () => {
  it('1: the narrowing panel on PyPI’s result page, two projects and one hour, at 1280x800', async () => {
    const { page, cdp, panel } = await createTokenWithPanel(browser, {
      ...SCREEN,
      timeoutMs: 10_000,
    });
    for (const [typed, name] of [
      ['requ', 'requests'],
      ['urll', 'urllib3'],
    ] as const) {
      await panel.click('#projects');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(typed);
      await panel.click('.options label input', name);
    }
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await panel.call(
      `function () {
        const s = this.getElementById('window');
        s.value = '1h';
        s.dispatchEvent(new Event('change', { bubbles: true }));
      }`,
    );
    const summary = () => panel.text('[data-testid="summary"]');
    await expect
      .poll(summary)
      .toMatch(/^Upload to requests and urllib3 until .+ \(in 59 minutes\)$/);
    // The focus leaves the panel's box (a click on the page's empty margin), as a reader sees it.
    await page.mouse.click(SCREEN.width - 40, 140);
    // PyPI's page shows the whole new token (the fixture's, twice): blurred, as anyone would blur a
    // token in a screenshot. Inline CSSOM styles, which Warehouse's policy allows; the panel shows its
    // own token redacted, as it always does.
    const blurred = await page.evaluate(() => {
      const blocks = [...document.querySelectorAll('code, pre')].filter((e) =>
        e.textContent?.includes('pypi-'),
      );
      for (const e of blocks) (e as HTMLElement).style.filter = 'blur(5px)';
      return blocks.length;
    });
    expect(blurred).toBeGreaterThan(0);
    // The token block and the whole panel in view: the panel's bottom 24 px above the window's.
    await page.evaluate(
      ({ id, height }) => {
        const panel = document.getElementById(id)?.getBoundingClientRect();
        const block = document.getElementById('provisioned-key')?.getBoundingClientRect();
        if (!panel || !block) throw new Error('no panel or token block');
        const top = Math.min(
          block.top + window.scrollY - 16,
          panel.bottom + window.scrollY + 24 - height,
        );
        window.scrollTo(0, Math.max(0, top));
      },
      { id: PANEL, height: SCREEN.height },
    );
    const inView = await page.evaluate(
      ({ id }) => {
        const p = document.getElementById(id)?.getBoundingClientRect();
        const h = document.querySelector('#provisioned-key h2, h2')?.getBoundingClientRect();
        return { panelTop: p?.top, panelBottom: p?.bottom, heading: h?.top };
      },
      { id: PANEL },
    );
    expect(inView.panelTop).toBeGreaterThanOrEqual(0);
    expect(inView.panelBottom).toBeLessThanOrEqual(SCREEN.height);
    save('screenshots/1-panel-on-pypi.png', await page.screenshot());
    await cdp.detach();
    await page.close();
    expect(await sessionTokens(browser)).toHaveLength(1);
  });

  it('2-4: the toolbar view at 400x600, composed at 1280x800', async () => {
    const page = await openView(browser);
    await expect
      .poll(() => page.getByTestId('token-summary').textContent())
      .toBe('Upload to every project of your account, no expiry');
    await keepView(page, 'captured', true);

    const projects = () => page.getByRole('textbox', { name: 'Projects', exact: true });
    await projects().fill('requ');
    await page.getByRole('checkbox', { name: 'requests', exact: true }).waitFor();
    await keepView(page, 'picker');
    await page.getByRole('checkbox', { name: 'requests', exact: true }).check();
    await projects().fill('urll');
    await page.getByRole('checkbox', { name: 'urllib3' }).check();
    await page.keyboard.press('Escape');
    await projects().fill('');
    await page.getByRole('combobox', { name: 'Valid for' }).selectOption('1h');
    const copy = page.getByRole('button', { name: /^Cop(y|ied)/ });
    await copy.click();
    await expect.poll(() => copy.textContent()).toMatch(/^Copied token · clears in \d+ s$/);
    await keepView(page, 'result', true);

    await page.getByRole('combobox', { name: 'Copy as' }).selectOption('pypirc-projects');
    await copy.click();
    await expect
      .poll(() => copy.textContent())
      .toMatch(/^Copied \.pypirc per project · clears in \d+ s$/);
    await keepView(page, 'per-project');

    await page.getByRole('combobox', { name: 'Copy as' }).selectOption('uv');
    await copy.click();
    await expect.poll(() => copy.textContent()).toMatch(/^Copied .* · clears in \d+ s$/);
    await keepView(page, 'uv');
    await page.close();

    await compose('screenshots/2-pick-projects.png', ['picker-light', 'result-light']);
    await compose('screenshots/3-token-per-project.png', ['per-project-light', 'uv-light']);
    await compose('screenshots/4-dark.png', ['captured-dark', 'result-dark'], true);
  });

  it('the promo tile, 440x280, from store/promo-tile.html', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(TILE);
    await page.goto(pathToFileURL(join(STORE, 'promo-tile.html')).href);
    await page.waitForFunction(() =>
      [...document.images].every((i) => i.complete && i.naturalWidth),
    );
    // Nothing clipped: the name and the line fit the tile.
    const fits = await page.evaluate(() =>
      [...document.querySelectorAll('img, h1, p')].every((e) => {
        const r = e.getBoundingClientRect();
        return r.left >= 0 && r.top >= 0 && r.right <= 440 && r.bottom <= 280;
      }),
    );
    expect(fits).toBe(true);
    save(listing.promoTile, await page.screenshot());
    await page.close();
  });
});
