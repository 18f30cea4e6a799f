import { randomUUID } from 'node:crypto';
import type { Logger } from '@moneypal/kit';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EmailConfig } from '../config.js';
import { holdsSecret } from '../domain/message.js';
import type { EmailTransport, OutgoingEmail } from '../services/dispatch.service.js';

/**
 * Every network wait is bounded, so one attempt ends well inside a dispatcher's lease on
 * the message and a hung server becomes a failed attempt, not a stuck one.
 */
const smtpTimeoutsMs = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** Email through any SMTP server (nodemailer); the provider id is the Message-ID it was sent with. */
export class SmtpEmailTransport implements EmailTransport {
  readonly mode = 'smtp';
  private readonly transporter: Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;
  private readonly from: string;

  constructor(config: Extract<EmailConfig, { mode: 'smtp' }>) {
    this.from = config.from;
    this.transporter = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      // Credentials never cross an unencrypted connection: without implicit TLS, STARTTLS is required.
      ...(config.user === undefined
        ? {}
        : { auth: { user: config.user, pass: config.password ?? '' }, requireTLS: !config.secure }),
      ...smtpTimeoutsMs,
      // Messages are plain text built here; nothing should make nodemailer read files or fetch URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(email: OutgoingEmail): Promise<{ providerId: string }> {
    const info = await this.transporter.sendMail({
      from: this.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
    });
    return { providerId: info.messageId };
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * The local runtime's email: nothing leaves the machine, the email is written to the log
 * instead. A one-time code's body is left out (the local runtime shows codes itself).
 */
export class CaptureEmailTransport implements EmailTransport {
  readonly mode = 'capture';

  constructor(
    private readonly from: string,
    private readonly logger: Logger,
  ) {}

  async send(email: OutgoingEmail): Promise<{ providerId: string }> {
    const providerId = `captured-${randomUUID()}`;
    this.logger.info(
      {
        provider_id: providerId,
        from: this.from,
        to: email.to,
        subject: email.subject,
        ...(holdsSecret(email.template) ? {} : { body: email.text }),
      },
      'email captured (EMAIL_MODE=capture: not sent)',
    );
    return { providerId };
  }

  close(): void {}
}

export function createEmailTransport(config: EmailConfig, logger: Logger): EmailTransport {
  return config.mode === 'smtp'
    ? new SmtpEmailTransport(config)
    : new CaptureEmailTransport(config.from, logger);
}
