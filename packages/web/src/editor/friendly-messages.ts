/**
 * Validation messages in the words of a form, not of a parser: the server checks step configs with
 * zod (and JSON-schema-like checks), whose messages ("Invalid input: expected string, received
 * undefined") describe types rather than what to do. Pure, so it is unit tested. A message it does not
 * recognise is returned as it is (the server's own sentences are already written for people). A
 * `field: ` prefix (how messages on nodes name their field) is kept.
 */

/** zod's names for types, as a person would say them after "Must be". */
const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  integer: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
  bigint: 'a whole number',
};

type Rule = [RegExp, (...groups: string[]) => string];

const plural = (count: string, word: string) => `${count} ${word}${count === '1' ? '' : 's'}`;

/** Each rule matches the whole message after an optional prefix; the first match wins. */
const RULES: Rule[] = [
  // zod: a missing value, whatever type was expected.
  [/^Invalid input: expected \w+, received undefined$/, () => 'Required'],
  [/^Required$/i, () => 'Required'],
  [/^must have required property '?([^']*)'?$/, () => 'Required'],
  [/^Invalid input: expected (\w+), received \w+$/, (type) => `Must be ${TYPE_WORDS[type!] ?? type}`],
  [/^must be (number|integer|string|boolean|array|object)$/, (type) => `Must be ${TYPE_WORDS[type!] ?? type}`],
  [/^Invalid (?:option|enum value): expected one of (.+)$/, (list) => `Must be one of: ${choices(list!)}`],
  [/^Invalid input: expected ("[^"]*")$/, (value) => `Must be ${choices(value!)}`],
  [/^must be equal to one of the allowed values$/, () => 'Must be one of the allowed values'],
  [/^Too small: expected string to have >=?1 characters?$/, () => 'Required'],
  [/^Too small: expected string to have >=?(\d+) characters?$/, (n) => `Must be at least ${plural(n!, 'character')}`],
  [/^Too big: expected string to have <=?(\d+) characters?$/, (n) => `Must be at most ${plural(n!, 'character')}`],
  [/^Too small: expected array to have >=?(\d+) items?$/, (n) => `Must have at least ${plural(n!, 'item')}`],
  [/^Too big: expected array to have <=?(\d+) items?$/, (n) => `Must have at most ${plural(n!, 'item')}`],
  [/^Too small: expected number to be >=(-?[\d.]+)$/, (n) => `Must be at least ${n}`],
  [/^Too small: expected number to be >(-?[\d.]+)$/, (n) => `Must be more than ${n}`],
  [/^Too big: expected number to be <=(-?[\d.]+)$/, (n) => `Must be at most ${n}`],
  [/^Too big: expected number to be <(-?[\d.]+)$/, (n) => `Must be less than ${n}`],
  [/^must NOT have fewer than (\d+) characters$/, (n) => `Must be at least ${plural(n!, 'character')}`],
  [/^must NOT have more than (\d+) characters$/, (n) => `Must be at most ${plural(n!, 'character')}`],
  [/^must be >= (-?[\d.]+)$/, (n) => `Must be at least ${n}`],
  [/^must be <= (-?[\d.]+)$/, (n) => `Must be at most ${n}`],
  [/^Invalid URL$/, () => 'Must be a URL'],
  [/^Invalid email(?: address)?$/, () => 'Must be an email address'],
  [/^Invalid string: must match pattern .*$/, () => 'Has the wrong format'],
  [/^Unrecognized keys?: (.+)$/, (list) => `Unknown field${list!.includes(',') ? 's' : ''}: ${choices(list!)}`],
];

/** `"a"|"b"` or `"a", "b"` → `a, b`. */
function choices(list: string): string {
  return list
    .split(/\s*[|,]\s*/)
    .map((item) => item.trim().replace(/^"(.*)"$/, '$1'))
    .filter((item) => item !== '')
    .join(', ');
}

/** The friendly form of one validation message. */
export function friendlyMessage(message: string): string {
  const text = message.trim();
  for (const [pattern, say] of RULES) {
    const whole = pattern.exec(text);
    if (whole) return say(...whole.slice(1));
  }
  // "template: Invalid input: …" (a message on a node, prefixed with its field): keep the prefix.
  const prefixed = /^([\w.[\]-]+): (.+)$/s.exec(text);
  if (prefixed) {
    const inner = friendlyMessage(prefixed[2]!);
    if (inner !== prefixed[2]) return `${prefixed[1]}: ${inner}`;
  }
  return message;
}
