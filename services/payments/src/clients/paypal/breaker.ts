import {
  type AppError,
  type Breaker,
  type CircuitBreakerSettings,
  circuitBreaker,
  type ServiceMetrics,
} from '@moneypal/kit';
import { paymentsError } from '../../errors.js';

/*
 * The `paypal` circuit breaker: every request to PayPal (API calls, tokens, webhook
 * certificates) goes through one. Network errors, timeouts and 5xx answers count as
 * PayPal failing; any other answer, a declined card or a 429 included, means PayPal is up.
 * While the breaker is open, requests are not sent and callers get 503 `unavailable` at once.
 */

/** A 5xx answer, thrown inside the breaker so that it counts as a failure, then handed back as it is. */
class OutageAnswer extends Error {
  constructor(readonly response: Response) {
    super(`PayPal answered HTTP ${response.status}`);
  }
}

export interface PayPalBreaker {
  /** `fetch` through the breaker; rejects with `CircuitOpenError` without sending while it is open. */
  fetch: typeof fetch;
  breaker: Breaker<[input: string | URL | Request, init?: RequestInit], Response>;
}

export function paypalBreaker(
  fetchPayPal: typeof fetch,
  settings: CircuitBreakerSettings,
  metrics?: ServiceMetrics,
): PayPalBreaker {
  const breaker = circuitBreaker(
    'paypal',
    async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetchPayPal(input, init);
      if (response.status >= 500) throw new OutageAnswer(response);
      return response;
    },
    settings,
    metrics,
  );
  const fetchThroughBreaker = async (input: string | URL | Request, init?: RequestInit) => {
    try {
      return await breaker.fire(input, init);
    } catch (error) {
      if (error instanceof OutageAnswer) return error.response;
      throw error;
    }
  };
  return { fetch: fetchThroughBreaker as typeof fetch, breaker };
}

/** What a PayPal call answers while the `paypal` breaker is open: nothing was sent. */
export function paypalUnavailable(): AppError {
  return paymentsError('unavailable', 'PayPal is failing: the request was not sent to it; try again shortly');
}
