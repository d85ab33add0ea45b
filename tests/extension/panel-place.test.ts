// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// Where the narrowing panel goes on fixture result pages (three languages) and when PyPI changes them.
import { describe, expect, it } from 'vitest';
import { panelAnchor } from '@/src/extension/panel-place';
import { creationFormPage, resultPage, USER_TOKEN } from '../fixtures/pages';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('panelAnchor', () => {
  it.each(['en', 'fr', 'ja'] as const)(
    'is the block with PyPI’s Copy button, right after the token (%s page)',
    (lang) => {
      const doc = parse(resultPage({ ...USER_TOKEN, scope: 'user', lang }));
      const anchor = panelAnchor(doc);
      expect(anchor?.previousElementSibling?.matches('code.code-block')).toBe(true);
      expect(anchor?.querySelector('[data-action="clipboard#copy"]')).not.toBeNull();
    },
  );

  it('falls back to the token itself, then the section, and is null on the form', () => {
    const doc = parse(resultPage({ ...USER_TOKEN, scope: 'user' }));
    doc.querySelector('[data-action="clipboard#copy"]')?.remove();
    expect(panelAnchor(doc)?.matches('code.code-block')).toBe(true);
    doc.querySelector('code.code-block')?.remove();
    expect(panelAnchor(doc)?.id).toBe('provisioned-key');
    expect(panelAnchor(parse(creationFormPage(['a'])))).toBeNull();
  });
});
