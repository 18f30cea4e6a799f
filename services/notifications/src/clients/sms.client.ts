import { randomUUID } from 'node:crypto';
import type { Logger } from '@moneypal/kit';
import type { OutgoingSms, SmsProvider } from '../services/dispatch.service.js';

/** How many recorded messages are kept: enough to look at, bounded for a long-running process. */
const recordedLimit = 1_000;

/**
 * The default provider when no SMS gateway is configured: it keeps the latest messages in
 * memory and logs only that one was sent and to whom, never the text (a one-time code).
 */
export class RecordingSmsProvider implements SmsProvider {
  readonly name = 'recording';
  /** The latest messages, oldest first. */
  readonly sent: (OutgoingSms & { providerId: string })[] = [];

  constructor(private readonly logger?: Logger) {}

  async send(message: OutgoingSms): Promise<{ providerId: string }> {
    const providerId = `recorded-${randomUUID()}`;
    this.sent.push({ to: message.to, body: message.body, providerId });
    if (this.sent.length > recordedLimit) this.sent.shift();
    this.logger?.info(
      { to: message.to, provider_id: providerId },
      'sms recorded (no SMS gateway is configured)',
    );
    return { providerId };
  }
}
