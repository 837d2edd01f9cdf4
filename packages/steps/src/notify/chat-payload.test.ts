import { describe, expect, it } from 'vitest';
import { chatPayload, splitText, toSlackMrkdwn } from './chat-payload';

describe('toSlackMrkdwn', () => {
  it('turns Markdown styles, links, headings and bullets into mrkdwn', () => {
    expect(toSlackMrkdwn('**Bold**, *italic*, _also_, ~~gone~~ and [the report](https://example.com/r?a=1&b=2)')).toBe(
      '*Bold*, _italic_, _also_, ~gone~ and <https://example.com/r?a=1&amp;b=2|the report>',
    );
    expect(toSlackMrkdwn('# Results\n\n- one\n* two\n  + nested')).toBe('*Results*\n\n• one\n• two\n  • nested');
  });

  it('escapes what Slack reads as markup, so text can never mention @channel or make its own link', () => {
    expect(toSlackMrkdwn('Hi <!channel> & <@U123> <https://evil.example|click>')).toBe(
      'Hi &lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil.example|click&gt;',
    );
    // A quote marker stays a quote.
    expect(toSlackMrkdwn('> quoted a > b')).toBe('> quoted a &gt; b');
  });

  it('leaves code spans and fenced blocks as written (escaped only)', () => {
    expect(toSlackMrkdwn('run `a **b** <c>` now')).toBe('run `a **b** &lt;c&gt;` now');
    expect(toSlackMrkdwn('```ts\nconst x = a ** 2 && b;\n```\n**after**')).toBe('```\nconst x = a ** 2 &amp;&amp; b;\n```\n*after*');
  });
});

describe('splitText', () => {
  it('cuts at line breaks, else spaces, never inside an escape or a link', () => {
    expect(splitText('aaaa\nbbbb\ncccc', 9)).toEqual(['aaaa\nbbbb', 'cccc']);
    expect(splitText('aaaa bbbb cccc', 9)).toEqual(['aaaa bbbb', ' cccc']);
    expect(splitText('xxxxxxx&amp;yy', 9)).toEqual(['xxxxxxx', '&amp;yy']);
    expect(splitText('xxxx<https://a.b|c>', 16)).toEqual(['xxxx', '<https://a.b|c>']);
    expect(splitText('short', 9)).toEqual(['short']);
  });
});

describe('chatPayload', () => {
  it('gives Slack a header and sections of at most 3,000 characters', () => {
    const long = Array.from({ length: 400 }, (_, i) => `line ${i} of the report`).join('\n');
    const payload = chatPayload('slack', long, 'Weekly') as { text: string; blocks: Array<{ type: string; text: { text: string } }> };
    expect(payload.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Weekly', emoji: true } });
    const sections = payload.blocks.slice(1);
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) expect(section.text.text.length).toBeLessThanOrEqual(3000);
    expect(sections.map((s) => s.text.text).join('\n')).toBe(long);
    expect(payload.text).toBe(long);
  });

  it('gives Teams an Adaptive Card, and legacy connectors a MessageCard', () => {
    expect(chatPayload('teams', '**Done**', undefined)).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [{ type: 'TextBlock', text: '**Done**', wrap: true }],
            msteams: { width: 'Full' },
          },
        },
      ],
    });
    expect(chatPayload('teams-messagecard', '## Build\n**green**', undefined)).toEqual({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: 'Build',
      text: '## Build\n**green**',
    });
  });
});
