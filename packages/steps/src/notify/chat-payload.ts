/**
 * The JSON `notify.chat` posts to an incoming webhook, per format. The step's text is Markdown:
 * Teams cards render it themselves, Slack gets it converted to its own `mrkdwn`.
 */

/** The webhook formats: Slack; Teams as an Adaptive Card (Workflows webhooks and connectors); Teams as a legacy MessageCard. */
export const CHAT_FORMATS = ['slack', 'teams', 'teams-messagecard'] as const;
export type ChatFormat = (typeof CHAT_FORMATS)[number];

/** Slack's limits: a section's text, a header's text, blocks in a message. */
export const SLACK_SECTION_CHARS = 3000;
export const SLACK_HEADER_CHARS = 150;
const SLACK_MAX_BLOCKS = 50;

/** The body to post for `text` (and an optional `title`) in `format`. */
export function chatPayload(format: ChatFormat, text: string, title: string | undefined): Record<string, unknown> {
  switch (format) {
    case 'slack':
      return slackPayload(text, title);
    case 'teams':
      return teamsPayload(text, title);
    case 'teams-messagecard':
      return messageCardPayload(text, title);
  }
}

/** `{ text, blocks: [header?, section…] }`: `text` is the notification's fallback; long text is split into sections of ≤ 3,000 characters. */
export function slackPayload(text: string, title: string | undefined): Record<string, unknown> {
  const mrkdwn = toSlackMrkdwn(text);
  const blocks: unknown[] = [];
  if (title) blocks.push({ type: 'header', text: { type: 'plain_text', text: title, emoji: true } });
  for (const chunk of splitText(mrkdwn, SLACK_SECTION_CHARS)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk } });
  if (blocks.length > SLACK_MAX_BLOCKS) {
    throw new RangeError(`the text needs ${blocks.length} Slack blocks, more than the ${SLACK_MAX_BLOCKS} a message may have`);
  }
  return { text: mrkdwn, blocks };
}

/**
 * A message with one Adaptive Card: what a Teams Workflows webhook ("When a Teams webhook request is
 * received") posts, and what connector incoming webhooks accept too. TextBlocks render the Markdown.
 */
export function teamsPayload(text: string, title: string | undefined): Record<string, unknown> {
  const body: unknown[] = [];
  if (title) body.push({ type: 'TextBlock', text: title, size: 'Large', weight: 'Bolder', wrap: true });
  body.push({ type: 'TextBlock', text, wrap: true });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}

/** The legacy Office 365 connector card (`MessageCard`): only connector webhooks take it, Workflows do not. */
export function messageCardPayload(text: string, title: string | undefined): Record<string, unknown> {
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: title || summaryOf(text),
    ...(title ? { title } : {}),
    text,
  };
}

/** The first non-blank line of the text, shortened: what a MessageCard without a title shows in notifications. */
function summaryOf(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const flat = line.replace(/[#*_~`>]/g, '').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat || 'Notification';
}

/**
 * Markdown to Slack `mrkdwn`: `&` and `<` (and `>` outside quote markers) escaped, so text from
 * inputs can never form a mention (`<!channel>`) or a link of its own; `**bold**` → `*bold*`,
 * `*italic*` / `_italic_` → `_italic_`, `~~strike~~` → `~strike~`, `[label](url)` → `<url|label>`,
 * headings → bold lines, `-` / `*` / `+` bullets → `•`. Code spans and fenced blocks are kept as written
 * (escaped only).
 */
export function toSlackMrkdwn(markdown: string): string {
  const out: string[] = [];
  let fenced = false;
  // The converter's own placeholders (below) never come from the text.
  for (const line of markdown
    .replace(/[\uE000\uE001]/g, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')) {
    if (/^\s{0,3}(```|~~~)/.test(line)) {
      fenced = !fenced;
      out.push(line.replace(/^(\s{0,3})~~~/, '$1```').replace(/^(\s{0,3}```).*$/, '$1'));
      continue;
    }
    out.push(fenced ? escapeSlack(line) : convertLine(line));
  }
  return out.join('\n');
}

/** Escapes the characters Slack reads as markup: `&`, `<`, `>`. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One line outside a fenced block. */
function convertLine(line: string): string {
  // A quote marker stays a quote marker; the rest of the line is converted.
  const quote = /^(\s{0,3}>\s?)+/.exec(line)?.[0] ?? '';
  let rest = line.slice(quote.length);
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(rest);
  const bullet = /^(\s*)[-*+]\s+/.exec(rest);
  if (bullet) rest = `${bullet[1]}• ${rest.slice(bullet[0].length)}`;
  const converted = convertInline(heading ? heading[1]! : rest);
  return quote + (heading && converted.trim() ? `*${converted}*` : converted);
}

/** Inline Markdown to mrkdwn, leaving code spans as they are (escaped). */
function convertInline(text: string): string {
  // Odd pieces are code spans (between backticks).
  return text
    .split(/(`[^`]*`)/)
    .map((piece, index) => (index % 2 === 1 ? escapeSlack(piece) : convertStyles(piece)))
    .join('');
}

const BOLD = '\uE000';

function convertStyles(text: string): string {
  let out = text;
  // Links first, while the label and URL are still as written; each becomes a placeholder-free <url|label>.
  const links: string[] = [];
  out = out.replace(/\[([^[\]\n]{1,500})\]\(\s*((?:https?:\/\/|mailto:)[^\s()<>]{1,2000})\s*\)/g, (_match, label: string, url: string) => {
    links.push(`<${escapeSlack(url)}|${convertStyles(label).replace(/\|/g, '¦')}>`);
    return `\uE001${links.length - 1}\uE001`;
  });
  out = escapeSlack(out);
  out = out.replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, `${BOLD}$1${BOLD}`).replace(/__(?=\S)([^_\n]*?\S)__/g, `${BOLD}$1${BOLD}`);
  out = out.replace(/(^|[^*\w])\*(?=\S)([^*\n]*?\S)\*(?![*\w])/g, '$1_$2_');
  out = out.replace(/~~(?=\S)([^~\n]*?\S)~~/g, '~$1~');
  out = out.replace(new RegExp(BOLD, 'g'), '*');
  return out.replace(/\uE001(\d+)\uE001/g, (_match, index: string) => links[Number(index)] ?? '');
}

/**
 * Splits text into pieces of at most `max` characters, at line breaks where it can, else at a space,
 * never inside an escape (`&amp;`) or a link (`<url|label>`).
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut <= 0) cut = rest.lastIndexOf(' ', max);
    if (cut <= 0) cut = max;
    cut = outsideMarkup(rest, cut);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.trim() !== '' || pieces.length === 0) pieces.push(rest);
  return pieces.filter((piece) => piece.length > 0);
}

/** Moves a cut back before an escape or a `<…>` it would split. */
function outsideMarkup(text: string, cut: number): number {
  const open = text.lastIndexOf('<', cut - 1);
  if (open > 0 && text.indexOf('>', open) >= cut) return open;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp > 0 && cut - amp < 6 && text.indexOf(';', amp) >= cut) return amp;
  return cut;
}
