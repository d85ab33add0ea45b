/**
 * Where the narrowing panel goes on PyPI's result page: right below the token block (the token, then
 * the block holding PyPI's own Copy button), before "Using this token". Takes the document, so tests
 * pass fixture pages; matches structure, never English text (PyPI's pages are translated).
 */

import { SELECTORS } from '@/src/shared/pypi';

/** The element the panel's host is inserted after; null when the page has no token block. */
export function panelAnchor(doc: Document): Element | null {
  const section = doc.querySelector(SELECTORS.tokenBlock);
  if (!section) return null;
  const code = SELECTORS.tokenText.map((s) => section.querySelector(s)).find(Boolean);
  if (!code) return section;
  // PyPI's Copy and Remove buttons share the block after the token: the panel follows that block.
  const next = code.nextElementSibling;
  return next?.querySelector(SELECTORS.copyButton) ? next : code;
}
