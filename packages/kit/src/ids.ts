import { v7 as uuidv7, validate, version } from 'uuid';

/** A new time-ordered id (UUIDv7): sorts by creation time, so it also serves as a cursor. */
export function newId(): string {
  return uuidv7();
}

export function isUuid(value: string): boolean {
  return validate(value);
}

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}
