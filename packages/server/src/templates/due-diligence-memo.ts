import { MODEL, MODEL_CHECK } from './model-check';
import type { WorkflowTemplate } from './template';

const MEMO = `# Due diligence: {{ input.company }}

*Focus: {{ input.focus }}. Researched by an \`ai.agent\` in {{ steps.research.output.turns }} turns and {{ steps.research.output.toolCalls }} tool calls (web search, web pages, the workspace's documents); its transcript is on the run page.*

{{ steps.research.output.answer }}
{% assign unverified = steps.research.output.citations | where: "verified", false %}{% if unverified.size > 0 %}
> **{{ unverified.size }} citation(s) could not be verified** against what the tools returned: their notes say so.
{% endif %}`;

/** An agent researches a company with tools and writes a cited due-diligence memo. */
export const dueDiligenceMemo: WorkflowTemplate = {
  id: 'due-diligence-memo',
  name: 'Due-diligence memo by an agent',
  category: 'Research',
  description:
    "An AI agent researches a company for due diligence with tools: it searches the web, reads the pages it finds and searches the workspace's documents (filings, reports you uploaded), then writes a memo (overview, financial health, leadership, risks, open questions) whose every claim cites what a tool returned, each quote checked; the memo is rendered with footnotes as Markdown, PDF and Word. Needs a model provider that supports tool calls and a web search provider.",
  needs: ['model', 'webSearch'],
  sampleInput: { company: 'Acme', focus: 'financial health, leadership, risks' },
  definition: {
    name: 'Due-diligence memo',
    description: 'An agent researches a company with web search, web pages and the workspace documents; a memo with footnotes.',
    inputs: {
      company: { type: 'string', required: true, default: 'Acme', description: 'The company to research' },
      focus: { type: 'string', default: 'financial health, leadership, risks', description: 'What the memo should weigh most' },
    },
    steps: [
      MODEL_CHECK,
      {
        id: 'research',
        type: 'ai.agent',
        label: 'Research with tools',
        needs: ['model'],
        with: {
          model: MODEL,
          citations: true,
          onUnverified: 'flag',
          instructions:
            'You are a due-diligence analyst. Gather facts with the tools before writing; never state a fact no tool returned. Be concise and neutral.',
          prompt:
            'Research {{ input.company }} for a due-diligence memo, focusing on {{ input.focus }}. Search the web, read the most relevant pages, and search the workspace documents for filings or reports about it. Then write the memo in Markdown with the sections "Overview", "Financial health", "Leadership", "Risks" and "Open questions", each claim followed by its citation.',
          maxSteps: 10,
          maxToolCalls: 16,
          tools: [
            {
              name: 'web_search',
              description: 'Search the web; returns results with title, url, snippet and date',
              parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
              step: { type: 'web.search', with: { query: '{{ args.query }}', limit: 6 } },
            },
            {
              name: 'read_page',
              description: 'The readable text of a web page, by its URL',
              parameters: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
              step: { type: 'web.extract', with: { url: '{{ args.url }}', maxChars: 12000 } },
            },
            {
              name: 'search_documents',
              description: "Search the workspace's documents (filings, reports); returns passages with their document and page",
              parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
              step: { type: 'document.search', with: { query: '{{ args.query }}', limit: 5 } },
            },
          ],
        },
        retry: { maxAttempts: 2, initialDelayMs: 2000 },
        timeoutMs: 600000,
      },
      {
        id: 'memo',
        type: 'document.render',
        label: 'Write the memo with footnotes',
        needs: ['research'],
        with: {
          name: 'due-diligence',
          formats: ['md', 'pdf', 'docx'],
          title: 'Due diligence: {{ input.company }}',
          template: MEMO,
          citations: '{{ steps.research.output.citations }}',
        },
      },
    ],
    output: {
      company: '{{ input.company }}',
      memoText: '{{ steps.research.output.answer }}',
      citations: '{{ steps.research.output.citations }}',
      memo: '{{ steps.memo.output.artifacts.pdf.url }}',
    },
  },
};
