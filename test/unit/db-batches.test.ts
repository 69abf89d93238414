import { describe, expect, it } from 'vitest';
import { inLists, insertSizes, slices } from '../../src/db/batches.ts';

describe('statement batches', () => {
  it('insert sizes cover every row', () => {
    for (const count of [0, 1, 2, 3, 255, 256, 257, 600, 1000]) {
      const sizes = insertSizes(count, 256);
      expect(sizes.reduce((sum, size) => sum + size, 0), String(count)).toBe(count);
      expect(sizes.every((size) => size <= 256 && Number.isInteger(Math.log2(size))), String(count)).toBe(true);
    }
  });

  it('insert sizes start with full slices', () => {
    expect(insertSizes(600, 256)).toEqual([256, 256, 64, 16, 8]);
    expect(insertSizes(256, 256)).toEqual([256]);
    expect(insertSizes(7, 256)).toEqual([4, 2, 1]);
  });

  it('in lists pad to a power of two', () => {
    expect(inLists(['a', 'b', 'c'])).toEqual([['a', 'b', 'c', 'c']]);
    expect(inLists(['a'])).toEqual([['a']]);
    expect(inLists([])).toEqual([]);
  });

  it('in lists split long value lists', () => {
    const values = Array.from({ length: 5000 }, (_, i) => i);
    const lists = inLists(values);
    expect(lists.map((list) => list.length)).toEqual([4096, 1024]);
    expect(new Set(lists.flat())).toEqual(new Set(values));
  });

  it('in lists take a smaller maximum', () => {
    const values = Array.from({ length: 1500 }, (_, i) => i);
    const lists = inLists(values, 1024);
    expect(lists.map((list) => list.length)).toEqual([1024, 512]);
    expect(new Set(lists.flat())).toEqual(new Set(values));
  });

  it('in lists reject a maximum off the ladder', () => {
    expect(() => inLists([1], 1000)).toThrow(RangeError);
    expect(() => inLists([1], 8192)).toThrow(RangeError);
  });

  it('slices reject a size below one', () => {
    expect(() => slices([1, 2], 0)).toThrow(RangeError);
  });
});
