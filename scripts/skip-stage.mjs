// A suite whose browser or tools are missing skips LOUDLY: a banner, and with a `--json=` path the
// report `{ "stageSkipped": reason }`, so `npm test` names the skip instead of counting a pass. Under
// REQUIRE_E2E=1 (CI installs everything) the same is a failure. Ends the process either way.
import { writeFileSync } from 'node:fs';

/** `json`: where the stage's vitest report would go, if anywhere. */
export function skipStage(reason, json) {
  const required = process.env.REQUIRE_E2E === '1';
  const bar = '*'.repeat(72);
  console.error(`\n${bar}\n*** ${required ? 'FAILED' : 'SKIPPED'}: ${reason}`);
  if (required) console.error('*** REQUIRE_E2E=1 is set: a skipped suite is a failure');
  console.error(`${bar}\n`);
  if (!required && json) writeFileSync(json, JSON.stringify({ stageSkipped: reason }));
  process.exit(required ? 1 : 0);
}
