import { serializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastSerializerCompiler } from '../../src/server/fast-serializer.ts';

const item = z.object({
  id: z.string(),
  name: z.string().nullable(),
  kind: z.enum(['a', 'b']),
  points: z.number(),
  group: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  fields: z.record(z.string(), z.string()),
  tags: z.array(z.string()),
});
const page = z.object({ items: z.array(item), nextCursor: z.string().nullable(), truncated: z.boolean().optional() });

const zodWrite = serializerCompiler({ schema: page, method: 'GET', url: '/test' } as never) as (data: unknown) => string;
const fastWrite = fastSerializerCompiler({ schema: page });

const sample = {
  items: [
    { id: '1', name: 'Zoé "Œuvre" \\ à', kind: 'a', points: 12, group: { id: 'g', name: null }, fields: { custom1: 'x' }, tags: ['t'] },
    { id: '2', name: null, kind: 'b', points: 0, group: null, fields: {}, tags: [] },
  ],
  nextCursor: null,
};

describe('fast serializer', () => {
  it('writes what the Zod serializer writes', () => {
    expect(fastWrite(sample)).toBe(zodWrite(sample));
    expect(fastWrite({ ...sample, truncated: true })).toBe(zodWrite({ ...sample, truncated: true }));
  });

  it('leaves undeclared properties out', () => {
    const extra = { ...sample, secret: 'x', items: [{ ...sample.items[0], passwordHash: 'y' }] };
    const written = fastWrite(extra);
    expect(written).not.toContain('secret');
    expect(written).not.toContain('passwordHash');
    expect(written).toBe(zodWrite(extra));
  });

  it('fails on a missing required property', () => {
    const { points: _points, ...missing } = sample.items[1] as Record<string, unknown>;
    expect(() => fastWrite({ ...sample, items: [missing] })).toThrow(/points/);
  });

  it('rejects a schema JSON cannot express', () => {
    expect(() => fastSerializerCompiler({ schema: z.object({ at: z.date() }) })).toThrow();
  });
});
