import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet';

describe('snippetParts', () => {
  it('marks the bracketed words and keeps the text around them', () => {
    expect(snippetParts('…Acme [revenue] grew to 12.5 [million]…')).toEqual([
      { text: '…Acme ', marked: false },
      { text: 'revenue', marked: true },
      { text: ' grew to 12.5 ', marked: false },
      { text: 'million', marked: true },
      { text: '…', marked: false },
    ]);
  });

  it('handles a match at either end and adjacent matches', () => {
    expect(snippetParts('[Acme][revenue] grew')).toEqual([
      { text: 'Acme', marked: true },
      { text: 'revenue', marked: true },
      { text: ' grew', marked: false },
    ]);
    expect(snippetParts('grew [revenue]')).toEqual([
      { text: 'grew ', marked: false },
      { text: 'revenue', marked: true },
    ]);
  });

  it('leaves text without brackets, empty brackets and unclosed brackets as they are', () => {
    expect(snippetParts('no match here')).toEqual([{ text: 'no match here', marked: false }]);
    expect(snippetParts('a [] b [c')).toEqual([{ text: 'a [] b [c', marked: false }]);
    expect(snippetParts('')).toEqual([]);
  });
});
