import {
  type CircuitBreakerOptions,
  circuitBreaker,
  defaultCircuitBreakerOptions,
  type Logger,
  type ServiceMetrics,
} from '@moneypal/kit';
import type {
  ChannelBreaker,
  EmailTransport,
  OutgoingEmail,
  OutgoingSms,
  SmsProvider,
} from '../services/dispatch.service.js';

/*
 * The `smtp` and `sms` circuit breakers: every email to the SMTP server and every SMS to
 * the provider goes through one. While a breaker is open, messages are not handed over:
 * `send` rejects with the kit's `CircuitOpenError` at once, and the dispatcher keeps them
 * pending for later without counting an attempt.
 */

/** An error's SMTP reply code (nodemailer's `responseCode`), when the server answered. */
function smtpReplyCode(error: unknown): number | undefined {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Whether an SMTP failure says the server is unwell: no answer at all (refused, reset, timed
 * out) or a transient 4xx reply (421 closing, 45x try later). A permanent 5xx refusal of one
 * recipient or message (550 and the like) means the server works.
 */
export function isSmtpOutage(error: unknown): boolean {
  const reply = smtpReplyCode(error);
  return reply === undefined || (reply >= 400 && reply < 500);
}

/**
 * Whether an SMS provider's failure says it is unwell: anything but an HTTP 4xx answer
 * (`status`) refusing that message; a 429 (too many requests) counts as unwell.
 */
export function isSmsOutage(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status < 400 || status >= 500 || status === 429;
}

interface BreakerWiring {
  settings: Partial<CircuitBreakerOptions> | undefined;
  logger: Logger;
  metrics: ServiceMetrics | undefined;
}

function channelBreaker<Args extends unknown[], Result>(
  name: 'smtp' | 'sms',
  fn: (...args: Args) => Promise<Result>,
  isOutage: (error: unknown) => boolean,
  { settings = {}, logger, metrics }: BreakerWiring,
) {
  const resetMs = settings.resetMs ?? defaultCircuitBreakerOptions.resetMs;
  const breaker = circuitBreaker(
    name,
    fn,
    {
      ...settings,
      isOutage,
      // Once per change of state, not once per message refused.
      onStateChange: (state) => {
        const fields = { breaker: name, state };
        if (state === 'open') {
          logger.warn({ ...fields, reset_ms: resetMs }, `${name} circuit breaker opened: messages wait`);
        } else if (state === 'half-open') {
          logger.info(fields, `${name} circuit breaker half-open: one message probes`);
        } else {
          logger.info(fields, `${name} circuit breaker closed: messages are sent again`);
        }
      },
    },
    metrics,
  );
  const channel: ChannelBreaker = {
    get state() {
      return breaker.state;
    },
    resetMs,
    shutdown: () => breaker.shutdown(),
  };
  return { breaker, channel };
}

/** The SMTP transport with every send through the `smtp` breaker. */
export function smtpBreaker(
  transport: EmailTransport,
  wiring: BreakerWiring,
): { email: EmailTransport; breaker: ChannelBreaker } {
  const { breaker, channel } = channelBreaker(
    'smtp',
    (email: OutgoingEmail) => transport.send(email),
    isSmtpOutage,
    wiring,
  );
  return {
    email: { mode: transport.mode, send: (email) => breaker.fire(email), close: () => transport.close() },
    breaker: channel,
  };
}

/** The SMS provider with every send through the `sms` breaker. */
export function smsBreaker(
  provider: SmsProvider,
  wiring: BreakerWiring,
): { sms: SmsProvider; breaker: ChannelBreaker } {
  const { breaker, channel } = channelBreaker(
    'sms',
    (message: OutgoingSms) => provider.send(message),
    isSmsOutage,
    wiring,
  );
  return { sms: { name: provider.name, send: (message) => breaker.fire(message) }, breaker: channel };
}
