import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/**
 * zxcvbn's score (0 to 4) a new password needs: 3 is "safely unguessable: moderate protection
 * from offline slow-hash scenario" (at least 10^8 guesses), which is what argon2id stored
 * hashes face if they leak.
 */
export const minimumPasswordScore = 3;

/**
 * How many characters of a password the estimate reads, and how many leet-speak readings it
 * tries: the estimate runs on the event loop, and both bound its time (tens of
 * milliseconds) whatever a caller sends. A password whose first 64 characters are guessable
 * is refused even if more follow.
 */
const estimatedLength = 64;
const l33tSubstitutions = 10;

let estimator: ZxcvbnFactory | undefined;

/** Built on first use: decompressing the dictionaries takes about half a second. */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
    maxLength: estimatedLength,
    l33tMaxSubstitutions: l33tSubstitutions,
  });
  return estimator;
}

/** What the password's owner is known by; a password built from any of it is guessable. */
export interface PasswordOwner {
  first_name?: string | undefined;
  last_name?: string | undefined;
  user_name?: string | undefined;
  email?: string | undefined;
}

function ownerWords(owner: PasswordOwner): string[] {
  const words = [owner.first_name, owner.last_name, owner.user_name, owner.email];
  if (owner.email !== undefined) words.push(owner.email.split('@')[0]);
  return words.filter((word): word is string => word !== undefined && word !== '');
}

/**
 * NIST SP 800-63B's check of a new password beyond its length (which the request contract
 * checks): refuses commonly used passwords, dictionary words, repetitions, sequences,
 * keyboard patterns and anything built from the owner's own names or email, as zxcvbn
 * estimates them. Answers why the password is refused, without repeating it, or null when
 * it is accepted.
 */
export function passwordWeakness(password: string, owners: PasswordOwner[]): string | null {
  const result = strengthEstimator().check(password, owners.flatMap(ownerWords));
  if (result.score >= minimumPasswordScore) return null;
  const why = result.feedback.warning ?? result.feedback.suggestions[0];
  return why
    ? `is too easy to guess: ${lowerFirst(why)}`
    : 'is too easy to guess: add more words or characters that do not belong together';
}

function lowerFirst(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}
