import { MODEL, MODEL_CHECK } from './model-check';
import { SAMPLE_FILING, SAMPLE_FILINGS } from './sample-filing';
import type { WorkflowTemplate } from './template';

/** A search of the filings for the passages one group of figures is likely in. */
const search = (id: string, label: string, query: string) => ({
  id,
  type: 'document.search',
  label,
  needs: ['model'],
  with: { query, collection: '{{ input.collection }}', limit: 4 },
});

/** A table row: the figure with its footnote, or "not stated" when the filing does not give it. */
const row = (label: string, field: string, unit: (value: string) => string) =>
  `| ${label} | {% if steps.figures.output.${field} != nil %}${unit(`{{ steps.figures.output.${field} }}`)}[^figures.${field}]{% else %}not stated{% endif %} |`;

const MEMO = `# Filing figures: {{ steps.figures.output.company | default: "the filing" }}

The key figures of the filings in the \`{{ input.collection }}\` collection. Each one cites the page it is taken from; Assay checked every quote against that page.

| Figure | Latest year |
|---|---|
${row('Revenue', 'revenue', (v) => `$${v} million`)}
${row('Revenue growth', 'revenueGrowthPct', (v) => `${v}%`)}
${row('Operating margin', 'operatingMarginPct', (v) => `${v}%`)}
${row('Net income', 'netIncome', (v) => `$${v} million`)}
${row('Net cash', 'netCash', (v) => `$${v} million`)}
${row('Employees', 'employees', (v) => v)}

## Largest risk

{% if steps.figures.output.mainRisk != nil %}{{ steps.figures.output.mainRisk }}[^figures.mainRisk]{% else %}The filing names none.{% endif %}

## Outlook

{% if steps.figures.output.outlook != nil %}{{ steps.figures.output.outlook }}[^figures.outlook]{% else %}The filing gives none.{% endif %}
{% assign unverified = steps.figures.output.citations | where: "verified", false %}{% if unverified.size > 0 %}
> **{{ unverified.size }} citation(s) could not be verified** against their pages: their notes say so. Check those figures in the filing.
{% endif %}`;

/** Key figures of a filing, each citing its page, in a memo with footnotes. */
export const filingFigures: WorkflowTemplate = {
  id: 'filing-figures',
  name: 'Filing figures with citations',
  category: 'Filings',
  description:
    "Searches the filings of a document collection for the passages that hold a company's key figures (revenue, growth, margin, net income, cash, headcount, its largest risk and outlook), has a model extract them citing the page of each, checks every quote against its page, and writes a memo with footnotes (Markdown, PDF and Word). Needs a model provider; adds a sample annual report to the 'sample-filings' collection when it is empty (upload your own filings to any collection and name it in the input).",
  needs: ['model', 'documents'],
  sampleInput: { collection: SAMPLE_FILINGS },
  documents: [SAMPLE_FILING],
  definition: {
    name: 'Filing figures',
    description: 'Key figures of a filing, each citing its page, in a memo with footnotes.',
    inputs: {
      collection: { type: 'string', required: true, default: SAMPLE_FILINGS, description: 'The document collection holding the filing' },
    },
    steps: [
      MODEL_CHECK,
      search('revenue', 'Find revenue', 'revenue rose'),
      search('profit', 'Find profit and margin', 'operating profit margin net income'),
      search('cash', 'Find cash and headcount', 'net cash employees'),
      search('risks', 'Find the risks', 'largest risk'),
      search('outlook', 'Find the outlook', 'outlook expect 2026'),
      {
        id: 'figures',
        type: 'ai.extract',
        label: 'Extract cited figures',
        needs: ['revenue', 'profit', 'cash', 'risks', 'outlook'],
        with: {
          model: MODEL,
          citations: true,
          onUnverified: 'flag',
          sources: [
            '{{ steps.revenue.output }}',
            '{{ steps.profit.output }}',
            '{{ steps.cash.output }}',
            '{{ steps.risks.output }}',
            '{{ steps.outlook.output }}',
          ],
          instructions:
            'Figures are for the latest year the filing reports. Amounts in $ million, percentages as numbers (12.5 for 12.5%).',
          fields: {
            company: 'The company the filing is about',
            revenue: { type: 'number', description: 'Revenue for the year, in $ million' },
            revenueGrowthPct: { type: 'number', description: 'Revenue growth over the previous year, in percent' },
            operatingMarginPct: { type: 'number', description: 'Operating margin for the year, in percent' },
            netIncome: { type: 'number', description: 'Net income for the year, in $ million' },
            netCash: { type: 'number', description: 'Net cash at the end of the year, in $ million' },
            employees: { type: 'integer', description: 'Employees at the end of the year' },
            mainRisk: 'The largest risk the filing names, in one sentence',
            outlook: "The company's outlook for next year, in one sentence",
          },
        },
        retry: { maxAttempts: 2, initialDelayMs: 2000 },
        timeoutMs: 300000,
      },
      {
        id: 'memo',
        type: 'document.render',
        label: 'Write the memo with footnotes',
        needs: ['figures'],
        with: {
          name: 'filing-figures',
          formats: ['md', 'pdf', 'docx'],
          title: 'Filing figures: {{ steps.figures.output.company }}',
          template: MEMO,
          citations: '{{ steps.figures.output.citations }}',
        },
      },
    ],
    output: {
      company: '{{ steps.figures.output.company }}',
      figures: '{{ steps.figures.output }}',
      memo: '{{ steps.memo.output.artifacts.pdf.url }}',
    },
  },
};
