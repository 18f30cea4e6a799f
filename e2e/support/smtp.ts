import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** An email as a real SMTP server received it. */
export interface CapturedEmail {
  from: string;
  to: string[];
  subject: string;
  /** The whole message as sent: headers, a blank line, the body. */
  raw: string;
}

export interface SmtpCatcher {
  port: number;
  emails: CapturedEmail[];
  stop(): Promise<void>;
}

/** The `Subject` header of a raw message, unfolded (RFC 5322 folds long headers). */
function subjectOf(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const match = /^Subject:(.*(?:\r?\n[ \t].*)*)/im.exec(head);
  return (match?.[1] ?? '').replace(/\r?\n[ \t]/g, ' ').trim();
}

/** A real SMTP server on a free local port that keeps every message it accepts. */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const emails: CapturedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        emails.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          subject: subjectOf(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    emails,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
