import { type Logger, pino } from 'pino';

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

/** Structured JSON logs; every line names its service, and request-scoped children add `request_id`. */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactedPaths, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
