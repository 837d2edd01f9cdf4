import { MODEL, MODEL_CHECK } from './model-check';
import { SAMPLE_COMPANIES } from './sample-companies';
import type { WorkflowTemplate } from './template';

// Growth, margin and leverage per company, a 0-100 score (as the demo's brief scores one), the ones
// growing at least `minGrowthPct`, best first, the first `top` of them.
const RANK = `(
  $min := input.minGrowthPct;
  $n := input.top;
  $scored := [steps.universe.output.rows.(
    $g := $round((revenue / revenuePrevYear - 1) * 100, 1);
    $m := $round(ebitda / revenue * 100, 1);
    $l := ebitda > 0 ? $round(netDebt / ebitda, 1) : null;
    $s := ($g >= 15 ? 35 : $g >= 5 ? 20 : $g >= 0 ? 10 : 0) + ($m >= 25 ? 35 : $m >= 10 ? 20 : $m >= 0 ? 10 : 0) + ($l = null ? 0 : $l <= 1 ? 30 : $l <= 3 ? 15 : 0);
    { "id": id, "name": name, "country": country, "revenue": revenue, "growthPct": $g, "ebitdaMarginPct": $m, "leverage": $l, "score": $s }
  )];
  $passed := [$filter($scored, function($c) { $c.growthPct >= $min })];
  $ranked := [$sort($passed, function($a, $b) { $a.score < $b.score })];
  { "screened": $count($scored), "passed": $count($passed), "top": [$filter($ranked, function($c, $i) { $i < $n })] }
)`;

const MEMO = `# Company screen: {{ input.sector }}

{{ steps.ranked.output.screened }} companies of the \`companies\` dataset in {{ input.sector }}; {{ steps.ranked.output.passed }} grew revenue by at least {{ input.minGrowthPct }} %. The best {{ steps.ranked.output.top | size }} by screen score (growth, EBITDA margin, leverage; 100 at most):

| Company | Country | Score | Growth | EBITDA margin | Net debt / EBITDA |
|---|---|---|---|---|---|
{% for c in steps.ranked.output.top %}| {{ c.name }} | {{ c.country }} | {{ c.score }} | {{ c.growthPct }} % | {{ c.ebitdaMarginPct }} % | {{ c.leverage | default: "n/a" }} |
{% endfor %}
## Reading

{% for c in steps.ranked.output.top %}{% assign note = steps.notes.output[forloop.index0] %}**{{ c.name }}.** {{ note.thesis | default: "No thesis given." }} *Risk:* {{ note.risk | default: "none named." }}

{% endfor %}> Each reading cites the dataset rows it rests on; the run page shows every quote and whether it was verified.
`;

/** Screens a sector of the `companies` dataset and writes a cited reading of the best companies. */
export const companyScreen: WorkflowTemplate = {
  id: 'company-screen',
  name: 'Company screen from a dataset',
  category: 'Screening',
  description:
    'Screens the companies of one sector in the "companies" dataset: derives revenue growth, EBITDA margin and leverage, scores each company, keeps those growing fast enough and ranks them; then a model writes a one-line thesis and the main risk of each of the best, every statement citing the dataset rows it rests on (its own figures or those of its peers), and a memo (Markdown and PDF) sums it up. Needs a model provider; creates a sample "companies" dataset when the workspace has none.',
  needs: ['dataset', 'model'],
  sampleInput: { sector: 'Software', minGrowthPct: 5, top: 3 },
  datasets: [SAMPLE_COMPANIES],
  definition: {
    name: 'Company screen',
    description: 'Screen a sector of the companies dataset, rank it, and read the best with cited figures.',
    inputs: {
      sector: { type: 'string', required: true, default: 'Software', description: 'The sector to screen, as the dataset spells it' },
      minGrowthPct: { type: 'number', default: 5, description: 'Keep companies whose revenue grew at least this much (%)' },
      top: { type: 'integer', default: 3, description: 'How many of the best to read and write up (1-10)' },
    },
    steps: [
      MODEL_CHECK,
      {
        id: 'universe',
        type: 'dataset.lookup',
        label: 'Companies of the sector',
        needs: ['model'],
        with: { dataset: 'companies', where: { sector: '{{ input.sector }}' }, limit: 500 },
      },
      { id: 'ranked', type: 'transform', label: 'Score and rank', with: { expression: RANK } },
      {
        id: 'notes',
        type: 'map',
        label: 'Read the best, citing their figures',
        with: {
          items: '$filter(steps.ranked.output.top, function($c, $i) { $i < 10 })',
          concurrency: 2,
          steps: [
            {
              id: 'read',
              type: 'ai.extract',
              label: 'Thesis and risk, cited',
              with: {
                model: MODEL,
                citations: true,
                onUnverified: 'flag',
                // The sector's rows: the company's own figures, and its peers' to compare with.
                sources: '{{ steps.universe.output }}',
                instructions:
                  'You are an equity analyst screening for growth at a reasonable price. Read {{ item.name }} (the row with id {{ item.id }}) against its sector peers. Figures are in USD millions. Quote the figures you rely on exactly as the rows give them.',
                fields: {
                  thesis: 'One sentence: why the company is worth a closer look, from its figures',
                  risk: 'One sentence: the main risk its figures show',
                },
              },
              retry: { maxAttempts: 2, initialDelayMs: 2000 },
              timeoutMs: 120000,
            },
          ],
        },
      },
      {
        id: 'memo',
        type: 'document.render',
        label: 'Write the screen memo',
        needs: ['ranked', 'notes'],
        with: { name: 'company-screen', formats: ['md', 'pdf'], title: 'Company screen: {{ input.sector }}', template: MEMO },
      },
    ],
    output: {
      screened: '{{ steps.ranked.output.screened }}',
      passed: '{{ steps.ranked.output.passed }}',
      top: '{{ steps.ranked.output.top }}',
      readings: '{{ steps.notes.output }}',
      memo: '{{ steps.memo.output.artifacts.pdf.url }}',
    },
  },
};
