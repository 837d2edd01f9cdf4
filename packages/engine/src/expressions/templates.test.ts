import { AssayError } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { renderTemplate, resolveTemplates } from './templates';

const scope = { input: { name: 'Acme & Co', n: 3 }, steps: { profile: { output: { row: { name: 'Acme', tags: ['a', 'b'] }, count: 1 } } } };

describe('templates', () => {
  it('keeps the type of a value referenced by a lone expression', async () => {
    expect(await renderTemplate('{{ steps.profile.output.row }}', scope)).toEqual({ name: 'Acme', tags: ['a', 'b'] });
    expect(await renderTemplate('{{ input.n }}', scope)).toBe(3);
  });

  it('renders mixed text with filters, objects as JSON', async () => {
    expect(await renderTemplate('q={{ input.name | url_encode }}', scope)).toBe('q=Acme+%26+Co');
    expect(await renderTemplate('tags: {{ steps.profile.output.row.tags }}', scope)).toBe('tags: ["a","b"]');
  });

  it('fails naming the undefined reference and where it was', async () => {
    try {
      await renderTemplate('{{ steps.profile.output.nope }}', scope, 'steps.x.with.url');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AssayError);
      expect((error as AssayError).code).toBe('template_error');
      expect((error as AssayError).message).toContain('steps.x.with.url');
      expect((error as AssayError).message).toContain('steps.profile.output.nope');
    }
  });

  it('resolves nested config but leaves expression keys verbatim', async () => {
    const resolved = await resolveTemplates(
      { expression: 'input.n * 2', headers: { name: '{{ input.name }}' }, list: ['{{ input.n }}'] },
      scope,
      'with',
      ['expression'],
    );
    expect(resolved).toEqual({ expression: 'input.n * 2', headers: { name: 'Acme & Co' }, list: [3] });
  });
});
