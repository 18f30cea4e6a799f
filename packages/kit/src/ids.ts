import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7, validate, version } from 'uuid';

/** Random bytes drawn 4 KiB at a time: one call into the system's generator per 256 ids, not per id. */
const randomPool = new Uint8Array(4096);
let randomOffset = randomPool.length;
/** The time and counter of the last id, so that ids made in one millisecond still sort in order. */
let lastMsecs = Number.NEGATIVE_INFINITY;
let sequence = 0;

function sixteenRandomBytes(): Uint8Array {
  if (randomOffset + 16 > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const bytes = randomPool.subarray(randomOffset, randomOffset + 16);
  randomOffset += 16;
  return bytes;
}

/**
 * A new time-ordered id (UUIDv7): sorts by creation time, so it also serves as a cursor.
 * Within one millisecond a 31-bit counter, started at random, keeps the order (RFC 9562
 * §6.2, method 1), as the `uuid` package does for its own ids.
 */
export function newId(): string {
  const random = sixteenRandomBytes();
  const now = Date.now();
  if (now > lastMsecs) {
    sequence = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMsecs = now;
  } else {
    sequence = (sequence + 1) | 0;
    if (sequence === 0) lastMsecs++;
  }
  return uuidv7({ random, msecs: lastMsecs, seq: sequence });
}

export function isUuid(value: string): boolean {
  return validate(value);
}

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}
