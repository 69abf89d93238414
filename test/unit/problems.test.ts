import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorHandler } from '../../src/server/problems.ts';
import { AppError } from '../../src/shared/errors.ts';
import { pickLocale } from '../../src/shared/messages.ts';

describe('validation problems', () => {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(errorHandler);
    app.post('/check', {
      schema: {
        body: z.strictObject({ name: z.string(), count: z.number().optional(), labels: z.record(z.string(), z.string()).optional() }),
      },
    }, async () => ({ ok: true }));
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

  it('words an expected record as an object', async () => {
    const res = await post({ name: 'Élodie', labels: 'x' });
    expect(res.json().errors[0].message).toBe('« x » n’est pas du type attendu : un objet JSON.');
  });

  it('names an unknown top-level field by its own path', async () => {
    const res = await post({ name: 'Élodie', colour: 'bleu' });
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'colour', code: 'unknown_field' })]);
  });
});

describe('state names in problems', () => {
  const app = Fastify();
  beforeAll(async () => {
    app.setErrorHandler(errorHandler);
    app.addHook('onRequest', async (request) => {
      request.locale = pickLocale(request.headers['accept-language']);
    });
    app.get('/document', async () => {
      throw new AppError('document_status', { reference: 'VE2026-0002', status: 'void' });
    });
    app.get('/import', async () => {
      throw new AppError('import_not_undoable', { status: 'cancelled' });
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const detail = async (url: string, language: string) =>
    (await app.inject({ method: 'GET', url, headers: { 'accept-language': language } })).json().detail;

  it('names a document state in French', async () => {
    expect(await detail('/document', 'fr')).toBe('Le document VE2026-0002 est « annulé » : cette action n’est pas possible dans cet état.');
  });

  it('names a document state in English', async () => {
    expect(await detail('/document', 'en')).toBe('Document VE2026-0002 is “void”: this action is not possible in that state.');
  });

  it('names an import state in French', async () => {
    expect(await detail('/import', 'fr')).toBe('Seul un import terminé peut être défait ; celui-ci est à l’état « annulé ».');
  });
});
