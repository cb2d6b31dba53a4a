import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 and a random port, keeping every
 * message it accepts. With `auth`, only that user and password may log in (AUTH PLAIN/LOGIN over
 * plain text: STARTTLS is not offered, as a local relay would).
 */
export type CapturedMessage = {
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  fromName: string;
  to: string;
  subject: string;
  text: string;
  /** The HTML part, when the message has one. */
  html: string | null;
  headers: Map<string, unknown>;
  raw: string;
};

export type FakeSmtpServer = {
  host: string;
  port: number;
  messages: CapturedMessage[];
  /** Resolves with the next message accepted (or fails after `timeoutMs`). */
  nextMessage(timeoutMs?: number): Promise<CapturedMessage>;
  stop(): Promise<void>;
};

export type FakeSmtpOptions = {
  auth?: { user: string; password: string };
  /** Recipients refused at RCPT TO with this SMTP code (550 = hard bounce, 451 = try later). */
  refuse?: Map<string, number>;
  /** Called when a message's data starts; the server holds its answer until the promise settles. */
  holdData?: (recipients: string[]) => Promise<void>;
};

export async function startFakeSmtpServer(options: FakeSmtpOptions = {}): Promise<FakeSmtpServer> {
  const messages: CapturedMessage[] = [];
  const waiters: ((message: CapturedMessage) => void)[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.password) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.get(address.address.toLowerCase());
      if (!code) return callback();
      const error = new Error(code >= 500 ? 'No such user here' : 'Mailbox busy, try later') as Error & { responseCode: number };
      error.responseCode = code;
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => void capture());
      const capture = async () => {
        if (options.holdData) await options.holdData(session.envelope.rcptTo.map((rcpt) => rcpt.address));
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        const from = parsed.from?.value[0];
        const message: CapturedMessage = {
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          from: from?.address ?? '',
          fromName: from?.name ?? '',
          to: Array.isArray(parsed.to) ? (parsed.to[0]?.text ?? '') : (parsed.to?.text ?? ''),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : null,
          headers: parsed.headers,
          raw,
        };
        messages.push(message);
        waiters.shift()?.(message);
        callback();
      };
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    messages,
    nextMessage(timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const waiter = (message: CapturedMessage) => {
          clearTimeout(timer);
          resolve(message);
        };
        // A waiter that gave up must not swallow the message the next waiter is for.
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error('no message arrived at the fake SMTP server'));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
