import { AssayError, type Citation } from '@assay/schema';
import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import { checkSourceLimits, collectSources, sourcesPrompt, type Source } from './sources';
import { SourceIndex, type Claim } from './verify';

/** The config fields every AI step that cites shares. */
export const CitationOptions = {
  citations: z
    .boolean()
    .default(false)
    .describe('Cite the sources: every extracted field or claim comes back with `{ sourceId, page, quote }`, checked'),
  sources: z
    .unknown()
    .optional()
    .describe(
      'What the step may cite: `document.search` passages, `document.parse` or `web.extract` pages, `web.search` results, lookup rows, texts, or a list of them',
    ),
  onUnverified: z
    .enum(['fail', 'flag'])
    .default('fail')
    .describe('A citation still unverified after the repair turn fails the step (`fail`), or is kept marked `verified: false` (`flag`)'),
};

/** A citation as the model answers it, before it is checked. */
export interface ModelClaim extends Claim {
  /** ai.extract: the field it supports. */
  field?: string;
  /** ai.generate / ai.agent: the number its text cites it by, as "[n]". */
  marker?: number;
}

/** The JSON Schema of one citation the model gives: `field` (for extraction) or `marker` (for text). */
export function claimSchema(kind: 'field' | 'marker', fields: string[] = []): JSONSchema7 {
  const by: JSONSchema7 =
    kind === 'field'
      ? { type: 'string', enum: fields, description: 'The field this quote supports' }
      : { type: 'integer', description: 'The number the text cites this by, as [n]' };
  return {
    type: 'object',
    properties: {
      [kind]: by,
      sourceId: { type: 'string', description: 'The id of the cited source' },
      page: { type: ['integer', 'null'], description: 'The page of the source the quote is on; null when the source has no page' },
      quote: { type: 'string', description: 'The exact words of the source, copied verbatim (a phrase or one sentence)' },
    },
    required: [kind, 'sourceId', 'page', 'quote'],
    additionalProperties: false,
  };
}

/** What the model is told about citing, after the sources. */
export function citationRules(kind: 'field' | 'marker'): string {
  return [
    'Cite the sources. Each citation gives the source id, its page (null if it has none) and a quote: words copied exactly from that source and page — no paraphrase, no ellipsis, no words of your own.',
    'Quotes are checked word for word against the sources; a quote that is not there is rejected.',
    kind === 'field'
      ? 'Give at least one citation for every field that has a value. A field the sources do not state is null.'
      : 'In the text, put [n] right after each claim that comes from the sources, where n is the citation number; only state what the sources support.',
  ].join(' ');
}

/** The sources a step was given, checked against the limits; the input text counts as a source `text` when there is no other. */
export function stepSources(value: unknown, path: string): Source[] {
  const sources = collectSources(value);
  checkSourceLimits(sources, path);
  return sources;
}

/** The sources as they are put before the model. */
export function sourcesBlock(sources: Source[]): string {
  return `Sources:\n\n${sourcesPrompt(sources)}`;
}

/** The result of checking a model's citations. */
export interface CheckedCitations {
  citations: Citation[];
  /** One line a problem, to send back in a repair turn or to fail with. */
  problems: string[];
}

/**
 * Checks each citation against the sources and names what is wrong: a quote that is not in the cited
 * source and page, a field with a value and no citation (`required`), a marker the text uses
 * without a citation (`markers`). `label` makes each citation's footnote label.
 */
export function checkCitations(
  index: SourceIndex,
  claims: ModelClaim[],
  label: (claim: ModelClaim, i: number) => string,
  expect: { fields?: string[]; markers?: number[] } = {},
): CheckedCitations {
  const problems: string[] = [];
  const citations = claims.map((claim, i): Citation => {
    const verdict = index.verify(claim);
    const source = verdict.source ?? index.source(claim.sourceId);
    const name = claim.field !== undefined ? `the citation for "${claim.field}"` : `citation [${claim.marker ?? i + 1}]`;
    if (!verdict.verified) problems.push(`${name} (source "${claim.sourceId}", quote "${clip(claim.quote)}"): ${verdict.problem}`);
    return {
      id: label(claim, i),
      sourceId: claim.sourceId,
      page: verdict.verified ? verdict.source.page : claim.page,
      quote: claim.quote,
      verified: verdict.verified,
      title: source?.title ?? null,
      url: source?.url ?? null,
      ...(claim.field !== undefined && { field: claim.field }),
      ...(!verdict.verified && { problem: verdict.problem }),
    };
  });
  for (const field of expect.fields ?? [])
    if (!claims.some((c) => c.field === field)) problems.push(`"${field}" has a value but no citation: cite it, or make it null`);
  const cited = new Set(claims.map((c) => c.marker));
  for (const marker of expect.markers ?? [])
    if (!cited.has(marker)) problems.push(`the text cites [${marker}] but there is no citation ${marker}`);
  return { citations, problems };
}

/** The repair turn's request: what was wrong, and how to answer again. */
export function repairRequest(problems: string[]): string {
  return [
    'These citations could not be verified against the sources:',
    ...problems.map((p) => `- ${p}`),
    'Answer again in full, in the same JSON form. Copy each quote exactly from the source and page you cite; drop a claim, or set a field to null, when no source states it.',
  ].join('\n');
}

/**
 * The citations a step keeps once its repair turn is spent: all of them verified, or with
 * `onUnverified: "flag"` the unverified ones marked; otherwise the step fails naming each.
 */
export function settleCitations(checked: CheckedCitations, onUnverified: 'fail' | 'flag', model: string): Citation[] {
  if (checked.problems.length === 0 || onUnverified === 'flag') return checked.citations;
  throw new AssayError(
    'citations_unverified',
    `${model}: ${checked.problems.length} citation problem${checked.problems.length === 1 ? '' : 's'} after one repair turn: ${checked.problems.slice(0, 5).join('; ')}${checked.problems.length > 5 ? '; …' : ''}`,
    { details: checked.problems.slice(0, 50).map((message, i) => ({ path: `citations[${i}]`, message })) },
  );
}

/** The markers "[1]", "[1, 2]" a text uses (numbers under 1000: "[2024]" is a year, not a citation). */
export function markersIn(text: string): number[] {
  const found = new Set<number>();
  for (const match of text.matchAll(MARKERS)) for (const n of numbers(match[1]!)) found.add(n);
  return [...found];
}

/** The text with each "[n]" of a citation rewritten as the footnote marker "[^label]" `document.render` reads. */
export function footnoteMarkers(text: string, labelOf: Map<number, string>): string {
  return text.replace(MARKERS, (whole, inner: string) => {
    const labels = numbers(inner).map((n) => labelOf.get(n));
    if (labels.some((l) => l === undefined)) return whole;
    return labels.map((l) => `[^${l}]`).join('');
  });
}

const MARKERS = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

function numbers(inner: string): number[] {
  return inner.split(',').map((n) => Number(n.trim()));
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** Claims from the model's JSON (already schema-checked). */
export function claimsOf(value: unknown): ModelClaim[] {
  return Array.isArray(value) ? (value as ModelClaim[]) : [];
}

export { SourceIndex, collectSources };
