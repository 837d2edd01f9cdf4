import { MODEL, MODEL_CHECK } from './model-check';
import type { WorkflowTemplate } from './template';

const DIGEST = `# News digest: {{ input.topic }}

*The last {{ input.recency }}, from {{ steps.search.output.results | size }} results of a web search ({{ steps.search.output.provider }}).*

{{ steps.digest.output.text }}
{% assign unverified = steps.digest.output.citations | where: "verified", false %}{% if unverified.size > 0 %}
> **{{ unverified.size }} citation(s) could not be verified** against the search results: their notes say so.
{% endif %}
## Results read

{% for r in steps.search.output.results %}- [{{ r.title }}]({{ r.url }}){% if r.date %} ({{ r.date | slice: 0, 10 }}){% endif %}
{% endfor %}`;

/** A cited digest of the recent news on a topic; one click also creates a disabled weekday schedule. */
export const newsMonitor: WorkflowTemplate = {
  id: 'news-monitor',
  name: 'News monitoring on a schedule',
  category: 'Monitoring',
  description:
    "Searches the web for recent news on a topic (a company, a market, a technology), has a model write a short digest whose every claim cites the search result it comes from (quotes checked against the results), and renders it as Markdown and HTML with footnotes. One click also creates a weekday-morning schedule, disabled: enable it on the workflow's settings page to get the digest every day. Needs a model provider and a web search provider (SearXNG, Brave or Tavily).",
  needs: ['model', 'webSearch', 'schedule'],
  sampleInput: { topic: 'Acme', recency: 'week', limit: 8 },
  schedules: [{ name: 'Weekday morning digest', cron: '0 7 * * 1-5', timezone: 'UTC' }],
  definition: {
    name: 'News monitor',
    description: 'A cited digest of the recent news on a topic.',
    inputs: {
      topic: { type: 'string', required: true, default: 'Acme', description: 'What to follow: a company, a market, a technology' },
      recency: { type: 'string', default: 'week', enum: ['day', 'week', 'month', 'year'], description: 'How far back the news goes' },
      limit: { type: 'integer', default: 8, description: 'Search results to read (1-20)' },
    },
    steps: [
      MODEL_CHECK,
      {
        id: 'search',
        type: 'web.search',
        label: 'Search recent news',
        needs: ['model'],
        with: { query: '{{ input.topic }} news', recency: '{{ input.recency }}', limit: '{{ input.limit }}' },
        retry: { maxAttempts: 3, initialDelayMs: 2000 },
      },
      {
        id: 'digest',
        type: 'ai.generate',
        label: 'Write the cited digest',
        with: {
          model: MODEL,
          citations: true,
          onUnverified: 'flag',
          sources: '{{ steps.search.output }}',
          system: 'You are a research analyst writing a morning news digest. Be factual and brief; no speculation.',
          prompt:
            'Write a digest of the news about {{ input.topic }} in these search results: three to five bullet points, the most important first, each one claim with its citation. End with one line starting "Watch:" naming what to follow next. If the results hold no news about {{ input.topic }}, say so in one line.',
          maxTokens: 800,
        },
        retry: { maxAttempts: 2, initialDelayMs: 2000 },
        timeoutMs: 120000,
      },
      {
        id: 'report',
        type: 'document.render',
        label: 'Render the digest',
        needs: ['digest'],
        with: {
          name: 'news-digest',
          formats: ['md', 'html'],
          title: 'News digest: {{ input.topic }}',
          template: DIGEST,
          citations: '{{ steps.digest.output.citations }}',
        },
      },
    ],
    output: {
      topic: '{{ input.topic }}',
      results: '{{ steps.search.output.results | size }}',
      digest: '{{ steps.digest.output.text }}',
      citations: '{{ steps.digest.output.citations }}',
      report: '{{ steps.report.output.artifacts.html.url }}',
    },
  },
};
