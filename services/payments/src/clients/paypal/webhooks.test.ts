import { generateKeyPairSync, sign } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { PayPalUnreachableError } from './client.js';
import {
  certificateTtlMs,
  headerOf,
  isAllowedCertUrl,
  maxCachedCertificates,
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

/** A self-signed certificate valid from 2026 to 2126: its key signed none of the test webhooks. */
const certificatePem = `-----BEGIN CERTIFICATE-----
MIIDWzCCAkOgAwIBAgIUaIiehh3E9BJcib5CrEYnvfBbTAowDQYJKoZIhvcNAQEL
BQAwPDEnMCUGA1UEAwweV2ViaG9vayBjZXJ0aWZpY2F0ZSBjYWNoZSB0ZXN0MREw
DwYDVQQKDAhNb25leVBhbDAgFw0yNjEyMDcxMjIyNDBaGA8yMTI2MTExMzEyMjI0
MFowPDEnMCUGA1UEAwweV2ViaG9vayBjZXJ0aWZpY2F0ZSBjYWNoZSB0ZXN0MREw
DwYDVQQKDAhNb25leVBhbDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEB
ALeAzjcFMvxmZGzFnVs67xslfWPjzyFkj2+/tmBiIS+89UntqF5+/F4kxCPegWEs
eN1KKnjlOqLU323u1kaXVtUjLVPnB3BRO+mALXWzeIKRdyKVoOWlFp1A6emN4Gn7
t4hp57VuZ4VYzQ4HsdwkoEGnXh+MLys2gpeXG+BU4kQ3VsCYz/fEiVwHVL+m+Dv+
DMr19zH5keYpynTm4qz3UnNC0p3b+M1qtFhaK9OpGBaMFc0aODdgbH5H55vp2HvR
hM9vZhROGFwQtXGM/RzWcm9u/8bTs8Ssbx4cdr9EyqUE7wiWEfMH2iOeCWUg2QN7
iT2100Sl519v6sESTIdbjVsCAwEAAaNTMFEwHQYDVR0OBBYEFE8n9wVh7TrnqWZs
QD/3R/bUIjB+MB8GA1UdIwQYMBaAFE8n9wVh7TrnqWZsQD/3R/bUIjB+MA8GA1Ud
EwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAJFCknk2obTmUI7a29suv2Gb
CsMigaDEvM8lqcIWSTwNi46igP6bfm+j8QIlnFw/oTsO9QX4AtiUJBdoBhF6DM5p
obeeBn5jy376peHf+AjQleFyTpKftpgIXAsHRgHLXaHDWL6o0TXYaMkqDentxatd
5febQmijFbqoT++uYbKsBB0040jWi85T5D6o8q+2GseTJ4tcGLYNajzJoAPpFFJQ
FeB2lZvhvjlLJKVldNxGg+JP/XrB8lDIh7n51vGxbCmjJJ0QwrXzSxVO2pz0u8Ii
rhVjhA9CCnqjNtYo5vuqHNNhgtRKVCUqyR2LIKfvp7UNDCu7Bj1N9v4CmKMhXis=
-----END CERTIFICATE-----
`;

describe('PayPalWebhookVerifier: what is checked before any fetch', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  let fetched = 0;
  beforeEach(() => {
    fetched = 0;
  });
  const verifier = new PayPalWebhookVerifier({
    webhookId: 'WH1',
    baseUrl: 'https://api-m.sandbox.paypal.com',
    clock: () => now,
    fetch: (async () => {
      fetched += 1;
      return new Response(certificatePem);
    }) as typeof fetch,
  });

  it.each([
    [
      'a transmission id that is not an id',
      { 'PAYPAL-TRANSMISSION-ID': 'id with spaces' },
      /transmission-id header is malformed/,
    ],
    [
      'a transmission id too long',
      { 'PAYPAL-TRANSMISSION-ID': 'a'.repeat(129) },
      /transmission-id header is malformed/,
    ],
    [
      'a signature that is not base64',
      { 'Paypal-Transmission-Sig': 'c2ln*bmF0dXJl' },
      /transmission-sig header is malformed/,
    ],
    [
      'a signature far too long',
      { 'Paypal-Transmission-Sig': 'A'.repeat(4096) },
      /transmission-sig header is malformed/,
    ],
    [
      'an algorithm that is no name',
      { 'paypal-auth-algo': 'SHA256 with RSA' },
      /auth-algo header is malformed/,
    ],
    ['a time that is not ISO 8601', { 'paypal-transmission-time': '1 Jan 2030' }, /RFC 3339/],
    [
      'a certificate URL far too long',
      { 'paypal-cert-url': `https://api.paypal.com/${'c'.repeat(3000)}` },
      /cert-url header is malformed/,
    ],
    [
      'a certificate URL over http',
      { 'paypal-cert-url': 'http://api.paypal.com/v1/notifications/certs/CERT-1' },
      /not on a PayPal host/,
    ],
    [
      'a certificate URL on a look-alike host',
      { 'paypal-cert-url': 'https://api.paypal.com.example/c' },
      /not on a PayPal host/,
    ],
  ])('refuses %s without fetching', async (_case, change, reason) => {
    await expect(verifier.verify({ ...headers, ...change }, '{}')).rejects.toThrow(reason);
    expect(fetched).toBe(0);
  });

  it('keeps a malformed transmission id out of the refusal', async () => {
    const refusal = await verifier
      .verify({ ...headers, 'PAYPAL-TRANSMISSION-ID': 'x\ny', 'paypal-auth-algo': '' }, '{}')
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({ transmissionId: null });
  });
});

describe('PayPalWebhookVerifier: the certificate cache', () => {
  function cachingVerifier() {
    const clock = { now: new Date('2030-01-01T00:00:00Z') };
    const fetches: string[] = [];
    let release: () => void = () => undefined;
    let held: Promise<void> = Promise.resolve();
    const verifier = new PayPalWebhookVerifier({
      webhookId: 'WH1',
      baseUrl: 'https://api-m.sandbox.paypal.com',
      clock: () => clock.now,
      // A transmission time always within the tolerance of the moving clock.
      toleranceMs: 10 * 365 * 86_400_000,
      fetch: (async (url: string | URL | Request) => {
        fetches.push(String(url));
        await held;
        return new Response(certificatePem);
      }) as typeof fetch,
    });
    const hold = () => {
      held = new Promise((resolve) => {
        release = resolve;
      });
    };
    const verifyWith = (certUrl: string) =>
      verifier.verify({ ...headers, 'paypal-cert-url': certUrl }, '{}').catch((error: unknown) => error);
    return { clock, fetches, verifyWith, hold, release: () => release() };
  }
  const certUrl = (index: number) => `https://api-m.paypal.com/v1/notifications/certs/CERT-${index}`;

  it('fetches a certificate once for many webhooks, concurrent ones sharing the fetch', async () => {
    const { fetches, verifyWith, hold, release } = cachingVerifier();
    hold();
    const concurrent = Promise.all(Array.from({ length: 5 }, () => verifyWith(certUrl(1))));
    release();
    // The key of this certificate signed none of them: each is refused after the one fetch.
    for (const refusal of await concurrent)
      expect(refusal).toMatchObject({ reason: 'the signature does not verify' });
    await verifyWith(certUrl(1));
    expect(fetches).toEqual([certUrl(1)]);
  });

  it('fetches a certificate again after an hour', async () => {
    const { clock, fetches, verifyWith } = cachingVerifier();
    await verifyWith(certUrl(1));
    clock.now = new Date(clock.now.getTime() + certificateTtlMs - 1);
    await verifyWith(certUrl(1));
    expect(fetches).toHaveLength(1);
    clock.now = new Date(clock.now.getTime() + 2);
    await verifyWith(certUrl(1));
    expect(fetches).toHaveLength(2);
  });

  it('keeps the most recently used certificates, at most 32', async () => {
    const { fetches, verifyWith } = cachingVerifier();
    for (let index = 0; index < maxCachedCertificates; index++) await verifyWith(certUrl(index));
    await verifyWith(certUrl(0));
    await verifyWith(certUrl(maxCachedCertificates));
    expect(fetches).toHaveLength(maxCachedCertificates + 1);
    // Certificate 0 was used last but one, so certificate 1 made room for the newcomer.
    await verifyWith(certUrl(0));
    expect(fetches).toHaveLength(maxCachedCertificates + 1);
    await verifyWith(certUrl(1));
    expect(fetches).toHaveLength(maxCachedCertificates + 2);
  });
});
