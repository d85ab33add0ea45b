// @vitest-environment happy-dom
// The notice on PyPI's page: ours, isolated from the page in a closed shadow root, once, with nothing in
// PyPI's DOM but a bare host, and styles that need no 'unsafe-inline' from PyPI's CSP.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOTICE_ID, showCaptureNotice } from '@/src/extension/page-notice';
import { captureRoots } from '../fixtures/shadow';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('showCaptureNotice', () => {
  it('shows one notice with the count, invisible to the page’s own queries', () => {
    const roots = captureRoots();
    showCaptureNotice(document, 1);
    const host = showCaptureNotice(document, 2);
    expect(document.querySelectorAll(`#${NOTICE_ID}`)).toHaveLength(1);
    expect(host.shadowRoot).toBeNull(); // closed: PyPI's scripts and styles cannot reach inside
    expect(document.body.textContent).not.toContain('captured');
    expect(roots.at(-1)?.textContent).toContain('2 tokens held in memory');
  });

  it('puts no test hook or data in PyPI’s DOM: the host is a bare div with its id', () => {
    const host = showCaptureNotice(document, 3);
    expect(host.getAttributeNames()).toEqual(['id']);
    expect(host.childNodes).toHaveLength(0);
    expect(host.outerHTML).toBe(`<div id="${NOTICE_ID}"></div>`);
  });

  it('styles the root with a constructed stylesheet, never a <style> element PyPI’s CSP would check', () => {
    const roots = captureRoots();
    showCaptureNotice(document, 1);
    const root = roots[0] as ShadowRoot;
    expect(root.querySelector('style, link')).toBeNull();
    expect(root.adoptedStyleSheets).toHaveLength(1);
    const rules = [...(root.adoptedStyleSheets[0]?.cssRules ?? [])]
      .map((r) => r.cssText)
      .join('\n');
    expect(rules).toContain(':host');
    expect(rules).toContain('.notice');
  });

  it('says "1 token" for one, and goes away when dismissed', () => {
    const roots = captureRoots();
    const host = showCaptureNotice(document, 1);
    const root = roots[0] as ShadowRoot;
    expect(root.querySelector('.held')?.textContent).toBe(
      '1 token held in memory until the browser closes.',
    );
    expect(root.querySelector('[role="status"]')).not.toBeNull();
    (root.querySelector('button[aria-label="Dismiss"]') as HTMLButtonElement).click();
    expect(host.isConnected).toBe(false);
  });
});
