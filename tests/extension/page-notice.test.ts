// @vitest-environment happy-dom
// The notice on PyPI's page: ours, isolated from the page in a closed shadow root, once.
import { describe, expect, it } from 'vitest';
import { NOTICE_ID, showCaptureNotice } from '@/src/extension/page-notice';

describe('showCaptureNotice', () => {
  it('shows one notice with the count, invisible to the page’s own queries, ', () => {
    showCaptureNotice(document, 1);
    const host = showCaptureNotice(document, 2);
    expect(document.querySelectorAll(`#${NOTICE_ID}`)).toHaveLength(1);
    expect(host.dataset.held).toBe('2');
    expect(host.shadowRoot).toBeNull(); // closed: PyPI's scripts and styles cannot reach inside
    expect(document.body.textContent).not.toContain('captured');
  });
});
