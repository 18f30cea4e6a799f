/** The rejection of a promise as an object with `code`, or a failure when it resolved. */
export async function failureOf(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details?: unknown };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
