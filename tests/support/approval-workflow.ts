/** The JSON Schema a reviewer's edit of the drafted verdict must match. */
export const VERDICT_SCHEMA = {
  type: 'object',
  properties: { verdict: { type: 'string', enum: ['buy', 'hold', 'sell'] }, score: { type: 'number', minimum: 0, maximum: 10 } },
  required: ['verdict', 'score'],
};

/**
 * A draft verdict `{ verdict: "buy", score: 7 }` a person reviews at the `approval` step `review`
 * (its `with` extended or overridden by `review`); the step's output is the run's `decision`.
 */
export function verdictReview(review: Record<string, unknown> = {}, name = 'Verdict review') {
  return {
    name,
    inputs: { company: { type: 'string', required: true } },
    steps: [
      { id: 'draft', type: 'transform', with: { expression: '{"verdict": "buy", "score": 7}' } },
      {
        id: 'review',
        type: 'approval',
        needs: ['draft'],
        with: {
          title: 'Approve the verdict for {{ input.company }}',
          instructions: 'Check the **score** against the filing.',
          show: { Company: '{{ input.company }}', Draft: '{{ steps.draft.output }}' },
          value: '{{ steps.draft.output }}',
          schema: VERDICT_SCHEMA,
          ...review,
        },
      },
    ],
    output: { decision: '{{ steps.review.output }}' },
  };
}
