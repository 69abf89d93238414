/** HTTP routes of the notes of a contact. */
import { requireAuth } from '../auth/context.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { createNote, deleteNote, listNotes, updateNote } from './notes.ts';
import { idParams, noteBody, noteJson, noteParams, notePatch, pageOf, pageQuery } from './schemas.ts';
import { contactUpdate, contactView } from '../auth/route-permission.ts';

const tags = ['contacts'];

export async function noteRoutes(app: ZodApp, { db }: Deps): Promise<void> {
  const kysely = db.kysely;

  app.get('/api/v1/contacts/:id/notes', {
    config: { permission: contactView },
    schema: {
      tags,
      summary: 'Notes of a contact, newest first',
      description: 'Private notes of other users are left out.',
      params: idParams,
      querystring: pageQuery,
      response: { 200: pageOf(noteJson) },
    },
  }, async (request) => listNotes(kysely, requireAuth(request), request.params.id, request.query));

  app.post('/api/v1/contacts/:id/notes', {
    config: { permission: contactUpdate },
    schema: { tags, summary: 'Add a note', params: idParams, body: noteBody, response: { 201: noteJson } },
  }, async (request, reply) => {
    const note = await createNote(kysely, requireAuth(request), request.params.id, request.body);
    return reply.status(201).send(note);
  });

  app.patch('/api/v1/contacts/:id/notes/:noteId', {
    config: { permission: contactUpdate },
    schema: {
      tags,
      summary: 'Change a note',
      description: 'Only the author changes a note. A note without an author, which Comptoir wrote, is changed by anyone who may update the contact, but cannot be made private.',
      params: noteParams,
      body: notePatch,
      response: { 200: noteJson },
    },
  }, async (request) =>
    updateNote(kysely, requireAuth(request), request.params.id, request.params.noteId, request.body));

  app.delete('/api/v1/contacts/:id/notes/:noteId', {
    config: { permission: contactUpdate },
    schema: {
      tags,
      summary: 'Delete a note',
      description: 'Only the author deletes a note. A note without an author, which Comptoir wrote, is deleted by anyone who may update the contact.',
      params: noteParams,
    },
  }, async (request, reply) => {
    await deleteNote(kysely, requireAuth(request), request.params.id, request.params.noteId);
    return reply.status(204).send();
  });
}
