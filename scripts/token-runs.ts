// The data behind `PIECE_LENGTH` (src/core/pieces.ts): how many real project names share a run of K
// characters with random real-shaped tokens, alone and joined in pairs (both normalized as PyPI does).
// `npx tsx scripts/token-runs.ts NAMES.tsv [tokens=3000] [K,K,...]`: NAMES.tsv has a header line, then
// one project name per line in its first tab-separated column (e.g. a dump of PyPI's simple index).
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Token } from '../src/core/index.ts';

const [file, count = '3000', ks = '8,9,10,11,12,13'] = process.argv.slice(2);
if (!file) throw new Error('usage: token-runs.ts NAMES.tsv [tokens] [K,K,...]');
const norm = (s: string) => s.replace(/[-_.]+/g, '-').toLowerCase();
const names = readFileSync(file, 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => norm(l.split('\t')[0] ?? ''))
  .filter(Boolean);
const pick = () => names[Math.floor(Math.random() * names.length)] as string;
// User-scoped, project-scoped (name + ID) and caveat-free tokens, for both sites, as PyPI mints them.
const tokens = Array.from({ length: Number(count) }, (_, i) => {
  const t = Token.create({
    domain: i % 2 ? 'pypi.org' : 'test.pypi.org',
    identifier: randomUUID(),
    key: randomBytes(32),
  });
  const scoped =
    i % 3 === 0
      ? t.restrict({ userId: randomUUID() })
      : i % 3 === 1
        ? t.restrict({ projectNames: [pick()] }).restrict({ projectIds: [randomUUID()] })
        : t;
  return norm(scoped.dump());
});
console.log(`${names.length} names, ${tokens.length} tokens`);
for (const k of ks.split(',').map(Number)) {
  const runs = new Set(
    tokens.flatMap((t) => Array.from({ length: t.length - k + 1 }, (_, i) => t.slice(i, i + k))),
  );
  const shares = (s: string) =>
    Array.from({ length: s.length - k + 1 }, (_, i) => s.slice(i, i + k)).some((r) => runs.has(r));
  const alone = names.filter(shares);
  let joined = 0;
  for (let r = 0; r < 2_000_000; r++)
    if (shares(pick().slice(1 - k) + pick().slice(0, k - 1))) joined++;
  console.log(
    `K=${k}: ${alone.length} names share a run (${alone.slice(0, 3).join(', ')}); joined pairs: ${joined} of 2,000,000`,
  );
}
