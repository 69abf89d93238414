/** HTTP routes of the files attached to a contact. */
import { requireAuth } from '../auth/context.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { invalid } from '../shared/errors.ts';
import { addAttachment, deleteAttachment, getAttachmentFile, listAttachments } from './attachments.ts';
import { contentDisposition } from './file-names.ts';
import { attachmentJson, attachmentParams, idParams, pageOf, pageQuery } from './schemas.ts';
import { contactUpdate, contactView } from '../auth/route-permission.ts';

const tags = ['contacts'];

export async function attachmentRoutes(app: ZodApp, { db }: Deps): Promise<void> {
  const kysely = db.kysely;

  app.get('/api/v1/contacts/:id/attachments', {
    config: { permission: contactView },
    schema: {
      tags,
      summary: 'Files attached to a contact, newest first',
      params: idParams,
      querystring: pageQuery,
      response: { 200: pageOf(attachmentJson) },
    },
  }, async (request) => listAttachments(kysely, requireAuth(request), request.params.id, request.query));

  app.post('/api/v1/contacts/:id/attachments', {
    config: { permission: contactUpdate },
    schema: {
      tags,
      summary: 'Attach a file (multipart field "file")',
      description: 'PDF, PNG, JPEG, WebP, plain text, CSV, XLSX, DOCX or ODT, recognised by content; 415 otherwise.',
      params: idParams,
      response: { 201: attachmentJson },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const file = request.isMultipart() ? await request.file() : undefined;
    if (!file || file.fieldname !== 'file') throw invalid([{ path: 'file', code: 'required' }]);
    const content = await file.toBuffer();
    const attachment = await addAttachment(kysely, auth, request.params.id, { fileName: file.filename, content });
    return reply.status(201).send(attachment);
  });

  app.get('/api/v1/contacts/:id/attachments/:attachmentId', {
    config: { permission: contactView },
    schema: { tags, summary: 'Download an attached file', params: attachmentParams },
  }, async (request, reply) => {
    const file = await getAttachmentFile(kysely, requireAuth(request), request.params.id, request.params.attachmentId);
    return reply
      .header('Content-Type', file.mimeType)
      .header('Content-Disposition', contentDisposition(file.fileName))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(file.content);
  });

  app.delete('/api/v1/contacts/:id/attachments/:attachmentId', {
    config: { permission: contactUpdate },
    schema: { tags, summary: 'Delete an attached file', params: attachmentParams },
  }, async (request, reply) => {
    await deleteAttachment(kysely, requireAuth(request), request.params.id, request.params.attachmentId);
    return reply.status(204).send();
  });
}
