import { randomBytes, timingSafeEqual } from 'node:crypto';
import { paypalIds } from './ids.js';

/**
 * OAuth2 client credentials as PayPal runs them: `POST /v1/oauth2/token` with HTTP Basic
 * client id and secret, answering a bearer token that every other API call carries.
 */

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** PayPal's token answer. */
export interface TokenResponse {
  scope: string;
  access_token: string;
  token_type: 'Bearer';
  app_id: string;
  expires_in: number;
  nonce: string;
}

/** The token endpoint's own error shape (not the REST one). */
export interface TokenErrorBody {
  error: string;
  error_description: string;
}

export const invalidClient: TokenErrorBody = {
  error: 'invalid_client',
  error_description: 'Client Authentication failed',
};

const scopes = [
  'https://uri.paypal.com/services/invoicing',
  'https://uri.paypal.com/services/payments/futurepayments',
  'https://uri.paypal.com/services/payments/refund',
  'https://uri.paypal.com/services/payments/payment/authcapture',
  'https://uri.paypal.com/services/webhooks/webhook',
  'https://api.paypal.com/v1/payments/.*',
  'openid',
].join(' ');

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class TokenIssuer {
  /** Access token → when it expires (ms since the epoch). */
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly credentials: ClientCredentials,
    private readonly lifetimeSeconds: number,
    private readonly clock: () => Date,
  ) {}

  /** Whether an `Authorization: Basic …` header carries this simulator's client id and secret. */
  authenticatesClient(authorization: string | undefined): boolean {
    const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return false;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator < 0) return false;
    // Both compared, so the time taken does not tell which one was wrong.
    const idMatches = sameText(decoded.slice(0, separator), this.credentials.clientId);
    const secretMatches = sameText(decoded.slice(separator + 1), this.credentials.clientSecret);
    return idMatches && secretMatches;
  }

  issue(): TokenResponse {
    const now = this.clock();
    for (const [token, expiresAt] of this.expiries) {
      if (expiresAt <= now.getTime()) this.expiries.delete(token);
    }
    const accessToken = paypalIds.accessToken();
    this.expiries.set(accessToken, now.getTime() + this.lifetimeSeconds * 1000);
    return {
      scope: scopes,
      access_token: accessToken,
      token_type: 'Bearer',
      app_id: 'APP-80W284485P519543T',
      expires_in: this.lifetimeSeconds,
      nonce: `${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}${randomBytes(16).toString('base64url')}`,
    };
  }

  /** Whether an `Authorization: Bearer …` header carries a token this simulator issued and that has not expired. */
  authorizes(authorization: string | undefined): boolean {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return false;
    const expiresAt = this.expiries.get(match[1]!);
    return expiresAt !== undefined && expiresAt > this.clock().getTime();
  }

  /** Ends every issued token now, so a client's next call meets the 401 of an expired token. */
  expireAll(): void {
    this.expiries.clear();
  }
}
