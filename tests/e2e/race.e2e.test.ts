// The background is the only writer of the held tokens: the view's Forget and Undo go to it by message,
// so a capture racing them, from another context, is never lost and a forgotten token never comes back
// by accident. Real Chromium: eight result pages capture while the view forgets and restores, 30 times.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Token } from '@/src/core';
import { resultPage } from '../fixtures/pages';
import {
  type Browser,
  createTokenOnPypi,
  type FakePypi,
  launchBrowser,
  serveTokenPages,
  sessionTokens,
  startFakePypi,
} from './harness';

declare const chrome: typeof import('wxt/browser').browser;

let pypi: FakePypi;
let browser: Browser;

beforeAll(async () => {
  pypi = await startFakePypi();
  serveTokenPages(pypi);
  browser = await launchBrowser(pypi.port);
});

afterAll(async () => {
  await browser?.close();
  await pypi?.close();
});

it('loses no capture and resurrects nothing while the view forgets and undoes, 30 times over', async () => {
  await createTokenOnPypi(browser); // "CI upload": the token the view forgets and restores
  const [first] = (await sessionTokens(browser)) as { identifier: string }[];
  const others = Array.from({ length: 8 }, () => {
    const identifier = randomUUID();
    const token = Token.create({ domain: 'pypi.org', identifier, key: 'race' }).dump();
    pypi.routes.set(`pypi.org/manage/account/token/?race=${identifier}`, () =>
      resultPage({ token, identifier, scope: 'user', name: identifier.slice(0, 8) }),
    );
    return identifier;
  });
  const view = await browser.context.newPage();
  await view.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const pages = await Promise.all(others.map(() => browser.context.newPage()));
  // The view's Forget then Undo, as its services send them, while every page captures.
  const churn = view.evaluate(async (identifier) => {
    const { tokens } = await chrome.storage.session.get('tokens');
    const record = (tokens as { identifier: string }[]).find((t) => t.identifier === identifier);
    const answers: unknown[] = [];
    for (let i = 0; i < 30; i++) {
      answers.push(await chrome.runtime.sendMessage({ type: 'forget', identifier }));
      answers.push(await chrome.runtime.sendMessage({ type: 'restore', tokens: [record] }));
    }
    return answers;
  }, first?.identifier);
  await Promise.all(
    pages.map((p, i) => p.goto(`https://pypi.org/manage/account/token/?race=${others[i]}`)),
  );
  expect(await churn).toEqual(Array(60).fill({ ok: true }));
  await expect
    .poll(async () =>
      ((await sessionTokens(browser)) as { identifier: string }[]).map((t) => t.identifier).sort(),
    )
    .toEqual([first?.identifier, ...others].sort());
  // Forget, with nothing racing: it stays forgotten.
  await view.evaluate(
    (identifier) => chrome.runtime.sendMessage({ type: 'forget', identifier }),
    first?.identifier,
  );
  await view.waitForTimeout(200);
  expect((await sessionTokens(browser)).length).toBe(others.length);
});
