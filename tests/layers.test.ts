// The layers of DESIGN.md, checked on the source: imports point down only, and the view takes nothing
// from the browser side, not even types (it reaches the browser through `Services`). Every import form counts
// (`import`, `import type`, `export … from`, a side-effect import, `import()`, `require`, import
// types), read by the TypeScript parser, with relative and aliased paths resolved to their directory.
import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Import, readImports, within } from '../scripts/imports.ts';

const SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'node_modules'
        ? []
        : files(posix.join(dir, e.name))
      : SOURCE.test(e.name)
        ? [posix.join(dir, e.name)]
        : [],
  );

const isPackage = (i: Import, name: string) =>
  i.target === null && i.module !== null && (i.module === name || i.module.startsWith(`${name}/`));
const fromWxt = (i: Import) =>
  ['wxt', '@wxt-dev'].some((name) => isPackage(i, name)) ||
  i.module === '#imports' ||
  (i.module?.startsWith('#imports/') ?? false);
/** An import no rule can judge: `import(name)` with a computed name. */
const unreadable = (i: Import) => i.module === null;

/** Each layer and what it may import; `free` layers may import anything. */
const LAYERS: { dir: string; rule: string; allows: (i: Import) => boolean; free?: true }[] = [
  {
    dir: 'src/core',
    rule: 'src/core imports only itself and @noble/hashes',
    allows: (i) => within(i.target, 'src/core') || isPackage(i, '@noble/hashes'),
  },
  {
    dir: 'src/shared',
    rule: 'src/shared imports only itself, and the message catalogue (data) for its keys',
    allows: (i) =>
      !unreadable(i) &&
      (within(i.target, 'src/shared') || i.target === 'public/_locales/en/messages.json'),
  },
  {
    dir: 'src/extension',
    rule: 'src/extension never imports the view',
    allows: (i) => !unreadable(i) && !within(i.target, 'src/ui'),
  },
  {
    dir: 'src/ui',
    rule: 'src/ui takes nothing from src/extension, not even types, and nothing from wxt',
    allows: (i) => !unreadable(i) && !within(i.target, 'src/extension') && !fromWxt(i),
  },
  { dir: 'entrypoints', rule: 'entrypoints may import anything', allows: () => true, free: true },
  { dir: 'tests', rule: 'tests may import anything', allows: () => true, free: true },
];

const layerOf = (file: string) => LAYERS.find((l) => within(file, l.dir));

/** What `file` (a repository path holding `text`) imports against its layer's rule. */
function violations(file: string, text: string): string[] {
  const layer = layerOf(file);
  if (!layer) return [`${file}: in no layer`];
  // Nothing below the entrypoints reaches up into them, or into the tests.
  const up = (i: Import) =>
    within(file, 'src') && (within(i.target, 'entrypoints') || within(i.target, 'tests'));
  return readImports(file, text)
    .filter((i) => !layer.allows(i) || up(i))
    .map((i) => `${i.file}:${i.line}: ${i.module ?? '(a computed module name)'}`);
}

const offending = (dir: string) =>
  files(dir).flatMap((f) => violations(f, readFileSync(f, 'utf8')));

describe('layers', () => {
  // The free layers are checked below, by what they are let import.
  const bound = LAYERS.filter((l) => !l.free);
  it.each(bound.map((l) => [l.rule, l.dir] as const))('%s', (_, dir) => {
    expect(offending(dir)).toEqual([]);
  });

  it('leaves no source file outside a layer', () => {
    const all = ['src', 'entrypoints', 'tests'].flatMap(files);
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((f) => !layerOf(f))).toEqual([]);
  });
});

describe('the import reader', () => {
  it('reads every import form, type-only or not, and resolves relative and aliased paths', () => {
    const text = [
      "import a from '@/src/core';",
      "import type { B } from '../extension/b';",
      "import { type C } from './c';",
      "import './style.css';",
      "export { d } from '~/src/extension/d';",
      "export * from '../../src/ui/e';",
      "export type { F } from '@@/src/ui/f';",
      "export * as g from '~~/entrypoints/g';",
      "const h = await import('./h');",
      "type I = typeof import('../extension/i');",
      "import j = require('node:fs');",
      "const k = require('@noble/hashes/sha2.js');",
      'const l = await import(name);',
      'export const m = 1;',
    ].join('\n');
    const read = readImports('src/ui/sample.ts', text).map(({ line, module, target, typeOnly }) => [
      line,
      module,
      target,
      typeOnly,
    ]);
    expect(read).toEqual([
      [1, '@/src/core', 'src/core', false],
      [2, '../extension/b', 'src/extension/b', true],
      [3, './c', 'src/ui/c', false],
      [4, './style.css', 'src/ui/style.css', false],
      [5, '~/src/extension/d', 'src/extension/d', false],
      [6, '../../src/ui/e', 'src/ui/e', false],
      [7, '@@/src/ui/f', 'src/ui/f', true],
      [8, '~~/entrypoints/g', 'entrypoints/g', false],
      [9, './h', 'src/ui/h', false],
      [10, '../extension/i', 'src/extension/i', true],
      [11, 'node:fs', null, false],
      [12, '@noble/hashes/sha2.js', null, false],
      [13, null, null, false],
    ]);
  });

  it('reads a .tsx file and the real tree', () => {
    expect(readImports('src/ui/x.tsx', "import { h } from 'preact';\nconst v = <p />;")).toEqual([
      { file: 'src/ui/x.tsx', line: 1, module: 'preact', target: null, typeOnly: false },
    ]);
    const state = readImports('src/ui/state.ts', readFileSync('src/ui/state.ts', 'utf8'));
    expect(state.map((i) => i.target)).toContain('src/core');
    expect(state.filter((i) => within(i.target, 'src/shared')).length).toBeGreaterThan(0);
  });
});

describe('the rules catch', () => {
  it.each([
    ['src/core/x.ts', "export { openView } from '@/src/extension/context-menu';"],
    ['src/core/x.ts', "export * from '../extension/messages';"],
    ['src/core/x.ts', "import type { Site } from '../shared/pypi';"],
    ['src/core/x.ts', "import { x } from '@noble/curves';"],
    ['src/core/x.ts', "const m = await import('preact');"],
    ['src/shared/x.ts', "import { Token } from '@/src/core';"],
    ['src/shared/x.ts', "import type { Token } from '../core';"],
    ['src/extension/x.ts', "import { App } from '../ui/App';"],
    ['src/extension/x.ts', "import type { Services } from '@/src/ui/services';"],
    ['src/extension/x.ts', "const { App } = await import('../ui/App.tsx');"],
    ['src/extension/x.ts', "export * from '~/src/ui/state';"],
    ['src/extension/x.ts', 'const m = await import(name);'],
    ['src/ui/x.ts', "import { setPending } from '../extension/pending';"],
    ['src/ui/x.ts', "import { type Pending } from '@/src/extension/pending';"],
    ['src/ui/x.ts', "export { listTokens } from '../extension/token-store';"],
    ['src/ui/x.ts', "import '../extension/clipboard';"],
    ['src/ui/x.ts', "const c = await import('../extension/clipboard');"],
    ['src/ui/x.ts', "import { browser } from 'wxt/browser';"],
    ['src/ui/x.ts', "import type { Pending } from '../extension/pending';"],
    ['src/ui/x.ts', "export type { CapturedToken } from '@/src/extension/token-store';"],
    ['src/ui/x.ts', "type P = typeof import('../extension/pending');"],
    ['src/ui/x.ts', "import { storage } from '#imports';"],
    ['src/ui/x.ts', "import { browser } from '@wxt-dev/webextension-polyfill/browser';"],
    ['src/ui/x.ts', "import { main } from '../../entrypoints/background';"],
    ['src/extension/x.ts', "import { USER_TOKEN } from '../../tests/fixtures/pages';"],
    ['src/newlayer/x.ts', "import { Token } from '@/src/core';"],
  ])('%s: %s', (file, text) => {
    expect(violations(file, text)).toHaveLength(1);
  });

  it.each([
    ['src/core/x.ts', "import { sha256 } from '@noble/hashes/sha2.js';\nexport * from './token';"],
    ['src/extension/x.ts', "import { Token } from '@/src/core';\nimport '../shared/pypi';"],
    ['src/shared/x.ts', "import type { Site } from './pypi';"],
    ['src/ui/x.ts', "import type { Pending } from '@/src/shared/model';"],
    [
      'entrypoints/x.ts',
      "import { App } from '@/src/ui/App';\nimport { browser } from 'wxt/browser';",
    ],
    ['tests/x.ts', "import { App } from '../src/ui/App';"],
  ])('and let pass %s: %s', (file, text) => {
    expect(violations(file, text)).toEqual([]);
  });
});
