import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** An email as the sink received it, its headers and text decoded just enough for assertions. */
export interface ReceivedEmail {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  headers: Map<string, string>;
  text: string;
}

/**
 * A real SMTP server on 127.0.0.1 for tests (smtp-server, no TLS, no auth required): it
 * keeps what it receives, refuses chosen recipients at RCPT TO with a 550, and can be
 * stopped and started again on the same port to play an outage.
 */
export class SmtpSink {
  readonly received: ReceivedEmail[] = [];
  /** Connections the sink accepted since it was made. */
  connections = 0;
  /** Every RCPT TO the sink was asked, accepted or not, in order. */
  readonly recipientAttempts: string[] = [];
  /** How long the sink takes to accept a message's data, to widen races between senders. */
  acceptDelayMs = 0;
  private readonly refused = new Set<string>();
  private server: SMTPServer | undefined;
  private currentPort = 0;

  get port(): number {
    return this.currentPort;
  }

  /** Refuses every message to this address from now on. */
  refuse(address: string): void {
    this.refused.add(address.toLowerCase());
  }

  /** What was received for one address. */
  receivedBy(address: string): ReceivedEmail[] {
    return this.received.filter((email) => email.to.includes(address.toLowerCase()));
  }

  attemptsFor(address: string): number {
    return this.recipientAttempts.filter((recipient) => recipient === address.toLowerCase()).length;
  }

  /** Listens on a free port the first time, and on the same port again after `stop`. */
  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1_000,
      onConnect: (_session, callback) => {
        this.connections += 1;
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        const recipient = address.address.toLowerCase();
        this.recipientAttempts.push(recipient);
        if (this.refused.has(recipient)) {
          const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const envelope = session.envelope;
          this.received.push(
            parseEmail(
              Buffer.concat(chunks).toString('utf8'),
              envelope.mailFrom === false ? '' : envelope.mailFrom.address,
              envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            ),
          );
          setTimeout(() => callback(), this.acceptDelayMs);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.currentPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.currentPort = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Headers (unfolded, names lower-cased) and the text body, quoted-printable or base64 decoded. */
function parseEmail(raw: string, from: string, to: string[]): ReceivedEmail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return {
    from,
    to,
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    messageId: headers.get('message-id') ?? '',
    headers,
    text: text.replace(/\r\n/g, '\n'),
  };
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** RFC 2047 encoded words, as nodemailer writes a subject that is not plain ASCII. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, kind: string, encoded: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(encoded, 'base64').toString('utf8')
        : decodeQuotedPrintable(encoded.replace(/_/g, ' ')),
    );
}
