/**
 * Local stand-ins for what messages talk to: a real SMTP server and an HTTP
 * server playing an SMS gateway or a webhook receiver, both on 127.0.0.1.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpCapture {
  port: number;
  mails: ParsedMail[];
  /** Envelope recipients of each accepted mail, in order. */
  recipients: string[][];
  /** Logins seen, as user:password. */
  logins: string[];
  /** Replies with this SMTP error to the next data commands while set. */
  rejectWith: { code: number; message: string } | null;
  /** Milliseconds to wait before accepting each mail, so that sends overlap. */
  delayMs: number;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpServer(options: { user?: string; password?: string } = {}): Promise<SmtpCapture> {
  const capture: SmtpCapture = {
    port: 0,
    mails: [],
    recipients: [],
    logins: [],
    rejectWith: null,
    delayMs: 0,
    waitFor: (count, timeoutMs = 10_000) => waitUntil(() => capture.mails.length >= count, timeoutMs, `${count} mail(s)`),
    close: async () => undefined,
  };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: !options.user,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      capture.logins.push(`${auth.username}:${auth.password}`);
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (capture.rejectWith) {
          const error = new Error(capture.rejectWith.message) as Error & { responseCode: number };
          error.responseCode = capture.rejectWith.code;
          return callback(error);
        }
        new Promise((resolve) => setTimeout(resolve, capture.delayMs))
          .then(() => simpleParser(Buffer.concat(chunks)))
          .then((mail) => {
            capture.mails.push(mail);
            capture.recipients.push(session.envelope.rcptTo.map((r) => r.address));
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  capture.port = (server.server.address() as AddressInfo).port;
  capture.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return capture;
}

export interface CapturedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpCapture {
  url: string;
  requests: CapturedRequest[];
  /** HTTP status of the next responses. */
  status: number;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHttpServer(): Promise<HttpCapture> {
  const capture: HttpCapture = {
    url: '',
    requests: [],
    status: 200,
    waitFor: (count, timeoutMs = 10_000) => waitUntil(() => capture.requests.length >= count, timeoutMs, `${count} request(s)`),
    close: async () => undefined,
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      capture.requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.statusCode = capture.status;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ id: `gw-${capture.requests.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  capture.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  capture.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return capture;
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
