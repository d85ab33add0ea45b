// The figures issue 14 watches, over src/ and entrypoints/: long files, long functions, message
// listeners, casts, and how much of the browser side the view imports. `npx tsx scripts/shape.ts`
import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';
import { readImports, within } from './imports.ts';

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;
const ROOTS = ['src', 'entrypoints'];

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(posix.join(dir, e.name)) : [posix.join(dir, e.name)]))
    .sort();
const all = ROOTS.flatMap(walk);
const code = all.filter((f) => /\.tsx?$/.test(f));
const text = new Map(all.map((f) => [f, readFileSync(f, 'utf8')]));
const lineCount = (t: string) => t.split('\n').length - (t.endsWith('\n') ? 1 : 0);

interface Long {
  name: string;
  where: string;
  lines: number;
}
const longFunctions: Long[] = [];
const listeners: string[] = [];
const casts = new Map<string, number>();

/** What a function is called in the source: its own name, its variable's or property's, or its caller's. */
function nameOf(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  const own = node.name && !ts.isComputedPropertyName(node.name) ? node.name.getText(source) : null;
  const parent = node.parent;
  if (ts.isMethodDeclaration(node) || ts.isAccessor(node) || ts.isConstructorDeclaration(node)) {
    const owner = ts.isClassLike(parent) && parent.name ? `${parent.name.text}.` : '';
    return `${owner}${own ?? 'constructor'}`;
  }
  if (own) return own;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))
    return parent.name.getText(source);
  if (ts.isCallExpression(parent)) return `${parent.expression.getText(source)}(…) callback`;
  return '(anonymous)';
}

for (const file of code) {
  const source = ts.createSourceFile(
    file,
    text.get(file) ?? '',
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node) => {
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isAccessor(node) ||
      ts.isConstructorDeclaration(node)
    ) {
      const start = lineOf(node.getStart(source));
      const lines = lineOf(node.getEnd()) - start + 1;
      if (lines > MAX_FUNCTION_LINES)
        longFunctions.push({ name: nameOf(node, source), where: `${file}:${start}`, lines });
    }
    // `<anything>.onMessage.addListener(…)`: browser.runtime, chrome.runtime, a destructured runtime.
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'addListener' &&
      ((ts.isPropertyAccessExpression(node.expression.expression) &&
        node.expression.expression.name.text === 'onMessage') ||
        (ts.isIdentifier(node.expression.expression) &&
          node.expression.expression.text === 'onMessage'))
    )
      listeners.push(`${file}:${lineOf(node.getStart(source))}`);
    if (ts.isAsExpression(node) && node.type.getText(source) !== 'const')
      casts.set(file, (casts.get(file) ?? 0) + 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
}

const viewImports = code
  .filter((f) => within(f, 'src/ui'))
  .flatMap((f) => readImports(f, text.get(f) ?? ''))
  .filter((i) => within(i.target, 'src/extension'));

const longFiles = all
  .map((f) => ({ file: f, lines: lineCount(text.get(f) ?? '') }))
  .filter((f) => f.lines > MAX_FILE_LINES)
  .sort((a, b) => b.lines - a.lines);
longFunctions.sort((a, b) => b.lines - a.lines);
const castCount = [...casts.values()].reduce((a, b) => a + b, 0);
const typeOnly = viewImports.filter((i) => i.typeOnly).length;

const out: string[] = [`Shape of ${ROOTS.join('/ and ')}/ (${all.length} files)`, ''];
out.push(`Files over ${MAX_FILE_LINES} lines: ${longFiles.length}`);
for (const f of longFiles) out.push(`  ${f.file}: ${f.lines}`);
out.push('', `Functions over ${MAX_FUNCTION_LINES} lines: ${longFunctions.length}`);
for (const f of longFunctions) out.push(`  ${f.name}  ${f.where}  ${f.lines} lines`);
out.push('', `runtime.onMessage listeners: ${listeners.length}`);
for (const l of listeners) out.push(`  ${l}`);
/** `counts` summed per layer (src/core, src/ui, …, entrypoints), largest first: `src/core 28, …`. */
const perLayer = (counts: [string, number][]) => {
  const sums = new Map<string, number>();
  for (const [file, n] of counts) {
    const layer = file
      .split('/')
      .slice(0, file.startsWith('src/') ? 2 : 1)
      .join('/');
    sums.set(layer, (sums.get(layer) ?? 0) + n);
  }
  return [...sums]
    .sort((a, b) => b[1] - a[1])
    .map(([layer, n]) => `${layer} ${n}`)
    .join(', ');
};
out.push('', `'as' casts (not 'as const'): ${castCount} (${perLayer([...casts])})`);
const modules = new Map<string, number>();
for (const i of viewImports) modules.set(i.target ?? '', (modules.get(i.target ?? '') ?? 0) + 1);
out.push(
  '',
  `Imports from src/extension in src/ui: ${viewImports.length}, ${typeOnly} of them type-only`,
  `  ${[...modules].map(([m, n]) => `${m.replace('src/extension/', '')} ${n}`).join(', ')}`,
);
console.log(out.join('\n'));
