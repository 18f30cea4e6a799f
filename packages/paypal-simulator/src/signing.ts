import { KeyObject, sign, verify, webcrypto, X509Certificate } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { paypalIds } from './ids.js';

/**
 * PayPal signs each webhook transmission with RSA-SHA256 over
 * `transmission_id|transmission_time|webhook_id|crc32(body)` and publishes the X.509
 * certificate of the key at PAYPAL-CERT-URL. The simulator does the same with a key and
 * a self-signed certificate of its own.
 */

export interface SigningIdentity {
  /** The last path segment of the certificate URL (`CERT-…`). */
  certId: string;
  certificatePem: string;
  /** Base64 RSA-SHA256 signature of `message`. */
  sign(message: string): string;
  verify(message: string, signatureBase64: string): boolean;
}

/** The text PayPal signs: the CRC32 is of the exact body bytes, as an unsigned decimal. */
export function transmissionMessage(
  transmissionId: string,
  transmissionTime: string,
  webhookId: string,
  body: string,
): string {
  return `${transmissionId}|${transmissionTime}|${webhookId}|${crc32(Buffer.from(body, 'utf8'))}`;
}

/** RSA 2048 with SHA-256 (PKCS#1 v1.5): PayPal's SHA256withRSA. */
const rsaAlgorithm = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

const dayMs = 86_400_000;

async function createSigningIdentity(): Promise<SigningIdentity> {
  // @peculiar/x509 registers its classes through tsyringe, which needs the metadata API first.
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const keys = (await webcrypto.subtle.generateKey(rsaAlgorithm, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=PayPal sandbox simulator webhook signing (no real money), O=MoneyPal',
    notBefore: new Date(now - dayMs),
    notAfter: new Date(now + 365 * dayMs),
    signingAlgorithm: rsaAlgorithm,
    keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
  });
  const certificatePem = certificate.toString('pem');
  const privateKey = KeyObject.from(keys.privateKey);
  const publicKey = new X509Certificate(certificatePem).publicKey;
  return {
    certId: paypalIds.certificate(),
    certificatePem,
    sign: (message) => sign('sha256', Buffer.from(message, 'utf8'), privateKey).toString('base64'),
    verify: (message, signatureBase64) =>
      verify('sha256', Buffer.from(message, 'utf8'), publicKey, Buffer.from(signatureBase64, 'base64')),
  };
}

let identity: Promise<SigningIdentity> | undefined;

/**
 * One key and certificate per process, made on first use: an RSA key takes up to a second
 * to generate, and test suites start many simulators.
 */
export function loadSigningIdentity(): Promise<SigningIdentity> {
  identity ??= createSigningIdentity().catch((error: unknown) => {
    identity = undefined;
    throw error;
  });
  return identity;
}
