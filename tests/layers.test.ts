// The layers of DESIGN.md, checked on the source: imports point down only, and the view takes only
// types from the browser side (it reaches the browser through `Services`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
/** Every import statement of a file, as `[whole statement, module]`. */
const imports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^import\s[^;]*?from\s+'([^']+)';/gms)].map(
    (m) => [m[0], m[1] as string] as const,
  );
const offending = (dir: string, bad: (statement: string, module: string) => boolean) =>
  files(dir).flatMap((f) =>
    imports(f)
      .filter(([s, m]) => bad(s, m))
      .map(([, m]) => `${f}: ${m}`),
  );

describe('layers', () => {
  it('src/core imports only itself and @noble/hashes', () => {
    expect(
      offending('src/core', (_, m) => !m.startsWith('./') && !m.startsWith('@noble/')),
    ).toEqual([]);
  });

  it('src/shared imports nothing', () => {
    expect(offending('src/shared', () => true)).toEqual([]);
  });

  it('src/extension never imports the view', () => {
    expect(offending('src/extension', (_, m) => m.startsWith('@/src/ui'))).toEqual([]);
  });

  it('src/ui takes only types from src/extension, and nothing from wxt', () => {
    expect(
      offending(
        'src/ui',
        (s, m) =>
          (m.startsWith('@/src/extension') && !s.startsWith('import type')) || m.startsWith('wxt'),
      ),
    ).toEqual([]);
  });

  it('finds the imports it checks', () => {
    expect(imports('src/ui/state.ts').map(([, m]) => m)).toContain('@/src/core');
  });
});
