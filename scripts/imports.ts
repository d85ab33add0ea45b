/**
 * Every module a source file imports, in any form, read by the TypeScript parser: `import`,
 * `import type`, `export … from`, `export *`, side-effect imports, `import()`, `require`, import types
 * and `/// <reference path>`; relative and WXT-aliased paths resolved to the repository path they reach.
 * Used by tests/layers.test.ts (the layers of DESIGN.md) and scripts/shape.ts.
 */
import { posix } from 'node:path';
import ts from 'typescript';

/** One module a file imports. */
export interface Import {
  file: string;
  line: number;
  /** As written; null for an `import()` or `require()` whose argument is not a string literal. */
  module: string | null;
  /** The repository path it resolves to (relative or aliased), null for a package. */
  target: string | null;
  /** Erased at build time: `import type`, `export type … from`, `typeof import('…')`. */
  typeOnly: boolean;
}

/** WXT's aliases for the project root (`.wxt/tsconfig.json`). */
const ROOT_ALIASES = ['@', '~', '@@', '~~'];

/** The repository path `module` points to from `file`, or null when it names a package. */
function resolve(file: string, module: string): string | null {
  if (module === '.' || module === '..' || module.startsWith('./') || module.startsWith('../'))
    return posix.normalize(posix.join(posix.dirname(file), module));
  for (const alias of ROOT_ALIASES) {
    if (module === alias) return '.';
    if (module.startsWith(`${alias}/`)) return posix.normalize(module.slice(alias.length + 1));
  }
  return null;
}

/** Every module `text` (the source of `file`, a repository path) imports, in any form. */
export function readImports(file: string, text: string): Import[] {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined, typeOnly: boolean) => {
    const module = specifier && ts.isStringLiteralLike(specifier) ? specifier.text : null;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file, line, module, target: module && resolve(file, module), typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      // `import { type A } from 'x'` keeps `import 'x'` under verbatimModuleSyntax: not type-only.
      add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      add(node, ts.isLiteralTypeNode(arg) ? arg.literal : undefined, true);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      add(node, node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const ref of source.referencedFiles) {
    // `/// <reference path="…" />`: types only, but still a dependency on another file.
    const target = posix.normalize(posix.join(posix.dirname(file), ref.fileName));
    const line = source.getLineAndCharacterOfPosition(ref.pos).line + 1;
    found.push({ file, line, module: ref.fileName, target, typeOnly: true });
  }
  return found;
}

/** `path` is `dir` or inside it (both repository paths). */
export const within = (path: string | null, dir: string) =>
  path !== null && (path === dir || path.startsWith(`${dir}/`));
