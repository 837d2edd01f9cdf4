/**
 * A Markdown memo using every construct the renderers handle (h1-h3, bold, italic, code spans, nested
 * bullet lists, a numbered list, a 3×3 table, a link, a block quote, a fenced code block, a rule).
 * `sections` repeats the body (about one A4 PDF page each), for tests and the bench.
 */
export function sampleMemo(company = 'Acme Corp', sections = 1): string {
  const parts = [`# ${company} Investment Memo`, ''];
  for (let i = 1; i <= sections; i++) {
    parts.push(
      `## Section ${i}: Summary`,
      '',
      `${company} is a **strong** candidate with *steady* growth; the model \`score_v2\` rates it highly. ` +
        'Revenue quality is high, retention is durable and the team has shipped on time for three years. '.repeat(2),
      '',
      '### Highlights',
      '',
      '- Revenue grew **40%** year over year',
      '- Markets:',
      '  - Europe, led by *Germany*',
      '  - North America',
      '- Experienced management team',
      '',
      '1. Collect the data',
      '2. Score the thesis',
      '3. Write the memo',
      '',
      '| Metric | Value | Trend |',
      '|---|---:|:-:|',
      '| Revenue | 12.5M | up |',
      '| Margin | **31%** | flat |',
      '| Churn | 2.1% | down |',
      '',
      `Read more on [the company website](https://acme.example/about?section=${i}).`,
      '',
      '> Growth is durable when customers stay.',
      '> Retention is the leading indicator.',
      '',
      '```ts',
      'function score(company: Company): number {',
      '  return company.growth * 2 + company.margin;',
      '}',
      '```',
      '',
      '---',
      '',
    );
  }
  parts.push('Prepared by the research team.', '');
  return parts.join('\n');
}
