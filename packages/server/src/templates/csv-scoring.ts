import { MODEL, MODEL_CHECK } from './model-check';
import { SAMPLE_LEADS } from './sample-leads';
import type { WorkflowTemplate } from './template';

// Each row with its score and a label (its company or name column, else its id or place), best first.
const RANK = `(
  $scores := steps.scores.output;
  $label := function($r, $i) { $exists($r.company) ? $r.company : $exists($r.name) ? $r.name : $exists($r.id) ? $r.id : "row " & $string($i + 1) };
  $rows := [$map(steps.rows.output.rows, function($r, $i) { $merge([$r, { "label": $label($r, $i) }, $scores[$i]]) })];
  [$sort($rows, function($a, $b) { $a.score < $b.score })]
)`;

const SHEET = `# Scored list: \`{{ input.dataset }}\`

Criteria: *{{ input.criteria }}*

{{ steps.ranked.output | size }} rows scored, best first.

| Score | Fit | Row | Why |
|---|---|---|---|
{% for r in steps.ranked.output %}| {{ r.score }} | {{ r.fit }} | {{ r.label }} | {{ r.reason }} |
{% endfor %}`;

/** Scores every row of an uploaded CSV against criteria in plain words, and ranks them. */
export const csvScoring: WorkflowTemplate = {
  id: 'csv-scoring',
  name: 'Score a CSV list',
  category: 'Screening',
  description:
    'Scores every row of a list you uploaded as a CSV dataset (prospects, suppliers, candidates, companies) against criteria written in plain words: a model gives each row a score from 0 to 100, a fit (strong, possible, poor) and a one-line reason, a few rows at a time; the rows are ranked and written to a table (Markdown and HTML). Needs a model provider; creates the "sample-leads" dataset from a sample CSV when the workspace has none (upload your own CSV as a dataset and name it in the input).',
  needs: ['dataset', 'model'],
  sampleInput: { dataset: 'sample-leads', criteria: 'B2B software companies in Europe with 100 to 500 employees' },
  datasets: [SAMPLE_LEADS],
  definition: {
    name: 'CSV scoring',
    description: 'Score every row of a dataset against plain-word criteria and rank them.',
    inputs: {
      dataset: { type: 'string', required: true, default: 'sample-leads', description: 'The dataset holding the list (upload a CSV)' },
      criteria: {
        type: 'string',
        required: true,
        default: 'B2B software companies in Europe with 100 to 500 employees',
        description: 'What a good row looks like, in plain words',
      },
    },
    steps: [
      MODEL_CHECK,
      {
        id: 'rows',
        type: 'dataset.lookup',
        label: 'Read the list',
        needs: ['model'],
        with: { dataset: '{{ input.dataset }}', limit: 500 },
      },
      {
        id: 'scores',
        type: 'map',
        label: 'Score each row',
        with: {
          items: 'steps.rows.output.rows',
          concurrency: 4,
          steps: [
            {
              id: 'score',
              type: 'ai.generate',
              label: 'Score the row',
              with: {
                model: MODEL,
                system: 'You score rows of a list against criteria. Judge only from the row; be strict and consistent.',
                prompt: 'Criteria: {{ input.criteria }}\n\nRow:\n{{ item | json }}\n\nScore how well the row meets the criteria.',
                schema: {
                  type: 'object',
                  properties: {
                    score: { type: 'integer', minimum: 0, maximum: 100 },
                    fit: { type: 'string', enum: ['strong', 'possible', 'poor'] },
                    reason: { type: 'string' },
                  },
                  required: ['score', 'fit', 'reason'],
                  additionalProperties: false,
                },
                temperature: 0,
                maxTokens: 300,
              },
              retry: { maxAttempts: 3, initialDelayMs: 1000 },
              timeoutMs: 60000,
            },
          ],
        },
      },
      { id: 'ranked', type: 'transform', label: 'Rank the rows', needs: ['rows', 'scores'], with: { expression: RANK } },
      {
        id: 'sheet',
        type: 'document.render',
        label: 'Write the scored table',
        needs: ['ranked'],
        with: { name: 'scored-list', formats: ['md', 'html'], title: 'Scored list: {{ input.dataset }}', template: SHEET },
      },
    ],
    output: {
      scored: '{{ steps.ranked.output | size }}',
      ranked: '{{ steps.ranked.output }}',
      table: '{{ steps.sheet.output.artifacts.html.url }}',
    },
  },
};
