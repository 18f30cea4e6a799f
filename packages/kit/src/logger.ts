import { type Logger, pino } from 'pino';
import { activeLogFields } from './observability/tracing.js';

export type { Logger } from 'pino';

/** Paths that must never reach a log line. */
const redactedPaths = [
  'password',
  '*.password',
  'new_password',
  '*.new_password',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'password_hash',
  '*.password_hash',
];

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where lines go; standard output when absent. */
  destination?: pino.DestinationStream;
}

/**
 * Structured JSON logs; every line names its service. A line written while a request or
 * event is handled (see `runInSpan`) also carries its `request_id`, `trace_id` and
 * `span_id`, so one request can be followed through every service's log.
 */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactedPaths, censor: '[redacted]' },
    mixin: activeLogFields,
  };
  return destination ? pino(options, destination) : pino(options);
}
