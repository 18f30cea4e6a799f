import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7, validate, version } from 'uuid';

/**
 * Random bytes for new ids, drawn from the system a pool at a time: asking it for 16 bytes
 * per id (as `uuid` does) cost more than the rest of making the id.
 */
const randomPool = new Uint8Array(16 * 256);
let randomOffset = randomPool.length;
/** The last id's millisecond and counter, so that ids made in one millisecond still sort in order. */
const last = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

function randomBytes16(): Uint8Array {
  if (randomOffset === randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  randomOffset += 16;
  return randomPool.subarray(randomOffset - 16, randomOffset);
}

/** A new time-ordered id (UUIDv7): sorts by creation time, so it also serves as a cursor. */
export function newId(): string {
  const random = randomBytes16();
  const now = Date.now();
  // As `uuid` does by itself: a random counter for each new millisecond, counted up within one.
  if (now > last.msecs) {
    last.msecs = now;
    last.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    last.seq = (last.seq + 1) | 0;
    if (last.seq === 0) last.msecs += 1;
  }
  return uuidv7({ random, msecs: last.msecs, seq: last.seq });
}

export function isUuid(value: string): boolean {
  return validate(value);
}

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}
