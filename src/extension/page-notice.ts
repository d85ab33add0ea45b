/**
 * A small notice on PyPI's page saying the token was captured. It lives in a closed shadow root so
 * PyPI's styles and ours never mix, is announced politely to screen readers, and can be dismissed.
 * Its styles are a constructed stylesheet, not a `<style>` element: PyPI's CSP has no 'unsafe-inline'
 * for styles, and Chromium checks a `<style>` again under the page's CSP whenever a page script
 * re-inserts our host (the notice then loses its styles and the page gets a violation report naming it).
 */
import { direction, plural, t } from '@/src/shared/i18n';

const STYLE = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; display: block; }
.notice { max-width: 340px; display: flex; gap: 12px; align-items: flex-start; padding: 12px 14px; border-radius: 8px;
  font: 14px/1.4 system-ui, sans-serif; color: #0b1f33; background: #fff8d6;
  border: 1px solid #c9a800; box-shadow: 0 4px 16px rgba(0, 0, 0, .18); }
.notice strong { display: block; }
button { flex: none; font: inherit; line-height: 1; border: 0; background: transparent; cursor: pointer;
  color: inherit; padding: 2px 4px; border-radius: 4px; }
button:focus-visible { outline: 2px solid #3775a9; }
@media (prefers-color-scheme: dark) { .notice { color: #f3f3f3; background: #2d2a1a; border-color: #8a7400; } }
`;

export const NOTICE_ID = 'pypi-token-restrictor-notice';

/**
 * A host element carrying only `id`, with a closed shadow root styled by constructed stylesheets (one
 * per text): what the notice and the narrowing panel put on PyPI's page. The caller inserts the host.
 */
export function closedHost(
  doc: Document,
  id: string,
  styles: readonly string[],
): { host: HTMLElement; root: ShadowRoot } {
  const host = doc.createElement('div');
  host.id = id;
  const root = host.attachShadow({ mode: 'closed' });
  // The document's own constructor: a sheet may only be adopted by a root of the document that made it.
  const Sheet = doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet;
  root.adoptedStyleSheets = styles.map((css) => {
    const sheet = new Sheet();
    sheet.replaceSync(css);
    return sheet;
  });
  return { host, root };
}

/**
 * Shows the notice (once per page), with how many tokens the extension now holds and, when the panel
 * was wanted but could not be added, why; returns its host. The host carries nothing but its id: no
 * count, no token, no hook for tests in PyPI's DOM.
 */
export function showCaptureNotice(doc: Document, held: number, panelError?: string): HTMLElement {
  doc.getElementById(NOTICE_ID)?.remove();
  const { host, root } = closedHost(doc, NOTICE_ID, [STYLE]);
  const box = doc.createElement('div');
  box.className = 'notice';
  box.setAttribute('role', 'status');
  // Its own language and direction, never the page's (PyPI's page may be right-to-left).
  const { lang, dir } = direction();
  box.lang = lang;
  box.dir = dir;
  const text = doc.createElement('div');
  const title = doc.createElement('strong');
  title.textContent = t('notice_title');
  const count = doc.createElement('span');
  count.className = 'held';
  count.textContent = plural('settings_held', held);
  text.append(title, `${t('notice_open')} `, count);
  if (panelError) {
    const why = doc.createElement('span');
    why.className = 'why';
    why.textContent = ` ${t('notice_panel_failed', { reason: panelError })}`;
    text.append(why);
  }
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', t('dismiss'));
  close.addEventListener('click', () => host.remove());
  box.append(text, close);
  root.append(box);
  doc.body.append(host);
  return host;
}
