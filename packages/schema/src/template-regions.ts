/**
 * Where a Liquid template holds code: the insides of `{{ … }}` and `{% … %}`. Everything else is
 * literal text, and so are `{% raw %}` blocks, `{% comment %}` blocks and `{% # … %}` comments. The
 * delimiters are found the way liquidjs finds them: `}}` inside a quoted string does not close an
 * output, while `%}` always closes a tag.
 */

export interface Region {
  start: number;
  end: number;
}

/** Blocks whose content Liquid never evaluates, by the tag that opens them. */
const LITERAL_BLOCKS: Record<string, RegExp> = {
  raw: /\{%-?\s*endraw\s*-?%\}/g,
  comment: /\{%-?\s*endcomment\s*-?%\}/g,
};

/** The code regions of a template, in order. An unclosed tag runs to the end (Liquid rejects it). */
export function templateCodeRegions(text: string): Region[] {
  const regions: Region[] = [];
  let at = 0;
  for (;;) {
    const open = nextOpening(text, at);
    if (open === -1) return regions;
    const start = open + 2;
    const output = text.startsWith('{{', open);
    const end = output ? outputEnd(text, start) : text.indexOf('%}', start);
    const close = end === -1 ? text.length : end;
    at = end === -1 ? text.length : end + 2;
    if (output) {
      regions.push({ start, end: close });
      continue;
    }
    const name = /^-?\s*(#|\w+)/.exec(text.slice(start, close))?.[1] ?? '';
    const literal = LITERAL_BLOCKS[name];
    if (literal) {
      literal.lastIndex = at;
      const closing = literal.exec(text);
      at = closing ? closing.index + closing[0].length : text.length;
    } else if (name !== '#') {
      regions.push({ start, end: close });
    }
  }
}

function nextOpening(text: string, from: number): number {
  const output = text.indexOf('{{', from);
  const tag = text.indexOf('{%', from);
  if (output === -1) return tag;
  if (tag === -1) return output;
  return Math.min(output, tag);
}

/** The index of the `}}` closing an output, skipping quoted strings as liquidjs does; -1 if none. */
function outputEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === '"' || char === "'") {
      i = quotedEnd(text, i);
      if (i === -1) return -1;
    } else if (char === '}' && text[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}

/** The index of the quote closing the string opened at `open` (a backslash escapes); -1 if none. */
function quotedEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === text[open]) return i;
  }
  return -1;
}

/** True when a text has Liquid markup; any other text is used as written, never rendered. */
export function isTemplateText(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}
