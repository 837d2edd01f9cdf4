import { WorkflowDefinition } from '@assay/schema';
import { PROVIDER_CHECK } from './demo-provider';

/** The demo "Filing brief" workflow: cited figures from a filing, in a memo with footnotes. */
export const FILING_WORKFLOW_ID = '665f1c2a9b1e4a0012a3b4d1';
/** The collection the demo's sample filing is stored in (and the workflow searches). */
export const FILING_COLLECTION = 'demo-filings';

/** A search of the filing for the passages one figure is likely in. */
const search = (id: string, label: string, query: string) => ({
  id,
  type: 'document.search',
  label,
  with: { query, collection: '{{ input.collection }}', limit: 5 },
});

/** A table row: the figure and its footnote, or "not stated" when the filing does not give it. */
const row = (label: string, field: string, unit: (value: string) => string) =>
  `| ${label} | {% if steps.figures.output.${field} != nil %}${unit(`{{ steps.figures.output.${field} }}`)}[^figures.${field}]{% else %}not stated{% endif %} |`;

const MEMO = `# Filing brief: {{ steps.figures.output.company | default: "the filing" }}

Figures taken from the filings in the \`{{ input.collection }}\` collection by \`ai.extract\`. Each one cites the page it comes from; Assay checked every quote against that page before writing this memo.

| Figure | 2025 |
|---|---|
${row('Revenue', 'revenue', (v) => `$${v} million`)}
${row('Revenue growth', 'revenueGrowthPct', (v) => `${v}%`)}
${row('Operating margin', 'operatingMarginPct', (v) => `${v}%`)}
${row('Net income', 'netIncome', (v) => `$${v} million`)}
${row('Net cash at year end', 'netCash', (v) => `$${v} million`)}

## Main risk

{% if steps.figures.output.mainRisk != nil %}{{ steps.figures.output.mainRisk }}[^figures.mainRisk]{% else %}The filing names none.{% endif %}

## Outlook

{% if steps.figures.output.guidance != nil %}{{ steps.figures.output.guidance }}[^figures.guidance]{% else %}The filing gives none.{% endif %}
{% assign unverified = steps.figures.output.citations | where: "verified", false %}{% if unverified.size > 0 %}
> **{{ unverified.size }} citation(s) could not be verified** against their pages: their notes say so. Read those figures in the filing before using them.
{% endif %}`;

/**
 * The demo "Filing brief": searches the sample annual report (rendered by Assay at first start and
 * stored as a document) for the passages each figure is in, extracts the figures citing the page of
 * each, and renders a memo whose footnotes give the page and the quote. Without a model provider the
 * run stops at once, saying what to set.
 */
export function filingWorkflow(): WorkflowDefinition {
  return WorkflowDefinition.parse({
    name: 'Filing brief',
    description:
      'Searches a filing (the demo annual report in the demo-filings collection), extracts its key figures with citations checked against their pages, and writes a memo with footnotes. Needs a model provider (an OpenAI-compatible local server such as Ollama is enough).',
    inputs: {
      collection: { type: 'string', required: false, default: FILING_COLLECTION, description: 'The document collection to brief' },
    },
    steps: [
      PROVIDER_CHECK,
      search('revenue', 'Find revenue', 'revenue grew 2024'),
      search('margin', 'Find the margin', 'operating margin'),
      search('cash', 'Find cash', 'net cash'),
      search('risks', 'Find the risks', 'main risk'),
      search('outlook', 'Find the outlook', 'expect 2026'),
      {
        id: 'figures',
        type: 'ai.extract',
        label: 'Extract cited figures',
        if: '$type(assay.ai.defaultModel) = "string"',
        needs: ['revenue', 'margin', 'cash', 'risks', 'outlook'],
        with: {
          model: '{{ assay.ai.defaultModel }}',
          citations: true,
          onUnverified: 'flag',
          sources: [
            '{{ steps.revenue.output }}',
            '{{ steps.margin.output }}',
            '{{ steps.cash.output }}',
            '{{ steps.risks.output }}',
            '{{ steps.outlook.output }}',
          ],
          instructions:
            'Figures are for the latest year the filing reports. Amounts in $ million, percentages as numbers (14.8 for 14.8%).',
          fields: {
            company: 'The company the filing is about',
            revenue: { type: 'number', description: 'Revenue for the year, in $ million' },
            revenueGrowthPct: { type: 'number', description: 'Revenue growth over the previous year, in percent' },
            operatingMarginPct: { type: 'number', description: 'Operating margin for the year, in percent' },
            netIncome: { type: 'number', description: 'Net income for the year, in $ million' },
            netCash: { type: 'number', description: 'Net cash at the end of the year, in $ million' },
            mainRisk: 'The main risk the filing names, in one sentence',
            guidance: "The company's outlook for next year, in one sentence",
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
          name: 'filing-brief',
          formats: ['md', 'pdf', 'docx'],
          title: 'Filing brief: {{ steps.figures.output.company }}',
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
  });
}
