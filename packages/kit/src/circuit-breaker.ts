import CircuitBreaker from 'opossum';
import { z } from 'zod';
import type { Counter, Gauge, ServiceMetrics } from './observability/metrics.js';

/*
 * Circuit breakers around the calls to systems outside MoneyPal (PayPal, SMTP, the SMS
 * provider), on opossum. While an outside system fails, its breaker opens and callers
 * are refused at once instead of each waiting for its own timeout; after `resetMs` one
 * call is let through (half-open), and its success closes the breaker again.
 */

export type CircuitState = 'closed' | 'half-open' | 'open';

/** The value of `circuit_breaker_state` for each state. */
export const circuitStateValues: Readonly<Record<CircuitState, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};

export interface CircuitBreakerOptions {
  /** The breaker opens when more than this share of the calls in the window failed (percent). */
  errorPercent: number;
  /** The fewest calls in the window before the breaker may open. */
  volume: number;
  /** How long the breaker stays open before one probe call is let through. */
  resetMs: number;
  /** The rolling window the error share is measured over. */
  windowMs: number;
}

export const defaultCircuitBreakerOptions: CircuitBreakerOptions = {
  errorPercent: 50,
  volume: 5,
  resetMs: 30_000,
  windowMs: 10_000,
};

/** Refused without calling: the breaker is open (or its half-open probe is under way). */
export class CircuitOpenError extends Error {
  constructor(readonly breaker: string) {
    super(`the ${breaker} circuit breaker is open: the call was not made`);
    this.name = 'CircuitOpenError';
  }
}

export interface Breaker<Args extends unknown[], Result> {
  readonly name: string;
  /** Calls through the breaker; rejects with `CircuitOpenError` at once while it is open. */
  fire(...args: Args): Promise<Result>;
  readonly state: CircuitState;
  /** Stops its timers; the breaker refuses every call afterwards. */
  shutdown(): void;
}

export interface CircuitBreakerSettings extends Partial<CircuitBreakerOptions> {
  /**
   * Whether a failure says the outside system is unwell (a network error, a timeout, a
   * 5xx); only those count toward opening. A business refusal (a declined card, a 4xx)
   * does not. Every failure counts by default.
   */
  isOutage?: (error: unknown) => boolean;
  /** Told each time the breaker opens, turns half-open or closes, e.g. to log it once. */
  onStateChange?: (state: CircuitState) => void;
}

interface BreakerSeries {
  state: Gauge<'breaker'>;
  rejected: Counter<'breaker'>;
}

const seriesByMetrics = new WeakMap<ServiceMetrics, BreakerSeries>();

/** The breaker series of a service, registered once however many breakers it has. */
function breakerSeriesOf(metrics: ServiceMetrics): BreakerSeries {
  let series = seriesByMetrics.get(metrics);
  if (series === undefined) {
    series = {
      state: metrics.gauge({
        name: 'circuit_breaker_state',
        help: 'State of a circuit breaker around an outside system: 0 closed, 1 half-open, 2 open.',
        labelNames: ['breaker'],
      }),
      rejected: metrics.counter({
        name: 'circuit_breaker_rejected_calls_total',
        help: 'Calls refused without being made because their circuit breaker was open.',
        labelNames: ['breaker'],
      }),
    };
    seriesByMetrics.set(metrics, series);
  }
  return series;
}

/**
 * A circuit breaker named `name` around `fn`. Its state is the gauge
 * `circuit_breaker_state{breaker}` and its refusals the counter
 * `circuit_breaker_rejected_calls_total{breaker}` of `metrics`, when given.
 */
export function circuitBreaker<Args extends unknown[], Result>(
  name: string,
  fn: (...args: Args) => Promise<Result>,
  settings: CircuitBreakerSettings = {},
  metrics?: ServiceMetrics,
): Breaker<Args, Result> {
  const options = { ...defaultCircuitBreakerOptions, ...definedOf(settings) };
  const isOutage = settings.isOutage ?? (() => true);
  const breaker = new CircuitBreaker(fn, {
    name,
    // The callers' own clients time out; a second timer here would only race them.
    timeout: false,
    errorThresholdPercentage: options.errorPercent,
    volumeThreshold: options.volume,
    resetTimeout: options.resetMs,
    rollingCountTimeout: options.windowMs,
    rollingCountBuckets: 10,
    enableSnapshots: false,
    // A filtered error is no outage: it does not count, and it closes a half-open breaker.
    errorFilter: (error: unknown) => !isOutage(error),
  });
  const series = metrics === undefined ? undefined : breakerSeriesOf(metrics);
  const stateOf = (): CircuitState => (breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed');
  const show = () => series?.state.set({ breaker: name }, circuitStateValues[stateOf()]);
  const change = () => {
    show();
    settings.onStateChange?.(stateOf());
  };
  breaker.on('open', change);
  breaker.on('halfOpen', change);
  breaker.on('close', change);
  breaker.on('reject', () => series?.rejected.inc({ breaker: name }));
  show();
  series?.rejected.inc({ breaker: name }, 0);

  return {
    name,
    get state() {
      return stateOf();
    },
    async fire(...args: Args): Promise<Result> {
      try {
        return await breaker.fire(...args);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'EOPENBREAKER' || breaker.isShutdown) {
          throw new CircuitOpenError(name);
        }
        throw error;
      }
    },
    shutdown() {
      breaker.shutdown();
    },
  };
}

function definedOf(settings: Partial<CircuitBreakerOptions>): Partial<CircuitBreakerOptions> {
  const { errorPercent, volume, resetMs, windowMs } = settings;
  return Object.fromEntries(
    Object.entries({ errorPercent, volume, resetMs, windowMs }).filter(([, value]) => value !== undefined),
  );
}

const breakerNumber = (name: string, minimum: number, maximum: number, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(minimum, `${name} must be at least ${minimum}`)
    .max(maximum, `${name} must be at most ${maximum}`)
    .default(fallback);

/**
 * The variables of one breaker, `<PREFIX>_BREAKER_ERROR_PERCENT`, `_VOLUME`, `_RESET_MS`
 * and `_WINDOW_MS`, each with its default: merge them into a service's environment schema
 * and read them with `circuitBreakerOptionsOf`.
 */
export function circuitBreakerEnvironment<Prefix extends string>(prefix: Prefix) {
  const defaults = defaultCircuitBreakerOptions;
  return {
    [`${prefix}_BREAKER_ERROR_PERCENT`]: breakerNumber(
      `${prefix}_BREAKER_ERROR_PERCENT`,
      1,
      100,
      defaults.errorPercent,
    ),
    [`${prefix}_BREAKER_VOLUME`]: breakerNumber(`${prefix}_BREAKER_VOLUME`, 1, 10_000, defaults.volume),
    [`${prefix}_BREAKER_RESET_MS`]: breakerNumber(
      `${prefix}_BREAKER_RESET_MS`,
      100,
      3_600_000,
      defaults.resetMs,
    ),
    [`${prefix}_BREAKER_WINDOW_MS`]: breakerNumber(
      `${prefix}_BREAKER_WINDOW_MS`,
      1_000,
      3_600_000,
      defaults.windowMs,
    ),
  } as Record<
    `${Prefix}_BREAKER_${'ERROR_PERCENT' | 'VOLUME' | 'RESET_MS' | 'WINDOW_MS'}`,
    z.ZodDefault<z.ZodCoercedNumber>
  >;
}

export function circuitBreakerOptionsOf(
  env: Readonly<Record<string, unknown>>,
  prefix: string,
): CircuitBreakerOptions {
  return {
    errorPercent: env[`${prefix}_BREAKER_ERROR_PERCENT`] as number,
    volume: env[`${prefix}_BREAKER_VOLUME`] as number,
    resetMs: env[`${prefix}_BREAKER_RESET_MS`] as number,
    windowMs: env[`${prefix}_BREAKER_WINDOW_MS`] as number,
  };
}
