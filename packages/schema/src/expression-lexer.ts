/**
 * A lexer for the code inside Liquid tags, JSONata expressions and code steps' JavaScript: just the
 * lexical grammar they share, enough to tell names and punctuation from string literals, quoted
 * names, regular expressions and comments. Step references are read from its tokens, so text inside
 * a string literal or a comment is never mistaken for a reference.
 */

export type TokenKind = 'name' | 'string' | 'backtick' | 'number' | 'regex' | 'punct';

export interface Token {
  kind: TokenKind;
  /** The token as written (quotes included). */
  text: string;
  start: number;
  end: number;
}

const NAME = /[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/y;
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SPACE = /\s*/y;
/** JSONata's regular expression literal, `/pattern/flags`. */
const REGEX = /\/(?:\\.|[^/\\\n])+\/[a-z]*/y;
/** Tokens after which `/` divides; anywhere else it opens a regular expression (as JSONata decides). */
const ENDS_OPERAND = new Set<TokenKind>(['name', 'string', 'backtick', 'number', 'regex']);

export class ExpressionLexer {
  private previous: Token | null = null;
  /**
   * JavaScript only: for each `{` still open, whether it opened a template literal's `${`, whose
   * `}` resumes the literal's text. (In JSONata and Liquid a backtick quotes a name instead.)
   */
  private readonly braces: boolean[] = [];

  constructor(
    private readonly text: string,
    private position: number,
    private readonly end: number,
    private readonly javascript = false,
  ) {}

  /** Where the lexer is; pass it to {@link rewind} to read again from there. */
  mark(): { position: number; previous: Token | null; braces: boolean[] } {
    return { position: this.position, previous: this.previous, braces: [...this.braces] };
  }

  rewind(mark: { position: number; previous: Token | null; braces: boolean[] }): void {
    this.position = mark.position;
    this.previous = mark.previous;
    this.braces.splice(0, this.braces.length, ...mark.braces);
  }

  /** The next token, or null at the end. Whitespace and comments are skipped. */
  next(): Token | null {
    this.skipSpaceAndComments();
    if (this.position >= this.end) return null;
    const token = this.readToken();
    this.position = token.end;
    this.previous = token;
    return token;
  }

  /**
   * Reads `pattern` (a sticky regular expression) at the next token's position, if it matches there,
   * as one name token. Step ids contain `-`, which is an operator to the generic grammar.
   */
  readName(pattern: RegExp): Token | null {
    this.skipSpaceAndComments();
    const text = this.match(pattern);
    if (text === null || text === '') return null;
    const token: Token = { kind: 'name', text, start: this.position, end: this.position + text.length };
    this.position = token.end;
    this.previous = token;
    return token;
  }

  private readToken(): Token {
    const start = this.position;
    const char = this.text[start]!;
    const token = (kind: TokenKind, length: number): Token => ({
      kind,
      text: this.text.slice(start, start + length),
      start,
      end: start + length,
    });
    if (char === '"' || char === "'") return token('string', this.quotedLength(char, true));
    if (this.javascript && (char === '`' || (char === '}' && this.braces.at(-1) === true))) return this.templateText(start);
    if (this.javascript && char === '{') this.braces.push(false);
    if (this.javascript && char === '}') this.braces.pop();
    if (char === '`') return token('backtick', this.quotedLength('`', false));
    const name = this.match(NAME) ?? this.match(NUMBER);
    if (name !== null) return token(/\d/.test(char) ? 'number' : 'name', name.length);
    if (char === '/' && !(this.previous && (ENDS_OPERAND.has(this.previous.kind) || /^[)\]}]$/.test(this.previous.text)))) {
      const regex = this.match(REGEX);
      if (regex !== null) return token('regex', regex.length);
    }
    return token('punct', 1);
  }

  /**
   * A JavaScript template literal's text, from its opening backtick (or the `}` ending a `${`) to
   * its closing backtick or next `${`, whose code is then read as tokens: one string token.
   */
  private templateText(start: number): Token {
    if (this.text[start] === '}') this.braces.pop();
    let i = start + 1;
    for (; i < this.end; i++) {
      if (this.text[i] === '\\') i++;
      else if (this.text[i] === '`') break;
      else if (this.text[i] === '$' && this.text[i + 1] === '{') {
        this.braces.push(true);
        i++;
        break;
      }
    }
    const end = Math.min(i + 1, this.end);
    return { kind: 'string', text: this.text.slice(start, end), start, end };
  }

  /** Length of a quoted literal from its opening quote; an unclosed one runs to the end. */
  private quotedLength(quote: string, escapes: boolean): number {
    for (let i = this.position + 1; i < this.end; i++) {
      if (escapes && this.text[i] === '\\') i++;
      else if (this.text[i] === quote) return i + 1 - this.position;
    }
    return this.end - this.position;
  }

  private skipSpaceAndComments(): void {
    for (;;) {
      this.position += this.match(SPACE)?.length ?? 0;
      const opening = this.text.slice(this.position, this.position + 2);
      if (opening !== '/*' && opening !== '//') return;
      const close = opening === '/*' ? this.text.indexOf('*/', this.position + 2) : this.text.indexOf('\n', this.position + 2);
      this.position = close === -1 || close >= this.end ? this.end : close + (opening === '/*' ? 2 : 1);
    }
  }

  private match(pattern: RegExp): string | null {
    pattern.lastIndex = this.position;
    const found = pattern.exec(this.text);
    if (!found) return null;
    return found.index + found[0].length <= this.end ? found[0] : found[0].slice(0, this.end - found.index);
  }
}
