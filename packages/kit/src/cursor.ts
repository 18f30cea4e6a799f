import { AppError } from './errors.js';

/*
 * List cursors are opaque to clients: the position of the last item of the previous page
 * (an id, or a service's own text such as `invoice:12`), written in base64url. A cursor
 * this list did not make is refused as `validation_failed`, never guessed at.
 */

/** A UUID as the services write them: lower-case hex in 8-4-4-4-12 groups. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The cursor that carries a position: its text in base64url. */
export function encodeCursor(position: string): string {
  return Buffer.from(position, 'utf8').toString('base64url');
}

/**
 * The position inside a cursor, as `positionOf` reads it from the cursor's text; throws
 * `validation_failed` when the cursor is not base64url or `positionOf` finds no position.
 */
export function decodeCursor<Position>(
  cursor: string,
  positionOf: (text: string) => Position | null,
): Position {
  const position = /^[A-Za-z0-9_-]+$/.test(cursor)
    ? positionOf(Buffer.from(cursor, 'base64url').toString('utf8'))
    : null;
  if (position === null) {
    throw new AppError('validation_failed', 'the cursor is not valid', {
      errors: [{ path: 'cursor', message: 'is not a cursor given by this list' }],
    });
  }
  return position;
}

/** The id inside a cursor made by `encodeCursor(lastId)`; throws `validation_failed` for anything else. */
export function decodeIdCursor(cursor: string): string {
  return decodeCursor(cursor, (text) => (uuidPattern.test(text) ? text : null));
}
