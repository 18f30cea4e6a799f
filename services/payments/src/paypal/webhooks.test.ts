import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PayPalUnreachableError } from './client.js';
import {
  headerOf,
  isAllowedCertUrl,
  PayPalWebhookVerifier,
  signatureVerifies,
  signedMessageOf,
  transmissionOf,
  transmissionTimeProblem,
  WebhookSignatureError,
} from './webhooks.js';

const headers = {
  'PAYPAL-TRANSMISSION-ID': '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
  'paypal-transmission-time': '2030-01-01T00:00:00Z',
  'Paypal-Transmission-Sig': 'c2lnbmF0dXJl',
  'paypal-cert-url': 'https://api.paypal.com/v1/notifications/certs/CERT-1',
  'paypal-auth-algo': 'SHA256withRSA',
};

describe('signedMessageOf', () => {
  it('joins id, time, webhook id and the unsigned decimal CRC32 of the raw body', () => {
    expect(
      signedMessageOf({ transmissionId: 't1', transmissionTime: '2030-01-01T00:00:00Z' }, 'WH1', 'hello'),
    ).toBe('t1|2030-01-01T00:00:00Z|WH1|907060870');
  });

  it('hashes the UTF-8 bytes, so one changed byte changes the message', () => {
    const transmission = { transmissionId: 't', transmissionTime: 'x' };
    expect(signedMessageOf(transmission, 'W', '{"a":"é"}')).not.toBe(
      signedMessageOf(transmission, 'W', '{"a":"e"}'),
    );
    // A CRC32 above 2^31 stays positive (unsigned), as PayPal writes it.
    expect(signedMessageOf(transmission, 'W', 'a').split('|')[3]).toBe('3904355907');
  });
});

describe('transmissionOf', () => {
  it('reads the signed headers whatever their case', () => {
    expect(transmissionOf(headers)).toEqual({
      transmissionId: '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
      transmissionTime: '2030-01-01T00:00:00Z',
      signature: 'c2lnbmF0dXJl',
      certUrl: 'https://api.paypal.com/v1/notifications/certs/CERT-1',
      authAlgorithm: 'SHA256withRSA',
    });
    expect(headerOf(headers, 'PAYPAL-AUTH-ALGO')).toBe('SHA256withRSA');
  });

  it('refuses a missing or empty header, naming it', () => {
    const { 'paypal-cert-url': _cert, ...withoutCert } = headers;
    expect(() => transmissionOf(withoutCert)).toThrow(/paypal-cert-url/);
    expect(() => transmissionOf({ ...headers, 'Paypal-Transmission-Sig': ' ' })).toThrow(
      WebhookSignatureError,
    );
  });
});

describe('isAllowedCertUrl', () => {
  const base = 'https://api-m.sandbox.paypal.com';

  it('allows https on PayPal’s API hosts, live and sandbox', () => {
    for (const host of [
      'api.paypal.com',
      'api-m.paypal.com',
      'api.sandbox.paypal.com',
      'api-m.sandbox.paypal.com',
    ]) {
      expect(isAllowedCertUrl(`https://${host}/v1/notifications/certs/CERT-1`, base)).toBe(true);
    }
  });

  it('allows the configured base URL’s origin (the simulator), and nothing else', () => {
    const simulator = 'http://127.0.0.1:4010';
    expect(isAllowedCertUrl('http://127.0.0.1:4010/v1/notifications/certs/CERT-1', simulator)).toBe(true);
    expect(isAllowedCertUrl('http://127.0.0.1:4011/v1/notifications/certs/CERT-1', simulator)).toBe(false);
    expect(isAllowedCertUrl('http://api.paypal.com/v1/notifications/certs/CERT-1', base)).toBe(false);
    expect(isAllowedCertUrl('https://api.paypal.com.evil.example/cert', base)).toBe(false);
    expect(isAllowedCertUrl('https://evilpaypal.com/cert', base)).toBe(false);
    expect(isAllowedCertUrl('https://www.paypal.com/cert', base)).toBe(false);
    expect(isAllowedCertUrl('https://api.paypal.com:8443/cert', base)).toBe(false);
    expect(isAllowedCertUrl('https://user:pw@api.paypal.com/cert', base)).toBe(false);
    expect(isAllowedCertUrl('not a url', base)).toBe(false);
  });
});

describe('transmissionTimeProblem', () => {
  const now = new Date('2030-01-01T00:15:00Z');
  const toleranceMs = 15 * 60_000;

  it('accepts a time within the tolerance either way', () => {
    expect(transmissionTimeProblem('2030-01-01T00:00:00Z', now, toleranceMs)).toBeNull();
    expect(transmissionTimeProblem('2030-01-01T00:30:00.000Z', now, toleranceMs)).toBeNull();
    expect(transmissionTimeProblem('2030-01-01T01:15:00+01:00', now, toleranceMs)).toBeNull();
  });

  it('refuses a time too far away, or not RFC 3339', () => {
    expect(transmissionTimeProblem('2029-12-31T23:59:59Z', now, toleranceMs)).toMatch(/too far/);
    expect(transmissionTimeProblem('2030-01-01T00:30:01Z', now, toleranceMs)).toMatch(/too far/);
    expect(transmissionTimeProblem('2030-01-01 00:15:00', now, toleranceMs)).toMatch(/RFC 3339/);
    expect(transmissionTimeProblem('1893456000', now, toleranceMs)).toMatch(/RFC 3339/);
  });
});

describe('signatureVerifies', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const message = 't1|2030-01-01T00:00:00Z|WH1|907060870';
  const signature = sign('sha256', Buffer.from(message), privateKey).toString('base64');

  it('verifies an RSA SHA-256 signature of the message', () => {
    expect(signatureVerifies(message, signature, publicKey)).toBe(true);
  });

  it('refuses another message, another key, or a signature that is not base64', () => {
    expect(signatureVerifies(`${message}0`, signature, publicKey)).toBe(false);
    expect(signatureVerifies(message, signature, other.publicKey)).toBe(false);
    expect(signatureVerifies(message, 'not base64!', publicKey)).toBe(false);
    expect(signatureVerifies(message, '', publicKey)).toBe(false);
  });
});

describe('PayPalWebhookVerifier', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const verifierWith = (fetchCertificate: () => Response | Error) => {
    let fetched = 0;
    const verifier = new PayPalWebhookVerifier({
      webhookId: 'WH1',
      baseUrl: 'https://api-m.sandbox.paypal.com',
      clock: () => now,
      fetch: (async () => {
        fetched += 1;
        const outcome = fetchCertificate();
        if (outcome instanceof Error) throw outcome;
        return outcome;
      }) as typeof fetch,
    });
    return { verifier, fetched: () => fetched };
  };

  it('refuses another algorithm, a stale time or a foreign certificate host before fetching anything', async () => {
    const { verifier, fetched } = verifierWith(() => new Response('', { status: 200 }));
    await expect(verifier.verify({ ...headers, 'paypal-auth-algo': 'SHA1withRSA' }, '{}')).rejects.toThrow(
      /algorithm/,
    );
    await expect(
      verifier.verify({ ...headers, 'paypal-transmission-time': '2029-12-31T23:00:00Z' }, '{}'),
    ).rejects.toThrow(/too far/);
    await expect(
      verifier.verify({ ...headers, 'paypal-cert-url': 'https://evil.example/cert.pem' }, '{}'),
    ).rejects.toThrow(/not on a PayPal host/);
    expect(fetched()).toBe(0);
  });

  it('refuses a certificate URL that serves no certificate, and retries it on the next webhook', async () => {
    const { verifier, fetched } = verifierWith(() => new Response('not a certificate', { status: 200 }));
    const refusal = await verifier.verify(headers, '{}').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(WebhookSignatureError);
    expect(refusal).toMatchObject({ transmissionId: headers['PAYPAL-TRANSMISSION-ID'] });
    await expect(verifier.verify(headers, '{}')).rejects.toThrow(/did not serve a certificate/);
    expect(fetched()).toBe(2);

    const missing = verifierWith(() => new Response('nope', { status: 404 }));
    await expect(missing.verifier.verify(headers, '{}')).rejects.toThrow(/HTTP 404/);
  });

  it('reports PayPal’s certificate host failing as unreachable, not as a bad signature', async () => {
    const down = verifierWith(() => new Response('', { status: 503 }));
    await expect(down.verifier.verify(headers, '{}')).rejects.toBeInstanceOf(PayPalUnreachableError);
    const offline = verifierWith(() => new TypeError('fetch failed'));
    await expect(offline.verifier.verify(headers, '{}')).rejects.toBeInstanceOf(PayPalUnreachableError);
  });
});
