import { type ErrorCode, errorCodes } from '@moneypal/kit';

/**
 * What every problem `type` (`/problems/<code>`) resolves to: what the error means and what
 * to do about it, for the developer who met it. Typed over every error code, so a new code
 * does not build without its page.
 */
interface ProblemGuide {
  meaning: string;
  action: string;
}

const problemGuides = {
  validation_failed: {
    meaning:
      'The request does not match its contract: a field is missing, of the wrong type, out of range or unknown.',
    action:
      'Read `errors`: each entry names a field (`path`) and says what to send instead; an unknown field names the one you likely meant. Fix those fields and send the request again.',
  },
  unauthenticated: {
    meaning: 'The request carries no credentials, or wrong ones (a login or a current password).',
    action: 'Log in (POST /v1/auth/login) and send the access token as `Authorization: Bearer <token>`.',
  },
  token_expired: {
    meaning: 'The access or refresh token is well formed but past its expiry.',
    action:
      'Refresh the access token (POST /v1/auth/refresh); when the refresh token has expired too, log in again.',
  },
  token_invalid: {
    meaning: 'The token is malformed, wrongly signed, revoked, reused or unknown.',
    action: 'Log in again to get a new pair of tokens.',
  },
  forbidden: {
    meaning:
      'You are logged in, but your role may not do this at all (an administrator’s route, for example).',
    action: 'Use an account with the role the operation needs, or do not call it.',
  },
  not_found: {
    meaning: 'There is no such path, or no resource with that id that you may see.',
    action: 'Check the path and the id. Resources of other users answer this too, on purpose.',
  },
  wallet_not_found: {
    meaning: 'The wallet named in the path or the body is unknown, or it is not yours.',
    action: 'List your wallets (GET /v1/wallets) and use one of their ids.',
  },
  recipient_not_found: {
    meaning: 'Nobody matches the recipient you named (user name, email, user id or wallet).',
    action: 'Check the spelling of the field `errors` names, or ask the recipient for their user name.',
  },
  recipient_has_no_wallet: {
    meaning: 'The recipient exists but has no wallet in the currency of the money sent.',
    action: 'Send from a wallet in a currency the recipient holds, or ask them to open a wallet in yours.',
  },
  user_not_found: {
    meaning: 'No live user has that id, email or user name, or you may not see them.',
    action: 'Check the value you searched for.',
  },
  method_not_allowed: {
    meaning: 'The path exists but does not answer this HTTP method.',
    action: 'Use one of the methods the `Allow` header lists.',
  },
  request_timeout: {
    meaning: 'The request body did not arrive in time.',
    action: 'Send the request again; with an Idempotency-Key it moves money at most once.',
  },
  conflict: {
    meaning:
      'The request conflicts with the current state: a name already taken, or a stored answer that expired.',
    action:
      'Read `detail`, change what it names (another user name, for example) and send the request again.',
  },
  hold_already_settled: {
    meaning: 'The hold was already captured, voided or expired: only one of them settles it.',
    action: 'Read the hold (its status says how it ended); nothing more can be done with it.',
  },
  payment_request_closed: {
    meaning:
      'The payment request was already paid, declined or cancelled, or it has expired: only one of these ends it, once.',
    action:
      'Read the request (GET /v1/payment-requests/{id}): its `status` says how it ended. To be paid again, create a new request.',
  },
  idempotency_in_flight: {
    meaning: 'A request with the same Idempotency-Key is still being processed.',
    action:
      'Wait a moment and retry with the same key and the same body: you get the first request’s answer.',
  },
  payload_too_large: {
    meaning: 'The request body is larger than the gateway accepts.',
    action: 'Send a smaller body; split a large batch into several requests.',
  },
  unsupported_media_type: {
    meaning: 'The body is not JSON.',
    action: 'Send the body as JSON with `Content-Type: application/json`.',
  },
  idempotency_mismatch: {
    meaning: 'The Idempotency-Key was already used with a different request.',
    action: 'Use a new key for a new request; reuse a key only to retry the very same request.',
  },
  batch_failed: {
    meaning:
      'This transfer of an all-or-nothing batch was not posted because another transfer of the batch failed.',
    action: 'Fix the transfer whose outcome names the cause, then send the whole batch again with new keys.',
  },
  insufficient_funds: {
    meaning: 'The wallet to debit holds less than the amount.',
    action: 'Send a smaller amount, or add money to the wallet first.',
  },
  limit_exceeded: {
    meaning: 'A transaction rule of the wallet’s type refuses it; `limit` names the rule and its figure.',
    action: 'Stay within the rule: a smaller or larger amount, or wait until tomorrow for a daily limit.',
  },
  currency_mismatch: {
    meaning: 'The wallets, or the wallet and the payment, hold different currencies.',
    action: 'Use wallets of the same currency.',
  },
  wallet_frozen: {
    meaning: 'A wallet taking part is frozen or closed, so no money moves in or out of it.',
    action: 'Use another wallet, or ask an administrator why the wallet is not active.',
  },
  credit_not_above_savings: {
    meaning:
      'The wallet’s flat savings plan puts a fixed amount of every credit aside, and this credit is not larger.',
    action: 'Credit more than the flat savings amount, or change the wallet’s savings plan.',
  },
  webhook_signature_invalid: {
    meaning: 'The PayPal webhook’s signature does not verify, so nothing in it is believed.',
    action: 'Check the webhook id and credentials configured for PayPal; PayPal sends it again.',
  },
  payment_not_capturable: {
    meaning: 'The payment is not approved, or is in a state that cannot be captured.',
    action: 'Have the buyer approve it at its approve URL first; a captured payment needs no second capture.',
  },
  payment_not_refundable: {
    meaning: 'The payment is not captured, is already refunded in full, or PayPal refuses the refund.',
    action: 'Read the payment: only captured money that was not refunded yet can be refunded.',
  },
  payment_declined: {
    meaning: 'PayPal declined the payment.',
    action: 'Try another funding source at PayPal, or create a new payment.',
  },
  otp_invalid: {
    meaning: 'The one-time code is wrong; the challenge allows another try.',
    action: 'Enter the latest code sent to you.',
  },
  otp_expired: {
    meaning: 'The one-time code challenge is unknown, past its five minutes, or already used.',
    action: 'Log in again to get a new code.',
  },
  otp_exhausted: {
    meaning: 'Too many wrong one-time codes were tried: the challenge is closed.',
    action: 'Log in again to get a new code.',
  },
  rate_limited: {
    meaning: 'Too many requests in a short time.',
    action: 'Wait as long as the `Retry-After` header says, then try again.',
  },
  headers_too_large: {
    meaning: 'The request headers are larger than the gateway accepts.',
    action: 'Send fewer or shorter headers (cookies included).',
  },
  internal: {
    meaning: 'Something failed on our side; nothing you sent caused it.',
    action: 'Try again later. If it keeps happening, report it with the `request_id` of the answer.',
  },
  bad_gateway: {
    meaning: 'An upstream provider (PayPal) failed, and nothing was changed.',
    action: 'Try again later with the same Idempotency-Key.',
  },
  unavailable: {
    meaning: 'A service or a database does not answer right now.',
    action: 'Try again later with the same Idempotency-Key; nothing moves twice.',
  },
} satisfies Record<ErrorCode, ProblemGuide>;

/** A problem type's page as JSON. */
export interface ProblemPage {
  type: string;
  code: ErrorCode;
  status: number;
  title: string;
  meaning: string;
  action: string;
}

export function problemPageOf(code: ErrorCode): ProblemPage {
  return {
    type: `/problems/${code}`,
    code,
    status: errorCodes[code].status,
    title: errorCodes[code].title,
    ...problemGuides[code],
  };
}

export function problemPages(): ProblemPage[] {
  return (Object.keys(problemGuides) as ErrorCode[]).map(problemPageOf);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Backticked words of a guide as code. */
function proseOf(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)} · MoneyPal API</title>
  </head>
  <body>
    <main>
${body}
    </main>
  </body>
</html>
`;
}

export function problemHtmlOf(page: ProblemPage): string {
  return htmlPage(
    page.title,
    `      <p><a href="/problems">All problem types</a> · <a href="/api/docs">API docs</a></p>
      <h1>${escapeHtml(page.title)}</h1>
      <p>HTTP status <strong>${page.status}</strong>, code <code>${page.code}</code>.</p>
      <h2>What it means</h2>
      <p>${proseOf(page.meaning)}</p>
      <h2>What to do</h2>
      <p>${proseOf(page.action)}</p>`,
  );
}

export function problemIndexHtmlOf(pages: readonly ProblemPage[]): string {
  const items = pages
    .map(
      (page) =>
        `        <li><a href="${page.type}"><code>${page.code}</code></a> (${page.status}): ${escapeHtml(page.title)}</li>`,
    )
    .join('\n');
  return htmlPage(
    'Problem types',
    `      <p><a href="/api/docs">API docs</a></p>
      <h1>Problem types</h1>
      <p>Every error answers an RFC 9457 problem whose <code>type</code> is one of these pages.</p>
      <ul>
${items}
      </ul>`,
  );
}
