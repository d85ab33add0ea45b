// Median time per core operation on a real-shaped pypi.org user token (179 chars): `npm run bench`.
// Prints one line per operation, plus the ratio of load+restrict+dump to the two HMAC-SHA256 it must compute.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Token } from '../src/core/index.ts';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i);
const RAW = Token.create({
  domain: 'pypi.org',
  identifier: '6a4b0c5e-8f1d-4f2a-9c3b-2d1e0f9a8b7c',
  key: KEY,
})
  .restrict({ userId: '00000000-0000-0000-0000-000000000003' })
  .dump();
if (RAW.length !== 179) throw new Error(`expected a 179-character token, got ${RAW.length}`);
const NOW = 1_700_000_000;
const PARAMS = { projectNames: ['requests', 'urllib3'], notBefore: NOW, notAfter: NOW + 3600 };
const SIG = new Uint8Array(32);
const CAVEAT = new TextEncoder().encode('[1,["requests","urllib3"]]');

/** Median microseconds per call over `rounds` batches, after a warm-up. */
function median(fn: () => unknown, batch = 2000, rounds = 31): number {
  for (let i = 0; i < batch * 5; i++) fn();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    times.push(Number(process.hrtime.bigint() - start) / 1000 / batch);
  }
  return times.sort((a, b) => a - b)[rounds >> 1] as number;
}

const loaded = Token.load(RAW);
const results: [string, number][] = [
  ['2x HMAC-SHA256 (noble, floor)', median(() => hmac(sha256, hmac(sha256, SIG, CAVEAT), CAVEAT))],
  ['load', median(() => Token.load(RAW))],
  ['restrictions (fresh token)', median(() => Token.load(RAW).restrictions)],
  ['restrict+dump (projects, window)', median(() => loaded.restrict(PARAMS).dump())],
  ['load+restrict+dump', median(() => Token.load(RAW).restrict(PARAMS).dump())],
  [
    'check',
    median(() => loaded.check(KEY, { userId: '00000000-0000-0000-0000-000000000003', now: NOW })),
  ],
];
for (const [name, us] of results) console.log(`${name.padEnd(34)} ${us.toFixed(2).padStart(8)} us`);
// The budget's ratio: each round times the HMACs and the derivation back to back, so a busy
// machine slows both alike; the median over rounds is what the budget checks.
const ratios: number[] = [];
for (let r = 0; r < 31; r++) {
  ratios.push(
    median(() => loaded.restrict(PARAMS).dump(), 1000, 3) /
      median(() => hmac(sha256, hmac(sha256, SIG, CAVEAT), CAVEAT), 1000, 3),
  );
}
const ratio = ratios.sort((a, b) => a - b)[15] as number;
const floor = results[0]?.[1] as number;
const derive = results[4]?.[1] as number;
console.log(`restrict+dump / 2x HMAC (interleaved median): ${ratio.toFixed(2)}x (budget <= 1.5x)`);
console.log(`load+restrict+dump / 2x HMAC: ${(derive / floor).toFixed(2)}x`);
