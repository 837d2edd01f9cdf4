import { normaliseForQuote, normaliseQuote } from './normalise';
import type { Source } from './sources';

/** A citation as the model gives it: which source, which page, and the words it rests on. */
export interface Claim {
  sourceId: string;
  page: number | null;
  quote: string;
}

/** The outcome of checking one claim: the source it was found in, or why it was not. */
export type Verdict = { verified: true; source: Source } | { verified: false; problem: string; source: Source | null };

/** A quote shorter than this (normalised) proves nothing: "the" is on every page. */
export const MIN_QUOTE_CHARS = 5;
/** A quote is evidence for a claim, not a copy of the source. */
export const MAX_QUOTE_CHARS = 2000;

/**
 * The sources of one step, normalised once, that claims are checked against. A claim is verified
 * when its quote (normalised: see `normaliseForQuote`) is a contiguous part of the text of a source
 * with its id and page. Nothing else counts: not a near match, not the same words on another page.
 */
export class SourceIndex {
  private readonly byId = new Map<string, Array<{ source: Source; normal: string }>>();

  constructor(sources: Source[]) {
    for (const source of sources) {
      const entries = this.byId.get(source.id) ?? [];
      entries.push({ source, normal: normaliseForQuote(source.text) });
      this.byId.set(source.id, entries);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** The first source with this id (for its title and URL). */
  source(id: string): Source | null {
    return this.byId.get(id)?.[0]?.source ?? null;
  }

  verify(claim: Claim): Verdict {
    const entries = this.byId.get(claim.sourceId);
    if (!entries) {
      const known = [...this.byId.keys()].slice(0, 10).map((id) => `"${id}"`);
      return {
        verified: false,
        source: null,
        problem: `there is no source "${claim.sourceId}" (the sources are ${known.join(', ')}${this.byId.size > 10 ? ', …' : ''})`,
      };
    }
    const first = entries[0]!.source;
    const quote = normaliseQuote(claim.quote);
    if (quote.length < MIN_QUOTE_CHARS)
      return { verified: false, source: first, problem: 'the quote is too short to show where the claim comes from' };
    if (quote.length > MAX_QUOTE_CHARS)
      return {
        verified: false,
        source: first,
        problem: `the quote is longer than ${MAX_QUOTE_CHARS} characters: quote only the words the claim rests on`,
      };
    const paged = entries.some((e) => e.source.page !== null);
    // A source without pages is cited without one (whatever page the model names).
    const onCitedPage = entries.filter((e) => !paged || e.source.page === claim.page);
    const hit = onCitedPage.find((e) => e.normal.includes(quote));
    if (hit) return { verified: true, source: hit.source };
    const elsewhere = paged ? entries.find((e) => e.source.page !== claim.page && e.normal.includes(quote)) : undefined;
    const where = paged ? `page ${claim.page ?? '(none given)'} of "${claim.sourceId}"` : `"${claim.sourceId}"`;
    if (elsewhere)
      return { verified: false, source: elsewhere.source, problem: `the quote is on page ${elsewhere.source.page}, not ${where}` };
    if (paged && onCitedPage.length === 0)
      return { verified: false, source: first, problem: `${where} is not among the sources (its pages there are ${pagesOf(entries)})` };
    return {
      verified: false,
      source: onCitedPage[0]?.source ?? first,
      problem: `the quote is not in ${where}: quote the source word for word`,
    };
  }
}

function pagesOf(entries: Array<{ source: Source }>): string {
  const pages = [...new Set(entries.map((e) => e.source.page).filter((p): p is number => p !== null))].sort((a, b) => a - b);
  return pages.slice(0, 20).join(', ') + (pages.length > 20 ? ', …' : '');
}
