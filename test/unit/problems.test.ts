import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorHandler } from '../../src/server/problems.ts';

describe('validation problems', () => {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(errorHandler);
    app.post('/check', { schema: { body: z.strictObject({ name: z.string(), count: z.number().optional() }) } }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (payload: unknown) => app.inject({ method: 'POST', url: '/check', payload: payload as object });

  it('reports a missing field as required', async () => {
    const res = await post({});
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'name', code: 'required' })]);
  });

  it('reports a value of the wrong type as invalid_type', async () => {
    const res = await post({ name: 'Élodie', count: 'three' });
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'count', code: 'invalid_type' })]);
  });

  it('names an unknown top-level field by its own path', async () => {
    const res = await post({ name: 'Élodie', colour: 'bleu' });
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'colour', code: 'unknown_field' })]);
  });
});
