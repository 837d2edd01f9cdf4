/**
 * The text a quote is compared in: what differs between a source and a faithful quote of it only in
 * typography. Applied alike to the source and the quote, so a quote verifies exactly when its words,
 * in order, are the source's words.
 *
 * - Unicode compatibility forms are folded (NFKC: ligatures such as "ﬁ", full-width letters, no-break
 *   spaces).
 * - Invisible characters are dropped (soft hyphens, zero-width spaces and joiners, byte-order marks).
 * - Curly and angle quotes become straight ones; every dash and the minus sign become "-"; the
 *   ellipsis character becomes "...".
 * - A word broken over a line ("finan-\ncial") is joined, and a hyphen between two letters is dropped
 *   ("well-known" and "wellknown" compare equal), so hyphenation never decides a match. A hyphen next to
 *   a digit stays: "2019-2020" is not "20192020".
 * - Case is folded and every run of whitespace becomes one space.
 */
export function normaliseForQuote(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(/\u2026/g, '...')
    .replace(/(\p{L})-[ \t]*\r?\n\s*(\p{L})/gu, '$1$2')
    .replace(/(\p{L})-(?=\p{L})/gu, '$1')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A quote as the model wrote it, ready to look for: normalised, without the quotation marks or the
 * sentence punctuation around it (a quote that ends a sentence the source continues is still exact).
 */
export function normaliseQuote(quote: string): string {
  return normaliseForQuote(quote)
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .replace(/^[.,;:!?)\]]+|[.,;:!?([]+$/g, '')
    .trim();
}

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
