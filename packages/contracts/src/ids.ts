/*
 * Ids as plain data, with no zod: the web app imports this file alone
 * (`@moneypal/contracts/ids`), so the browser runs no schema code under its CSP.
 */

/** A UUID as the API accepts one (`z.uuid()`): RFC 9562 versions 1 to 8, or the nil and max UUIDs. */
export const uuidPattern =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}
