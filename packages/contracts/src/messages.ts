import { z } from 'zod';

/*
 * What a field is told when its schema gives no message of its own: plain words in the API's
 * voice (a sentence about the field its `path` names: what is wrong, and what to send), in place
 * of zod's own ("Invalid input: expected string, received number"). Schema messages win over
 * these (zod's precedence), so a schema that knows better says it itself.
 */

type Issue = z.core.$ZodRawIssue;

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
  null: 'null',
};

function listOf(values: readonly unknown[]): string {
  const written = values.map((value) => (typeof value === 'string' ? `"${value}"` : String(value)));
  if (written.length <= 1) return written.join('');
  return `${written.slice(0, -1).join(', ')} or ${written.at(-1)}`;
}

function quantityOf(origin: string, count: number | bigint): string {
  if (origin === 'string') return `${count} character${count === 1 ? '' : 's'}`;
  if (origin === 'array' || origin === 'set') return `${count} item${count === 1 ? '' : 's'}`;
  return String(count);
}

function formatMessageOf(format: string): string {
  switch (format) {
    case 'uuid':
    case 'guid':
      return 'Must be a UUID, such as 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01.';
    case 'email':
      return 'Must be an email address, such as ada@example.com.';
    case 'datetime':
      return 'Must be an RFC 3339 date and time, such as 2026-11-02T09:14:07Z.';
    case 'date':
      return 'Must be a date such as 2026-11-02.';
    case 'url':
      return 'Must be a URL, such as https://example.com/.';
    default:
      return 'Is not in the expected format.';
  }
}

/** The plain message of an issue without a message of its own schema. */
export function plainMessageOf(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'Is required.';
      const expected = typeNames[issue.expected] ?? issue.expected;
      return `Must be ${expected}.`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `Must be ${listOf(issue.values)}.`
        : `Must be one of ${listOf(issue.values)}.`;
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'Must not be empty.';
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return 'Must hold at least one item.';
      const bound = quantityOf(issue.origin, issue.minimum as number);
      if (issue.origin === 'number' || issue.origin === 'bigint') {
        return issue.inclusive ? `Must be at least ${bound}.` : `Must be greater than ${bound}.`;
      }
      return issue.inclusive ? `Must be at least ${bound}.` : `Must be more than ${bound}.`;
    }
    case 'too_big': {
      const bound = quantityOf(issue.origin, issue.maximum as number);
      if (issue.origin === 'number' || issue.origin === 'bigint') {
        return issue.inclusive ? `Must be at most ${bound}.` : `Must be less than ${bound}.`;
      }
      return `Must be at most ${bound}.`;
    }
    case 'invalid_format':
      return formatMessageOf(issue.format);
    case 'not_multiple_of':
      return `Must be a multiple of ${String(issue.divisor)}.`;
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `Unknown field \`${issue.keys[0]}\`.`
        : `Unknown fields ${issue.keys.map((key) => `\`${key}\``).join(', ')}.`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length > 0) return `Must be one of ${listOf(options)}.`;
      return 'Does not match any of the shapes this field takes.';
    }
    case 'invalid_key':
      return 'Holds a key that is not valid.';
    case 'invalid_element':
      return 'Holds a value that is not valid.';
    default:
      return 'Is not valid.';
  }
}

z.config({ customError: plainMessageOf });
