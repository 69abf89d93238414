import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { pdfBytes, person, uploadAttachment } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

const pngBytes = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe.each(engines)('contact attachments on %s', (engine) => {
  let t: TestApp;
  let contactId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    contactId = (await t.api('POST', '/api/v1/contacts', person('Dossier', '06 40 00 00 01'))).json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (name: string, content: Buffer | string, type?: string) =>
    uploadAttachment(t, t.adminToken, contactId, name, content, type);

  it('stores a file and sends it back as a download', async () => {
    const res = await upload('Devis été.pdf', pdfBytes, 'application/pdf');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ fileName: 'Devis été.pdf', mimeType: 'application/pdf', size: pdfBytes.length });

    const download = await t.api('GET', `/api/v1/contacts/${contactId}/attachments/${res.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdfBytes)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Devis ete.pdf"; filename*=UTF-8''Devis%20%C3%A9t%C3%A9.pdf`,
    );
  });

  it('takes the type from the content, not the header', async () => {
    const res = await upload('photo.png', pngBytes, 'application/octet-stream');
    expect(res.json().mimeType).toBe('image/png');
    const csv = await upload('clients.csv', 'nom;ville\nMartin;Lyon\n', 'application/vnd.ms-excel');
    expect(csv.json().mimeType).toBe('text/csv');
  });

  it('rejects a file whose content is not its type', async () => {
    const html = await upload('facture.pdf', '<html><script>alert(1)</script></html>', 'application/pdf');
    expect(html.statusCode).toBe(415);
    expect(html.json().code).toBe('unsupported_media_type');
    const exe = await upload('outil.txt', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), 'text/plain');
    expect(exe.statusCode).toBe(415);
    const png = await upload('photo.jpg', pngBytes, 'image/jpeg');
    expect(png.statusCode).toBe(415);
    const page = await upload('page.html', '<html></html>', 'text/html');
    expect(page.statusCode).toBe(415);
    const list = await t.api('GET', `/api/v1/contacts/${contactId}/attachments`);
    expect(list.json().items.map((file: { fileName: string }) => file.fileName)).not.toContain('facture.pdf');
  });

  it('rejects a zip that is no office document', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]);
    expect((await upload('rapport.docx', zip)).statusCode).toBe(415);
  });

  it('sanitizes path traversal and control characters in names', async () => {
    const traversal = await upload('../../etc/passwd.txt', 'root:x:0:0\n');
    expect(traversal.statusCode).toBe(201);
    expect(traversal.json().fileName).toBe('passwd.txt');
    const windows = await upload('..\\..\\boot.ini.txt', 'x\n');
    expect(windows.json().fileName).toBe('boot.ini.txt');
    const control = await upload('fac\u0000ture\u202e.pdf', pdfBytes);
    expect(control.json().fileName).toBe('facture.pdf');
    const dots = await upload('...', pdfBytes);
    expect(dots.json().fileName).toBe('document.pdf');
    const long = await upload(`${'a'.repeat(300)}.pdf`, pdfBytes);
    expect(long.json().fileName).toHaveLength(150);
    expect(long.json().fileName.endsWith('.pdf')).toBe(true);
  });

  it('adds the extension a name lacks', async () => {
    const res = await upload('scan', pdfBytes);
    expect(res.json().fileName).toBe('scan.pdf');
  });

  it('rejects an upload without a file', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${contactId}/attachments`,
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
      payload: {},
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('file');
    expect((await upload('vide.txt', '')).statusCode).toBe(422);
  });

  it('rejects a file over 10 MB', async () => {
    const big = Buffer.concat([pdfBytes, Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const res = await upload('gros.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('deletes a file', async () => {
    const id = (await upload('jetable.pdf', pdfBytes)).json().id;
    expect((await t.api('DELETE', `/api/v1/contacts/${contactId}/attachments/${id}`)).statusCode).toBe(204);
    expect((await t.api('GET', `/api/v1/contacts/${contactId}/attachments/${id}`)).statusCode).toBe(404);
  });

  it('needs the update permission to upload', async () => {
    const viewer = await t.addUser(['customer.view'], 'Vue');
    expect((await uploadAttachment(t, viewer.token, contactId, 'x.pdf', pdfBytes)).statusCode).toBe(403);
    expect((await asToken(t, viewer.token)('GET', `/api/v1/contacts/${contactId}/attachments`)).statusCode).toBe(200);
  });
});
