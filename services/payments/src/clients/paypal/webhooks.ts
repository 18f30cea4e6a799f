import { type KeyObject, verify, X509Certificate } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { CircuitOpenError } from '@moneypal/kit';
import { paypalUnavailable } from './breaker.js';
import { PayPalUnreachableError } from './client.js';

/*
 * PayPal webhook verification, done locally as PayPal recommends: the signature is RSA
 * SHA-256 over `transmission_id|transmission_time|webhook_id|crc32(raw body)`, checked
 * with the public key of the certificate at PAYPAL-CERT-URL. The certificate is fetched
 * only from PayPal's API hosts (or the configured base URL, i.e. the simulator), over
 * the TLS of those hosts, and cached per URL for an hour. Every header is checked for its
 * shape, and the certificate URL for its host, before anything is fetched: a request that
 * is not PayPal's never makes payments call out.
 */

/** Why a webhook was refused; the reason goes to the log, never to the sender. */
export class WebhookSignatureError extends Error {
  constructor(
    readonly reason: string,
    readonly transmissionId: string | null,
  ) {
    super(`webhook signature invalid: ${reason}`);
    this.name = 'WebhookSignatureError';
  }
}

/** The signed headers of one webhook transmission. */
export interface WebhookTransmission {
  transmissionId: string;
  transmissionTime: string;
  signature: string;
  certUrl: string;
  authAlgorithm: string;
}

/** The hosts PayPal serves webhook certificates from (live and sandbox, classic and `api-m`). */
export const paypalCertHosts: ReadonlySet<string> = new Set([
  'api.paypal.com',
  'api-m.paypal.com',
  'api.sandbox.paypal.com',
  'api-m.sandbox.paypal.com',
]);

/** The only algorithm PayPal signs webhooks with. */
export const paypalAuthAlgorithm = 'SHA256withRSA';

/** Fifteen minutes either way, as a transmission time may differ from ours. */
export const defaultWebhookToleranceMs = 15 * 60_000;

/** A header by name, whatever case the receiver kept it in. */
export function headerOf(headers: Readonly<Record<string, string>>, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return null;
}

/** PayPal's transmission ids are UUIDs; letters, digits and dashes are taken, at most 128. */
const transmissionIdPattern = /^[A-Za-z0-9-]{1,128}$/;
/** Standard base64; an RSA-4096 signature is 684 characters, so 2048 leaves room and no more. */
const signaturePattern = /^[A-Za-z0-9+/]{1,2048}={0,2}$/;
/** e.g. SHA256withRSA. */
const algorithmPattern = /^[A-Za-z0-9-]{1,64}$/;
const maxCertUrlLength = 2048;

/**
 * The signed headers, each present and well-formed, or a `WebhookSignatureError` naming
 * the first that is not. Nothing is fetched for a transmission refused here.
 */
export function transmissionOf(headers: Readonly<Record<string, string>>): WebhookTransmission {
  const idHeader = headerOf(headers, 'paypal-transmission-id')?.trim() ?? null;
  // Only a well-formed id reaches the log with the refusal.
  const transmissionId = idHeader !== null && transmissionIdPattern.test(idHeader) ? idHeader : null;
  const read = (name: string, wellFormed: (value: string) => boolean): string => {
    const value = headerOf(headers, name);
    if (value === null || value.trim() === '') {
      throw new WebhookSignatureError(`the ${name} header is missing`, transmissionId);
    }
    if (!wellFormed(value.trim())) {
      throw new WebhookSignatureError(`the ${name} header is malformed`, transmissionId);
    }
    return value.trim();
  };
  return {
    transmissionId: read('paypal-transmission-id', (value) => transmissionIdPattern.test(value)),
    transmissionTime: read('paypal-transmission-time', (value) => value.length <= 64),
    signature: read('paypal-transmission-sig', (value) => signaturePattern.test(value)),
    certUrl: read('paypal-cert-url', (value) => value.length <= maxCertUrlLength),
    authAlgorithm: read('paypal-auth-algo', (value) => algorithmPattern.test(value)),
  };
}

/** The message PayPal signs: `transmission_id|transmission_time|webhook_id|crc32`, the CRC32 of the raw body as an unsigned decimal. */
export function signedMessageOf(
  transmission: Pick<WebhookTransmission, 'transmissionId' | 'transmissionTime'>,
  webhookId: string,
  body: string,
): string {
  const checksum = crc32(Buffer.from(body, 'utf8'));
  return `${transmission.transmissionId}|${transmission.transmissionTime}|${webhookId}|${checksum}`;
}

/**
 * Whether a certificate may be fetched from this URL: https on one of PayPal's hosts, or
 * anything on the origin of the configured PayPal base URL (the simulator, in tests and
 * the local runtime). Credentials in the URL are never allowed.
 */
export function isAllowedCertUrl(certUrl: string, baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(certUrl);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:' && url.port === '' && paypalCertHosts.has(url.hostname)) return true;
  return url.origin === new URL(baseUrl).origin;
}

/** Why a transmission time is refused (unreadable, or further from now than the tolerance), or null. */
export function transmissionTimeProblem(time: string, now: Date, toleranceMs: number): string | null {
  // RFC 3339 with a zone, as PayPal writes it; Date.parse alone would take local-time forms too.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(time)) {
    return 'the transmission time is not an RFC 3339 time';
  }
  const sentAtMs = Date.parse(time);
  if (Number.isNaN(sentAtMs)) return 'the transmission time is not an RFC 3339 time';
  if (Math.abs(now.getTime() - sentAtMs) > toleranceMs) {
    return 'the transmission time is too far from now';
  }
  return null;
}

/** True when the base64 signature over the message verifies with the RSA key (PKCS#1 v1.5, SHA-256). */
export function signatureVerifies(message: string, signatureBase64: string, publicKey: KeyObject): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureBase64)) return false;
  try {
    return verify('sha256', Buffer.from(message, 'utf8'), publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

export interface PayPalWebhookVerifierOptions {
  /** The id PayPal gave the webhook subscription; it is part of what PayPal signs. */
  webhookId: string;
  /** The configured PayPal API base URL; certificates may also come from its origin. */
  baseUrl: string;
  fetch?: typeof fetch;
  clock?: () => Date;
  /** How far a transmission time may be from now; 15 minutes by default. */
  toleranceMs?: number;
  /** How long fetching a certificate may take. */
  timeoutMs?: number;
}

/** Certificates kept per URL; PayPal has a handful in use, so a small bound is plenty. */
export const maxCachedCertificates = 32;
/** How long a fetched certificate is used before it is fetched again. */
export const certificateTtlMs = 60 * 60_000;
/** A certificate PEM is a few kilobytes; anything much larger is not one. */
const maxCertificateLength = 64 * 1024;

export class PayPalWebhookVerifier {
  private readonly fetch: typeof fetch;
  private readonly clock: () => Date;
  private readonly toleranceMs: number;
  private readonly timeoutMs: number;
  /** By URL, least recently used first; a fetch under way is shared by every webhook that needs it. */
  private readonly certificates = new Map<
    string,
    { certificate: Promise<X509Certificate>; fetchedAtMs: number }
  >();

  constructor(private readonly options: PayPalWebhookVerifierOptions) {
    this.fetch = options.fetch ?? fetch;
    this.clock = options.clock ?? (() => new Date());
    this.toleranceMs = options.toleranceMs ?? defaultWebhookToleranceMs;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /**
   * Resolves with the transmission when the webhook is PayPal's, exactly as sent to this
   * webhook; rejects with a `WebhookSignatureError` otherwise, or a
   * `PayPalUnreachableError` when PayPal's certificate host does not answer, or an
   * `unavailable` AppError when PayPal's circuit breaker is open (nothing was fetched).
   */
  async verify(headers: Readonly<Record<string, string>>, body: string): Promise<WebhookTransmission> {
    const transmission = transmissionOf(headers);
    const refuse = (reason: string) => new WebhookSignatureError(reason, transmission.transmissionId);
    if (transmission.authAlgorithm !== paypalAuthAlgorithm) {
      throw refuse(`the algorithm ${transmission.authAlgorithm} is not ${paypalAuthAlgorithm}`);
    }
    const now = this.clock();
    const timeProblem = transmissionTimeProblem(transmission.transmissionTime, now, this.toleranceMs);
    if (timeProblem !== null) throw refuse(timeProblem);
    if (!isAllowedCertUrl(transmission.certUrl, this.options.baseUrl)) {
      throw refuse('the certificate URL is not on a PayPal host');
    }
    const certificate = await this.certificateAt(transmission.certUrl, transmission.transmissionId);
    if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) {
      throw refuse('the certificate is not valid now');
    }
    const message = signedMessageOf(transmission, this.options.webhookId, body);
    if (!signatureVerifies(message, transmission.signature, certificate.publicKey)) {
      throw refuse('the signature does not verify');
    }
    return transmission;
  }

  private certificateAt(url: string, transmissionId: string): Promise<X509Certificate> {
    const nowMs = this.clock().getTime();
    const cached = this.certificates.get(url);
    this.certificates.delete(url);
    if (cached !== undefined && nowMs - cached.fetchedAtMs < certificateTtlMs) {
      this.certificates.set(url, cached);
      return cached.certificate;
    }
    const entry = { certificate: this.fetchCertificate(url, transmissionId), fetchedAtMs: nowMs };
    // A failed fetch is forgotten, so the next webhook tries again.
    entry.certificate.catch(() => {
      if (this.certificates.get(url) === entry) this.certificates.delete(url);
    });
    this.certificates.set(url, entry);
    if (this.certificates.size > maxCachedCertificates) {
      this.certificates.delete(this.certificates.keys().next().value!);
    }
    return entry.certificate;
  }

  private async fetchCertificate(url: string, transmissionId: string): Promise<X509Certificate> {
    let response: Response;
    let pem: string;
    try {
      // No redirects: a redirect could lead off PayPal's hosts.
      response = await this.fetch(url, { redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs) });
      pem = await response.text();
    } catch (error) {
      if (error instanceof CircuitOpenError) throw paypalUnavailable();
      throw new PayPalUnreachableError(`the webhook certificate at ${url} could not be fetched`, {
        cause: error,
      });
    }
    if (response.status >= 500) {
      throw new PayPalUnreachableError(`the webhook certificate host answered HTTP ${response.status}`);
    }
    if (response.status !== 200 || pem.length > maxCertificateLength) {
      throw new WebhookSignatureError(`the certificate URL answered HTTP ${response.status}`, transmissionId);
    }
    try {
      return new X509Certificate(pem);
    } catch {
      throw new WebhookSignatureError('the certificate URL did not serve a certificate', transmissionId);
    }
  }
}
