import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const upperAlphanumeric = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function randomString(length: number, alphabet: string): string {
  let value = '';
  for (let index = 0; index < length; index += 1) value += alphabet[randomInt(alphabet.length)];
  return value;
}

/** Ids in PayPal's own shapes, so a client that checks their form cannot tell the simulator apart. */
export const paypalIds = {
  /** Orders, captures and refunds: 17 upper-case letters and digits (`5O190127TN364715T`). */
  resource: (): string => randomString(17, upperAlphanumeric),
  /** Payer and merchant account ids: 13 characters (`QYR5Z8XDVJNXQ`). */
  account: (): string => randomString(13, upperAlphanumeric),
  /** `debug_id` of every answer: 13 hex digits. */
  debug: (): string => randomBytes(7).toString('hex').slice(0, 13),
  /** Webhook events: `WH-` and two resource-like parts. */
  webhookEvent: (): string =>
    `WH-${randomString(17, upperAlphanumeric)}-${randomString(17, upperAlphanumeric)}`,
  /** Webhook transmissions are UUIDs at PayPal. */
  transmission: (): string => randomUUID(),
  /** Signing certificates: `CERT-` and three groups of hex digits. */
  certificate: (): string =>
    `CERT-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`,
  /** OAuth access tokens start with `A21AA` at PayPal. */
  accessToken: (): string => `A21AA${randomBytes(64).toString('base64url')}`,
};
