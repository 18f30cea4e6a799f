import { ApiError } from './api/client';
import { sentenceOf } from './api/errors';
import { i18n } from './i18n';

const t = i18n.getFixedT(null, 'forms');

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
  if (values.first_name.trim() === '') errors.first_name = t('firstNameMissing');
  else if (values.first_name.trim().length > 100) errors.first_name = t('atMost', { count: 100 });
  if (values.last_name.trim() === '') errors.last_name = t('lastNameMissing');
  else if (values.last_name.trim().length > 100) errors.last_name = t('atMost', { count: 100 });
  const userName = values.user_name.trim();
  if (userName === '') errors.user_name = t('userNameMissing');
  else if (userName.length < 3 || userName.length > 32)
    errors.user_name = t('userNameLength', { min: 3, max: 32 });
  else if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(userName)) {
    errors.user_name = t('userNameCharacters');
  }
  const email = values.email.trim();
  if (email === '') errors.email = t('emailMissing');
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = t('emailInvalid');
  if (values.password.length < 10) errors.password = t('atLeast', { count: 10 });
  else if (values.password.length > 128) errors.password = t('atMost', { count: 128 });
  const phone = values.phone.trim();
  if (phone !== '' && !/^\+[1-9]\d{6,14}$/.test(phone)) {
    errors.phone = t('phoneInvalid');
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
  if (trimmed === '') return t('recipientMissing');
  if (trimmed.length > 254) return t('recipientTooLong');
  return undefined;
}

export function validateDescription(description: string): string | undefined {
  return description.trim().length > 500 ? t('atMost', { count: 500 }) : undefined;
}
