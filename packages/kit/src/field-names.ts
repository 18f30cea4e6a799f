import type { z } from 'zod';

/**
 * What a client most often means by a field name the API does not have, whichever request
 * it is: the first of these names that the schema has is suggested.
 */
const synonyms: Readonly<Record<string, readonly string[]>> = {
  note: ['description', 'reason'],
  notes: ['description', 'reason'],
  memo: ['description', 'reason'],
  message: ['description', 'reason'],
  comment: ['description', 'reason'],
  details: ['description'],
  label: ['description', 'name'],
  title: ['description', 'name'],
  to: ['to_user', 'to_wallet_id', 'receiver'],
  recipient: ['to_user', 'to_wallet_id', 'receiver'],
  payee: ['to_user', 'paid_to'],
  receiver_email: ['receiver'],
  username: ['user_name', 'to_user', 'login'],
  user: ['to_user', 'user_name', 'login'],
  from: ['from_wallet_id'],
  source: ['from_wallet_id', 'wallet_id'],
  value: ['amount'],
  sum: ['amount'],
  total: ['amount'],
  price: ['amount'],
  amount_minor: ['amount'],
  cents: ['amount'],
  wallet: ['wallet_id', 'from_wallet_id'],
  wallet_uuid: ['wallet_id'],
  walletid: ['wallet_id'],
  walletId: ['wallet_id'],
  fromWalletId: ['from_wallet_id'],
  toWalletId: ['to_wallet_id'],
  toUser: ['to_user'],
  paidTo: ['paid_to'],
  firstName: ['first_name'],
  lastName: ['last_name'],
  userName: ['user_name'],
  email_address: ['email', 'receiver'],
  mail: ['email', 'receiver'],
  phone_number: ['phone'],
  mobile: ['phone'],
  pass: ['password'],
  passphrase: ['password'],
  otp: ['code'],
  code_otp: ['code'],
  plan: ['plan_id'],
  savings_plan_id: ['plan_id'],
  ccy: ['currency'],
  currency_code: ['currency'],
  meta: ['metadata'],
  tags: ['metadata'],
  page_size: ['limit'],
  per_page: ['limit'],
  size: ['limit'],
  page: ['cursor'],
  offset: ['cursor'],
  next_cursor: ['cursor'],
  start: ['from'],
  since: ['from'],
  start_date: ['from'],
  end: ['to'],
  until: ['to'],
  end_date: ['to'],
  expiry: ['expires_at'],
  expires: ['expires_at'],
};

/** The definition zod keeps of a schema; only the parts walked here are named. */
interface SchemaDefinition {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
}

function definitionOf(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;
}

/** The object schemas a value at `path` of `schema` may be read by (several for a union). */
function objectsAt(schema: z.ZodType, path: readonly PropertyKey[], depth = 0): SchemaDefinition[] {
  // A schema nests a bounded number of wrappers; the bound keeps a recursive one finite.
  if (depth > 64) return [];
  const definition = definitionOf(schema);
  switch (definition.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return definition.innerType ? objectsAt(definition.innerType, path, depth + 1) : [];
    case 'pipe':
      return definition.in ? objectsAt(definition.in, path, depth + 1) : [];
    case 'union':
      return (definition.options ?? []).flatMap((option) => objectsAt(option, path, depth + 1));
    case 'intersection':
      return [definition.left, definition.right].flatMap((side) =>
        side ? objectsAt(side, path, depth + 1) : [],
      );
    case 'object': {
      if (path.length === 0) return [definition];
      const field = definition.shape?.[String(path[0])];
      return field ? objectsAt(field, path.slice(1), depth + 1) : [];
    }
    case 'array':
      return path.length > 0 && definition.element
        ? objectsAt(definition.element, path.slice(1), depth + 1)
        : [];
    case 'record':
      return path.length > 0 && definition.valueType
        ? objectsAt(definition.valueType, path.slice(1), depth + 1)
        : [];
    default:
      return [];
  }
}

/** The field names an object at `path` of `schema` accepts; none when it is no object. */
export function fieldNamesAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const names = objectsAt(schema, path).flatMap((object) => Object.keys(object.shape ?? {}));
  return [...new Set(names)];
}

/** Levenshtein distance, for a misspelt field name; long names are not compared (none is that long). */
function editDistance(left: string, right: string): number {
  if (left.length > 64 || right.length > 64) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[right.length]!;
}

/**
 * The field a client most likely meant by an unknown `name`, among the `known` ones: a known
 * synonym first, then the closest spelling (the same name in another case, or at most two
 * edits away, fewer for short names), else none.
 */
export function suggestedFieldOf(name: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  // Own names only: a field named `__proto__` or `constructor` is no synonym.
  const meanings = [name, name.toLowerCase()].find((candidate) => Object.hasOwn(synonyms, candidate));
  const synonym =
    meanings === undefined ? undefined : synonyms[meanings]!.find((candidate) => known.includes(candidate));
  if (synonym !== undefined) return synonym;
  const plain = (text: string) => text.toLowerCase().replace(/[-_\s]/g, '');
  const sameLetters = known.find((candidate) => plain(candidate) === plain(name));
  if (sameLetters !== undefined) return sameLetters;
  const allowed = name.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= allowed && (best === undefined || distance < best.distance))
      best = { name: candidate, distance };
  }
  return best?.name;
}

/** What an unknown field (or query parameter) is told: its name, and the one meant when one is likely. */
export function unknownFieldMessageOf(
  name: string,
  known: readonly string[],
  noun: 'field' | 'parameter' = 'field',
): string {
  const suggestion = suggestedFieldOf(name, known);
  if (suggestion !== undefined) return `Unknown ${noun} \`${name}\`. Did you mean \`${suggestion}\`?`;
  if (known.length > 0 && known.length <= 12) {
    const names = known.map((candidate) => `\`${candidate}\``);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    return `Unknown ${noun} \`${name}\`. Remove it: this request takes ${list}.`;
  }
  return `Unknown ${noun} \`${name}\`. Remove it: the API docs list the ${noun}s this request takes.`;
}
