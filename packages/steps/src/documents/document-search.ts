import { defineStepType, type StepType } from '@assay/engine';
import { CollectionName, type PassageHit } from '@assay/schema';
import { z } from 'zod';

/** The workspace's documents, searched by passage (the composition root reads them from the store). */
export interface DocumentSearch {
  search(workspaceId: string, query: string, options: { collection?: string; limit: number }): Promise<PassageHit[]>;
}

const Config = z
  .object({
    query: z.string().min(1).max(1000).describe('What to search for, in words'),
    collection: CollectionName.optional().describe('Search only the documents of this collection'),
    limit: z.number().int().min(1).max(50).default(5).describe('Passages returned at most, best first'),
  })
  .strict();

/**
 * `document.search`: the passages of the workspace's documents holding every word of `query`
 * (stemmed), best first: `{ passages: [{ documentId, title, page, score, snippet, text }] }`. As an
 * agent's tool, it lets the model read the sources it cites.
 */
export function createDocumentSearchStep(documents: DocumentSearch): StepType {
  return defineStepType<z.infer<typeof Config>>({
    type: 'document.search',
    example: { id: 'passages', with: { query: '{{ input.question }}', collection: 'policies', limit: 5 } },
    family: 'document',
    outputSchema: () => ({ type: 'object', properties: { passages: { type: 'array', items: {} } } }),
    description: "Search the passages of the workspace's documents.",
    config: Config,
    // Reads only; a cached search is as fresh as its TTL says.
    cacheable: () => true,
    async execute(config, context) {
      const passages = await documents.search(context.workspaceId, config.query, { collection: config.collection, limit: config.limit });
      return { kind: 'completed', output: { passages } };
    },
  });
}
