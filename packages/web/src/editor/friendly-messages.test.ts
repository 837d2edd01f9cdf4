import { describe, expect, it } from 'vitest';
import { friendlyMessage } from './friendly-messages';

describe('friendly validation messages', () => {
  it.each([
    ['Invalid input: expected string, received undefined', 'Required'],
    ['Invalid input: expected number, received undefined', 'Required'],
    ["must have required property 'template'", 'Required'],
    ['Too small: expected string to have >=1 characters', 'Required'],
    ['Invalid input: expected number, received string', 'Must be a number'],
    ['Invalid input: expected int, received number', 'Must be a whole number'],
    ['Invalid input: expected boolean, received string', 'Must be true or false'],
    ['Invalid input: expected array, received object', 'Must be a list'],
    ['must be number', 'Must be a number'],
    ['Invalid option: expected one of "md"|"pdf"|"html"', 'Must be one of: md, pdf, html'],
    ['Invalid input: expected "q"', 'Must be q'],
    ['Too small: expected string to have >=3 characters', 'Must be at least 3 characters'],
    ['Too big: expected string to have <=1 characters', 'Must be at most 1 character'],
    ['Too small: expected array to have >=1 items', 'Must have at least 1 item'],
    ['Too big: expected array to have <=20 items', 'Must have at most 20 items'],
    ['Too small: expected number to be >=1', 'Must be at least 1'],
    ['Too small: expected number to be >0', 'Must be more than 0'],
    ['Too big: expected number to be <=50', 'Must be at most 50'],
    ['Invalid URL', 'Must be a URL'],
    ['Invalid email address', 'Must be an email address'],
    ['Invalid string: must match pattern /^[a-z]+$/', 'Has the wrong format'],
    ['Unrecognized key: "zz"', 'Unknown field: zz'],
    ['Unrecognized keys: "a", "b"', 'Unknown fields: a, b'],
  ])('%s → %s', (raw, friendly) => {
    expect(friendlyMessage(raw)).toBe(friendly);
  });

  it('keeps the field a message on a node is prefixed with', () => {
    expect(friendlyMessage('template: Invalid input: expected string, received undefined')).toBe('template: Required');
    expect(friendlyMessage('limit: Too big: expected number to be <=50')).toBe('limit: Must be at most 50');
  });

  it("leaves the server's own sentences as they are", () => {
    for (const message of [
      'Unknown step "lookup" in steps.lookup.output',
      'expression: Expected ")" but got end of input',
      'A workflow needs at least one step.',
      'Invalid input',
    ])
      expect(friendlyMessage(message)).toBe(message);
  });
});
