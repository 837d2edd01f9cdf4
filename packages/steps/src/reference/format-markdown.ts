import { format, resolveConfig } from 'prettier';

/**
 * Markdown as Prettier prints it with the repository's settings for `filePath` (the file need not
 * exist): generated files stay unchanged by `prettier --write`, although `.prettierignore` skips
 * hand-written Markdown.
 */
export async function formatMarkdown(markdown: string, filePath: string): Promise<string> {
  const options = (await resolveConfig(filePath)) ?? {};
  return format(markdown, { ...options, parser: 'markdown', filepath: filePath });
}
