import { AppError } from '@moneypal/kit';

/** The cookie that carries a browser's refresh token. */
export const refreshCookieName = 'moneypal_refresh';
/** Only the auth routes receive it: no other request carries the refresh token. */
export const refreshCookiePath = '/v1/auth';
/** The header a browser client sends on the cookie-authenticated routes (see `refuseCrossSiteRequest`). */
export const requestedWithHeader = 'X-Requested-With';

/**
 * `HttpOnly` keeps the token from the page's scripts; `Secure` keeps it off plain HTTP (browsers
 * count http://localhost and http://127.0.0.1 as secure, so local runs work); `SameSite=Strict`
 * keeps it off every request another site starts. Without `Max-Age` it lasts until the browser
 * closes; identity's expiry of the token still applies.
 */
const cookieAttributes = `Path=${refreshCookiePath}; HttpOnly; Secure; SameSite=Strict`;

export function refreshCookieOf(refreshToken: string): string {
  return `${refreshCookieName}=${refreshToken}; ${cookieAttributes}`;
}

/** Tells the browser to forget the cookie (logout). */
export const clearedRefreshCookie = `${refreshCookieName}=; ${cookieAttributes}; Max-Age=0`;

/** The refresh token in a request's `Cookie` header, if any. */
export function refreshTokenOfCookies(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator !== -1 && pair.slice(0, separator).trim() === refreshCookieName) {
      const value = pair.slice(separator + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/**
 * Cross-site request forgery defence of the routes a cookie authenticates. A browser sends a
 * custom header (`X-Requested-With`) only from a page of the same origin, since another origin
 * would need a CORS preflight the gateway does not grant; `Sec-Fetch-Site` and `Origin`, when the
 * browser sends them, must also say the request comes from the gateway's own origin. SameSite=Strict
 * already keeps the cookie off cross-site requests: this holds even where a browser ignores it.
 */
export function refuseCrossSiteRequest(headers: Record<string, string>): void {
  const refused = (why: string) =>
    new AppError('forbidden', `A session cookie is only accepted from MoneyPal's own pages: ${why}.`);
  if (headers[requestedWithHeader.toLowerCase()] === undefined) {
    throw refused(`the ${requestedWithHeader} header is missing`);
  }
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw refused(`the request comes from another site (Sec-Fetch-Site: ${fetchSite})`);
  }
  const origin = headers.origin;
  if (origin !== undefined && hostOf(origin) !== headers.host) {
    throw refused('the request comes from another origin');
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
