import { describe, expect, it } from 'vitest';
import { controlOf, fieldErrorsOf, formToInput, initialValues, type InputSpec } from './input-form';

const inputs: Record<string, InputSpec> = {
  name: { type: 'string', required: true, description: 'Company name' },
  count: { type: 'integer', default: 3 },
  ratio: { type: 'number' },
  active: { type: 'boolean', default: true },
  tier: { type: 'string', enum: ['gold', 'silver'], default: 'silver' },
  level: { type: 'number', enum: [1, 2] },
  tags: { type: 'array' },
  meta: { type: 'object', default: { a: 1 } },
};

describe('run form', () => {
  it('picks a control per type', () => {
    expect(Object.fromEntries(Object.entries(inputs).map(([name, spec]) => [name, controlOf(spec)]))).toEqual({
      name: 'text',
      count: 'number',
      ratio: 'number',
      active: 'checkbox',
      tier: 'select',
      level: 'select',
      tags: 'json',
      meta: 'json',
    });
  });

  it('prefills defaults and converts them back unchanged', () => {
    const values = initialValues(inputs);
    expect(values).toMatchObject({ count: '3', active: true, tier: '1', meta: '{\n  "a": 1\n}' });
    const { input, errors } = formToInput(inputs, { ...values, name: 'Acme' });
    expect(errors).toEqual({});
    expect(input).toEqual({ name: 'Acme', count: 3, active: true, tier: 'silver', meta: { a: 1 } });
  });

  it('types numbers and enum options, and refuses what the browser can tell is wrong', () => {
    const values = { ...initialValues(inputs), name: '', count: '2.5', ratio: 'abc', level: '0', tags: '{"x":1}', meta: '{bad' };
    const { input, errors } = formToInput(inputs, values);
    expect(errors).toMatchObject({
      name: 'required',
      count: 'must be a whole number',
      ratio: 'must be a number',
      tags: 'must be a JSON array ([…])',
    });
    expect(errors.meta).toMatch(/^not valid JSON/);
    expect(input.level).toBe(1);
  });

  it('sorts server details into fields and the rest', () => {
    const { byField, general } = fieldErrorsOf([
      { path: 'input.name', message: 'required string is missing' },
      { path: 'input.extra', message: 'is not an input of this workflow' },
      { path: 'body', message: 'bad' },
    ]);
    expect(byField).toEqual({ name: 'required string is missing', extra: 'is not an input of this workflow' });
    expect(general).toEqual([{ path: 'body', message: 'bad' }]);
  });
});
