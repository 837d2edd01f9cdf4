import { AssayError, type Citation } from '@assay/schema';
import type { JSONSchema7, ModelMessage } from 'ai';
import type { AiCall, CallSettings } from '../call';
import {
  checkCitations,
  citationRules,
  claimSchema,
  claimsOf,
  footnoteMarkers,
  markersIn,
  repairRequest,
  settleCitations,
  SourceIndex,
  sourcesBlock,
  stepSources,
  type CheckedCitations,
  type ModelClaim,
} from './cite';

/** The JSON a citing answer takes: the text with "[n]" markers, and the citations they point to. */
export const CITED_TEXT_SCHEMA: JSONSchema7 = {
  type: 'object',
  properties: {
    text: { type: 'string', description: 'The answer, with [n] after each claim taken from the sources' },
    citations: { type: 'array', items: claimSchema('marker') },
  },
  required: ['text', 'citations'],
  additionalProperties: false,
};

/** A citing answer as the model gave it. */
export interface CitedAnswer {
  text: string;
  citations: unknown;
}

/** Checks a citing answer: every citation against the sources, every "[n]" of the text against the citations. */
export function checkCitedText(index: SourceIndex, answer: CitedAnswer, stepId: string): CheckedCitations {
  const seen = new Map<number, number>();
  const label = (claim: ModelClaim, i: number) => {
    const marker = claim.marker ?? i + 1;
    const n = (seen.get(marker) ?? 0) + 1;
    seen.set(marker, n);
    return `${stepId}.${marker}${n > 1 ? `-${n}` : ''}`;
  };
  return checkCitations(index, claimsOf(answer.citations), label, { markers: markersIn(answer.text) });
}

/** The output of a citing step: its text with footnote markers "[^<stepId>.<n>]", and its citations. */
export function citedOutput(answer: CitedAnswer, citations: Citation[], stepId: string): { text: string; citations: Citation[] } {
  const labelOf = new Map<number, string>();
  for (const citation of citations) {
    const marker = Number(citation.id.slice(stepId.length + 1));
    if (Number.isInteger(marker) && !labelOf.has(marker)) labelOf.set(marker, citation.id);
  }
  return { text: footnoteMarkers(answer.text, labelOf), citations };
}

/**
 * `ai.generate` with `citations`: the sources go before the prompt, the model answers text with
 * "[n]" markers and the citations they point to; unverified ones get one repair turn.
 */
export async function citeText(
  call: AiCall,
  config: { prompt: string; sources?: unknown; onUnverified: 'fail' | 'flag' },
  settings: CallSettings,
  stepId: string,
): Promise<{ text: string; citations: Citation[] }> {
  const path = `steps.${stepId}.with.sources`;
  const sources = stepSources(config.sources, path);
  if (sources.length === 0)
    throw new AssayError('invalid_input', `${path}: there is nothing to cite (give the sources, e.g. a document.search step's passages)`, {
      details: [{ path, message: 'no sources' }],
    });
  const index = new SourceIndex(sources);
  const cited = { ...settings, system: [settings.system, citationRules('marker')].filter(Boolean).join('\n\n') };
  const messages: ModelMessage[] = [{ role: 'user', content: `${sourcesBlock(sources)}\n\n${config.prompt}` }];
  const format = { name: 'cited_answer', strict: true };
  let answer = (await call.json(messages, cited, CITED_TEXT_SCHEMA, format)) as CitedAnswer;
  let checked = checkCitedText(index, answer, stepId);
  if (checked.problems.length > 0) {
    messages.push({ role: 'assistant', content: JSON.stringify(answer) }, { role: 'user', content: repairRequest(checked.problems) });
    answer = (await call.json(messages, cited, CITED_TEXT_SCHEMA, format)) as CitedAnswer;
    checked = checkCitedText(index, answer, stepId);
  }
  return citedOutput(answer, settleCitations(checked, config.onUnverified, call.model.name), stepId);
}
