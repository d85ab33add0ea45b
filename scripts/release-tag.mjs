// `node scripts/release-tag.mjs vX.Y.Z`: the release workflow's first check, before an hour of tests.
// The tag must be exactly `v` + package.json's version (WXT writes that version into both manifests,
// so the stores get what the tag names), the version plain X.Y.Z (the stores take dot-separated
// integers only, no `-beta`), and CHANGELOG.md must have its entry, `## [X.Y.Z] - YYYY-MM-DD`.
// Prints every problem and exits 1 if there is any. See RELEASING.md.
import { readFileSync } from 'node:fs';

const tag = process.argv[2] ?? '';
const root = new URL('..', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const changelog = readFileSync(new URL('CHANGELOG.md', root), 'utf8');

const problems = [];
/** X.Y.Z, each a number without leading zeros and at most 65535 (Chrome's limit for each part). */
const plain = (v) =>
  /^(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})$/.test(v) &&
  v.split('.').every((n) => Number(n) <= 65535);

if (!plain(version)) problems.push(`package.json's version "${version}" is not X.Y.Z`);
if (tag !== `v${version}`)
  problems.push(`the tag "${tag}" is not package.json's version: it must be "v${version}"`);
const escaped = version.replaceAll('.', '\\.');
if (!new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm').test(changelog))
  problems.push(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" entry`);

if (problems.length > 0) {
  for (const p of problems) console.error(`::error::${p}`);
  process.exit(1);
}
console.log(`${tag}: package.json ${version}, CHANGELOG.md entry found`);
