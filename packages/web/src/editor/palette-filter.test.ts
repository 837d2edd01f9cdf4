import { describe, expect, it } from 'vitest';
import { filterStepTypes } from './palette-filter';

const types = [
  { type: 'dataset.lookup', description: 'Find one row of a dataset' },
  { type: 'http.request', description: 'Call an HTTP API' },
  { type: 'ai.generate', description: 'Ask a model for text' },
];

describe('palette search', () => {
  it('matches every word against the type name and description, in any case', () => {
    expect(filterStepTypes(types, '').map((type) => type.type)).toEqual(['dataset.lookup', 'http.request', 'ai.generate']);
    expect(filterStepTypes(types, 'LOOKUP').map((type) => type.type)).toEqual(['dataset.lookup']);
    expect(filterStepTypes(types, 'model text').map((type) => type.type)).toEqual(['ai.generate']);
    expect(filterStepTypes(types, 'api call').map((type) => type.type)).toEqual(['http.request']);
    expect(filterStepTypes(types, 'nothing like this')).toEqual([]);
  });
});
