import { useMemo } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** An approval's instructions: Markdown rendered, its HTML sanitised (they are written by whoever built the workflow). */
export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(text, { async: false })), [text]);
  return <div className="markdown approval-instructions" data-testid="approval-instructions" dangerouslySetInnerHTML={{ __html: html }} />;
}
