/** A piece of a search snippet: the matched words (which the API puts in [brackets]) are `marked`. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

/** Splits a passage snippet into plain text and the [bracketed] matched words, brackets removed. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const match of snippet.matchAll(/\[([^[\]]+)\]/g)) {
    if (match.index > last) parts.push({ text: snippet.slice(last, match.index), marked: false });
    parts.push({ text: match[1]!, marked: true });
    last = match.index + match[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), marked: false });
  return parts;
}
