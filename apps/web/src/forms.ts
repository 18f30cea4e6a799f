import { ApiError } from './api/client';
import { sentenceOf } from './api/errors';

/** A message per field that needs fixing; fields without one are fine. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

export function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}

/**
 * The server's field errors (`errors[].path`) placed on the form's fields, in sentences;
 * `aliases` name the field of a path that differs from it (`to_user` → `recipient`). Errors
 * of paths the form has no field for are returned apart, for the form-level message.
 */
export function serverFieldErrors<Field extends string>(
  error: unknown,
  fields: readonly Field[],
  aliases: Readonly<Record<string, Field>> = {},
): { fields: FieldErrors<Field>; others: string[] } {
  const placed: FieldErrors<Field> = {};
  const others: string[] = [];
  if (!(error instanceof ApiError)) return { fields: placed, others };
  for (const problem of error.fieldErrors) {
    const root = problem.path.split('.')[0] ?? '';
    const field = aliases[root] ?? (fields as readonly string[]).find((name) => name === root);
    if (field === undefined) {
      // The API writes a message as a sentence about its field; an older one as a predicate of it.
      const sentence = /^[A-Z]/.test(problem.message)
        ? `${problem.path}: ${problem.message}`
        : `${problem.path} ${problem.message}`;
      others.push(sentenceOf(problem.path === '' ? problem.message : sentence));
    } else {
      placed[field as Field] ??= sentenceOf(problem.message);
    }
  }
  return { fields: placed, others };
}

export interface RegistrationValues {
  first_name: string;
  last_name: string;
  user_name: string;
  email: string;
  password: string;
  phone: string;
}

export type RegistrationField = keyof RegistrationValues;
export const registrationFields: readonly RegistrationField[] = [
  'first_name',
  'last_name',
  'user_name',
  'email',
  'password',
  'phone',
];

/**
 * The checks a browser can make before asking the server, with the server's rules (the
 * contract's `registerBody`); the server still has the last word, uniqueness included.
 */
export function validateRegistration(values: RegistrationValues): FieldErrors<RegistrationField> {
  const errors: FieldErrors<RegistrationField> = {};
  if (values.first_name.trim() === '') errors.first_name = 'Enter your first name.';
  else if (values.first_name.trim().length > 100) errors.first_name = 'Use at most 100 characters.';
  if (values.last_name.trim() === '') errors.last_name = 'Enter your last name.';
  else if (values.last_name.trim().length > 100) errors.last_name = 'Use at most 100 characters.';
  const userName = values.user_name.trim();
  if (userName === '') errors.user_name = 'Choose a user name.';
  else if (userName.length < 3 || userName.length > 32) errors.user_name = 'Use 3 to 32 characters.';
  else if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(userName)) {
    errors.user_name = 'Use letters, digits, ".", "_" and "-", starting with a letter or digit.';
  }
  const email = values.email.trim();
  if (email === '') errors.email = 'Enter your email address.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    errors.email = 'Enter an email address such as ana@example.com.';
  if (values.password.length < 10) errors.password = 'Use at least 10 characters.';
  else if (values.password.length > 128) errors.password = 'Use at most 128 characters.';
  const phone = values.phone.trim();
  if (phone !== '' && !/^\+[1-9]\d{6,14}$/.test(phone)) {
    errors.phone = 'Enter the number with its country code, such as +14155550123, or leave it empty.';
  }
  return errors;
}

/** The registration body: trimmed, and without the phone when none was given. */
export function registrationBodyOf(values: RegistrationValues) {
  const phone = values.phone.trim();
  return {
    first_name: values.first_name.trim(),
    last_name: values.last_name.trim(),
    user_name: values.user_name.trim(),
    email: values.email.trim(),
    password: values.password,
    ...(phone === '' ? {} : { phone }),
  };
}

/** A recipient (user name or email) as the API takes it. */
export function validateRecipient(recipient: string): string | undefined {
  const trimmed = recipient.trim();
  if (trimmed === '') return 'Enter their user name or email.';
  if (trimmed.length > 254) return 'That is too long for a user name or email.';
  return undefined;
}

export function validateDescription(description: string): string | undefined {
  return description.trim().length > 500 ? 'Use at most 500 characters.' : undefined;
}
