import { AppError, type ErrorCode, type ErrorDetails } from '@moneypal/kit';

/**
 * Every error code the notifications service answers with, and what it means here. Codes
 * and their HTTP statuses are defined once in the kit; this list is the service's closed
 * subset.
 */
export const notificationsErrorCodes = {
  validation_failed: 'the request does not match its contract, or a cursor is not one this list gave',
  not_found: 'no message of the actor has this id (another user’s message is never revealed)',
  unavailable: 'the notifications database does not answer',
} as const satisfies Partial<Record<ErrorCode, string>>;

export type NotificationsErrorCode = keyof typeof notificationsErrorCodes;

/** An `AppError` whose code is one this service is documented to answer with. */
export function notificationsError(
  code: NotificationsErrorCode,
  message: string,
  details?: ErrorDetails,
): AppError {
  return new AppError(code, message, details);
}
