// Hostile messages against the background in real Chromium, by every path a message can take: from the
// content script's own world on a PyPI token page (a sender the background trusts, so every payload
// reaches the validators), from an extension page, and from an iframe on the fake PyPI (which has no
// extension API at all and can only post to the page). The worker keeps running and answering, stores
// nothing, and still takes a real capture afterwards.
import fc from 'fast-check';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Token } from '@/src/core';
import {
  creationFormPage,
  PROJECT_TOKEN,
  resultPage,
  TEST_TOKEN,
  USER_TOKEN,
} from '../fixtures/pages';
import {
  type Browser,
  badgeText,
  type FakePypi,
  launchBrowser,
  sessionTokens,
  startFakePypi,
  WAREHOUSE_CSP,
} from './harness';

/** The extension API inside the service worker and extension pages, where `evaluate` callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

/** Per path; three paths, so well over 1,000 in all. */
const PER_PATH = 1200;
const TOKEN_PAGE = 'https://pypi.org/manage/account/token/';

let pypi: FakePypi;
let browser: Browser;
/** What the service worker printed as an error (an uncaught exception or rejection would show here). */
const workerErrors: string[] = [];

const loads = (s: string) => {
  try {
    Token.load(s);
    return true;
  } catch {
    return false;
  }
};

const KEYS = ['__proto__', 'constructor', 'prototype', 'type', 'token', 'name', 'scope', 'names'];
const NEAR = [
  USER_TOKEN.token.slice(0, -1),
  USER_TOKEN.token.toLowerCase(),
  `pypi-${'A'.repeat(300)}`,
  `${USER_TOKEN.token.slice(0, 50)}*${USER_TOKEN.token.slice(51)}`,
];
const text = fc
  .oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(...NEAR, ...KEYS, '', '<img src=x onerror=alert(1)>'),
  )
  .filter((s) => !loads(s));
const leaf = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
const junk = fc.jsonValue().chain((v) =>
  fc.oneof(
    fc.constant(v),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), leaf, {
      maxKeys: 6,
    }),
  ),
);
/** Almost ours: the type is right or nearly, the fields are wrong. Never a valid capture or list. */
const nearMiss = fc.oneof(
  fc.record({
    type: fc.constantFrom('capture', 'Capture', 'capture\u0000'),
    token: fc.oneof(text, junk),
    name: fc.oneof(fc.constant(null), text, junk),
    scope: fc.oneof(fc.constant(null), text, junk),
  }),
  fc.record({
    type: fc.constant('projects'),
    // One name at least that the form could not have given: the list must be refused whole.
    names: fc
      .array(text, { maxLength: 10 })
      .map((names) => [...names, `Not Normalized ${names.length}`]),
  }),
  fc.record({ type: fc.constant('projects'), names: junk }),
  fc.record({
    type: fc.constant('schedule-clipboard-clear'),
    delaySeconds: fc.constantFrom(0, -1, 601, 1.5, '5', null, 2 ** 53),
  }),
  fc.record({
    type: fc.constantFrom('clear-clipboard'),
    target: fc.constantFrom('offscreen', 'x'),
  }),
);

/**
 * Could a correct background accept it? A capture whose own token decodes, or a list of normalized names
 * (PEP 503 form, written out here rather than taken from the code under test). Such messages are not
 * hostile, so none is sent: every message sent must be refused.
 */
function acceptable(m: unknown): boolean {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const own = (k: string) => (Object.hasOwn(m, k) ? (m as Record<string, unknown>)[k] : undefined);
  if (own('type') === 'capture')
    return typeof own('token') === 'string' && loads(own('token') as string);
  const names = own('names');
  return (
    own('type') === 'projects' &&
    Array.isArray(names) &&
    names.every((n) => typeof n === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(n))
  );
}

/** JSON texts, parsed in the browser, so `__proto__` arrives as an own key as it would from a page. */
function hostileMessages(seed: number): string[] {
  const generated = fc
    .sample(
      fc.oneof(junk, nearMiss).filter((m) => !acceptable(m)),
      { numRuns: PER_PATH - 8, seed },
    )
    .map((m) => JSON.stringify(m) ?? 'null');
  const t = USER_TOKEN.token;
  return [
    ...generated,
    `{"__proto__":{"type":"capture","token":"${t}","name":null,"scope":null}}`,
    `{"type":"capture","__proto__":{"token":"${t}"},"name":null,"scope":null}`,
    `{"constructor":{"prototype":{"type":"capture","token":"${t}"}}}`,
    `{"type":"projects","names":["requests","${t}"]}`,
    // Huge: a 1 MB token-like string, 64 KiB + 1 of padding, 5,001 names, 2,000 levels of nesting.
    JSON.stringify({
      type: 'capture',
      token: `pypi-${'A'.repeat(1 << 20)}`,
      name: null,
      scope: null,
    }),
    JSON.stringify({
      type: 'capture',
      token: `${t}${' '.repeat(64 * 1024)}`,
      name: null,
      scope: null,
    }),
    JSON.stringify({ type: 'projects', names: Array.from({ length: 5001 }, (_, i) => `p${i}`) }),
    `${'['.repeat(2000)}"capture"${']'.repeat(2000)}`,
  ];
}

/** Sends each JSON text as a runtime message from the world the script runs in; tallies the answers. */
const SEND_ALL = async (texts: string[]) => {
  const tally: Record<string, number> = {};
  const count = (k: string) => {
    tally[k] = (tally[k] ?? 0) + 1;
  };
  for (let i = 0; i < texts.length; i += 100) {
    await Promise.all(
      texts.slice(i, i + 100).map((t) =>
        Promise.resolve(t)
          .then((json) => chrome.runtime.sendMessage(JSON.parse(json)))
          .then(
            (r: unknown) => {
              const answer = r as { ok?: boolean } | undefined;
              count(
                answer === undefined ? 'no answer' : answer.ok === false ? 'refused' : 'accepted',
              );
            },
            () => count('no receiver answered'),
          ),
      ),
    );
  }
  return tally;
};

/** The content script's isolated world on `page` (the one Chromium names after the extension). */
async function contentScriptWorld(page: Page): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await page.context().newCDPSession(page);
  const worlds: { id: number; origin: string; frameId?: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) =>
    worlds.push({ id: context.id, origin: context.origin, frameId: context.auxData?.frameId }),
  );
  await cdp.send('Runtime.enable');
  const own = `chrome-extension://${browser.extensionId}`;
  await expect.poll(() => worlds.some((w) => w.origin === own)).toBe(true);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const top = worlds.filter((w) => w.origin === own && w.frameId === frameTree.frame.id);
  expect(top).toHaveLength(1);
  // No extension world in any sub-frame: the content script runs in the top frame only.
  expect(worlds.filter((w) => w.origin === own && w.frameId !== frameTree.frame.id)).toEqual([]);
  return { cdp, contextId: (top[0] as { id: number }).id };
}

/** All of storage.session, and a mark that survives only while the same worker instance runs. */
const workerState = () =>
  browser.worker.evaluate(async () => {
    const g = globalThis as { __ptrMark?: number };
    g.__ptrMark ??= Math.random();
    const alarms = (await chrome.alarms.getAll()).map((a) => a.name);
    return { session: await chrome.storage.session.get(null), mark: g.__ptrMark, alarms };
  });

beforeAll(async () => {
  pypi = await startFakePypi();
  pypi.routes.set('pypi.org/manage/account/token/', (method) =>
    method === 'POST'
      ? resultPage({ ...USER_TOKEN, scope: 'user', name: 'real' })
      : creationFormPage(['requests', 'sampleproject']),
  );
  pypi.routes.set('test.pypi.org/manage/account/token/', () =>
    resultPage({ ...TEST_TOKEN, scope: 'user', site: 'test.pypi.org', name: 'after' }),
  );
  // Warehouse forbids frames (frame-src 'none', frame-ancestors 'none'): these two routes allow one,
  // a token page holding another token page, so that a frame exists to send from.
  const framing = WAREHOUSE_CSP.replace("frame-src 'none'", "frame-src 'self'");
  pypi.routes.set('pypi.org/manage/account/token/?outer', () => ({
    body: resultPage(
      { ...USER_TOKEN, scope: 'user', name: 'real' },
      '<iframe src="/manage/account/token/?inner" title="inner" width="600" height="300"></iframe>',
    ),
    csp: framing,
  }));
  pypi.routes.set('pypi.org/manage/account/token/?inner', () => ({
    body: resultPage({ ...PROJECT_TOKEN, scope: { project: 'sampleproject' }, name: 'inner' }),
    csp: framing.replace("frame-ancestors 'none'", "frame-ancestors 'self'"),
  }));
  browser = await launchBrowser(pypi.port);
  browser.context.on('console', (m) => {
    if (m.worker() === browser.worker && m.type() === 'error') workerErrors.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await pypi?.close();
});

describe('hostile messages to the background', () => {
  let real: Awaited<ReturnType<typeof workerState>>;
  const tallies: Record<string, Record<string, number>> = {};

  it('first, real captures: a project list and a token', async () => {
    const page = await browser.context.newPage();
    await page.goto(TOKEN_PAGE);
    await expect.poll(async () => (await workerState()).session.projects).toBeTruthy();
    await Promise.all([page.waitForNavigation(), page.locator('input[type=submit]').click()]);
    await expect.poll(() => sessionTokens(browser)).toHaveLength(1);
    real = await workerState();
    expect(Object.keys(real.session).sort()).toEqual(['projects', 'tokens']);
    await page.close();
  });

  it(`${PER_PATH} from the content script's world on a PyPI token page (a trusted sender): all refused`, async () => {
    const page = await browser.context.newPage();
    await page.goto(TOKEN_PAGE); // the creation form: the content script has run and is idle
    const { cdp, contextId } = await contentScriptWorld(page);
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression: `(${SEND_ALL})(${JSON.stringify(hostileMessages(1))})`,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    expect(exceptionDetails).toBeUndefined();
    tallies.contentScript = result.value;
    // Ours answer every capture and project list (refused); other types get no answer from anyone.
    expect(result.value.accepted).toBeUndefined();
    expect(Object.values(result.value as Record<string, number>).reduce((a, b) => a + b)).toBe(
      PER_PATH,
    );
    expect(result.value.refused).toBeGreaterThan(PER_PATH / 10);
    await page.close();
  });

  it(`${PER_PATH} from an extension page: all refused`, async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const tally = await page.evaluate(SEND_ALL, hostileMessages(2));
    tallies.extensionPage = tally;
    expect(tally.accepted).toBeUndefined();
    expect(Object.values(tally).reduce((a, b) => a + b)).toBe(PER_PATH);
    await page.close();
  });

  it(`${PER_PATH} from an iframe on the fake PyPI: it has no extension API; its posts change nothing`, async () => {
    const page = await browser.context.newPage();
    await page.goto(`${TOKEN_PAGE}?outer`);
    const inner = page.frame({ url: /\?inner$/ });
    expect(inner).not.toBeNull();
    await inner?.waitForLoadState();
    // The content script runs in the top frame only (checked in contentScriptWorld)...
    await contentScriptWorld(page);
    // ...so the frame's only ways out are a page's: no runtime messaging, postMessage to the top.
    const posted = await (inner as NonNullable<typeof inner>).evaluate((texts) => {
      const c = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      for (const t of texts) parent.postMessage(JSON.parse(t), '*');
      return { sendMessage: typeof c?.runtime?.sendMessage, posted: texts.length };
    }, hostileMessages(3));
    tallies.iframe = { 'no sendMessage; posted to the top frame': posted.posted };
    expect(posted).toEqual({ sendMessage: 'undefined', posted: PER_PATH });
    // Nothing was captured from the inner token page either; the outer one is the token held already.
    await page.waitForTimeout(500);
    expect(
      ((await sessionTokens(browser)) as { identifier: string }[]).map((t) => t.identifier),
    ).toEqual([USER_TOKEN.identifier]);
    await page.close();
  });

  it('left the same worker running, storage.session as the real captures left it, no alarm set', async () => {
    console.log('hostile messages, answers per path:', JSON.stringify(tallies));
    const now = await workerState();
    expect(now.mark).toBe(real.mark); // the same worker instance: it never crashed or restarted
    expect(workerErrors).toEqual([]);
    // Opening the form and the outer token page again were real captures (the same list, the same
    // token): they refreshed `seenAt` and `capturedAt`, so those two are left out of the comparison.
    const tokensOf = (s: typeof now) =>
      (s.session.tokens as { capturedAt: number }[]).map(({ capturedAt: _, ...t }) => t);
    const projectsOf = (s: typeof now) =>
      Object.entries(s.session.projects as Record<string, { seenAt: number }>).map(
        ([site, { seenAt: _, ...p }]) => [site, p],
      );
    expect(tokensOf(now)).toEqual(tokensOf(real));
    expect(projectsOf(now)).toEqual(projectsOf(real));
    // Besides, only the view's own draft, which opening popup.html to send from wrote.
    expect(Object.keys(now.session).sort()).toEqual(['draft', 'projects', 'tokens']);
    expect(now.alarms).toEqual([]);
    // storage.local holds only the setting the harness wrote (the panel off: this suite reads the notice).
    expect(await browser.worker.evaluate(() => chrome.storage.local.get(null))).toEqual({
      showPanel: false,
    });
  });

  it('still takes a real capture afterwards', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://test.pypi.org/manage/account/token/');
    await expect.poll(() => sessionTokens(browser)).toHaveLength(2);
    expect((await sessionTokens(browser))[0]).toMatchObject({
      identifier: TEST_TOKEN.identifier,
      site: 'test.pypi.org',
    });
    expect(await badgeText(browser)).toBe('2');
    expect((await workerState()).mark).toBe(real.mark);
    await page.close();
    // The worker's errors would have been seen: the check above can fail.
    await browser.worker.evaluate(() => console.error('probe'));
    await expect.poll(() => workerErrors).toEqual(['probe']);
  });
});
