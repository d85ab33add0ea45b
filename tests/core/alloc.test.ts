// The shared slab behind token bytes: every allocation is zeroed, its own, and never overlaps another.
import { describe, expect, it } from 'vitest';
import { alloc } from '@/src/core/bytes';

describe('alloc', () => {
  it('hands out zeroed arrays that never overlap, across slab boundaries', () => {
    const arrays = Array.from({ length: 200 }, (_, i) => alloc(1 + ((i * 37) % 250)));
    arrays.forEach((a, i) => {
      expect(a.every((b) => b === 0)).toBe(true);
      a.fill(i + 1);
    });
    arrays.forEach((a, i) => {
      expect(a.every((b) => b === i + 1)).toBe(true);
    });
    // 200 arrays of up to 250 bytes cannot fit one 8 KiB slab: some slab was replaced on the way.
    expect(new Set(arrays.map((a) => a.buffer)).size).toBeGreaterThan(1);
  });

  it('gives a large array a buffer of its own', () => {
    const big = alloc(4096);
    expect(big.byteOffset).toBe(0);
    expect(big.buffer.byteLength).toBe(4096);
  });
});
