import { describe, expect, it } from 'vitest';
import { KeyLines } from '../../src/transfer/import/key-lines.ts';

describe('import key lines', () => {
  it('returns the line of each key', () => {
    const lines = new KeyLines();
    lines.set('email:a@example.fr', 2);
    lines.set('mobile:+33612345678', 2);
    lines.set('email:b@example.fr', 3);
    expect(lines.get('email:a@example.fr')).toBe(2);
    expect(lines.get('mobile:+33612345678')).toBe(2);
    expect(lines.get('email:b@example.fr')).toBe(3);
    expect(lines.get('email:c@example.fr')).toBeUndefined();
    expect(lines.size).toBe(3);
  });

  it('keeps every key past its growth', () => {
    const lines = new KeyLines();
    const count = 50_000;
    for (let i = 0; i < count; i += 1) lines.set(`email:client${i}@example.fr`, i + 2);
    expect(lines.size).toBe(count);
    for (let i = 0; i < count; i += 1) expect(lines.get(`email:client${i}@example.fr`)).toBe(i + 2);
    expect(lines.get(`email:client${count}@example.fr`)).toBeUndefined();
  });

  it('tells apart keys with the same hash', () => {
    // These two keys have the same 32-bit FNV-1a hash.
    const lines = new KeyLines();
    lines.set('email:36wu', 2);
    expect(lines.get('email:ewfa')).toBeUndefined();
    lines.set('email:ewfa', 3);
    expect(lines.get('email:36wu')).toBe(2);
    expect(lines.get('email:ewfa')).toBe(3);
  });

  it('compares accented keys exactly', () => {
    const lines = new KeyLines();
    lines.set('email:élodie@example.fr', 4);
    lines.set('email:elodie@example.fr', 5);
    expect(lines.get('email:élodie@example.fr')).toBe(4);
    expect(lines.get('email:elodie@example.fr')).toBe(5);
    expect(lines.get('email:e\u0301lodie@example.fr')).toBeUndefined();
  });

  it('key set again takes the new line', () => {
    const lines = new KeyLines();
    lines.set('code:A', 2);
    lines.set('code:A', 9);
    expect(lines.get('code:A')).toBe(9);
    expect(lines.size).toBe(1);
  });
});
