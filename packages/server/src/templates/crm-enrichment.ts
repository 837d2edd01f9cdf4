import { MODEL, MODEL_CHECK } from './model-check';
import type { WorkflowTemplate } from './template';

// The CRM update: the fields found (nulls left out, so a CRM keeps what it has), the pages they come
// from (verified citations only) and how sure the step is.
const PATCH = `(
  $p := steps.profile.output;
  $fields := $p ~> $sift(function($v, $k) { $k != "citations" and $v != null });
  $verified := $p.citations[verified = true];
  {
    "recordId": input.recordId,
    "company": input.company,
    "fields": $fields,
    "sources": [$distinct($verified.url)],
    "verifiedCitations": $count($verified),
    "unverifiedCitations": $count($p.citations[verified = false])
  }
)`;

/** A CRM record enriched from the web, called by the CRM's webhook; the result goes back to its callback URL. */
export const crmEnrichment: WorkflowTemplate = {
  id: 'crm-enrichment',
  name: 'CRM enrichment through a webhook',
  category: 'Sales & CRM',
  description:
    "Enriches a CRM record: your CRM calls the workflow's webhook with the record's id and company name; the workflow searches the web for the company, has a model extract its industry, headquarters, headcount, a one-line description and its latest news, each citing the page it comes from (quotes checked), and answers with the fields to update and their sources. Set up the webhook trigger (signed, with a callback URL to post the result back to the CRM) on the workflow's settings page. Needs a model provider and a web search provider.",
  needs: ['model', 'webSearch', 'webhook'],
  sampleInput: { recordId: 'crm-0001', company: 'Acme', website: 'example.com' },
  definition: {
    name: 'CRM enrichment',
    description: 'Enrich a CRM record from the web with cited fields; called by a webhook, answered to its callback URL.',
    inputs: {
      recordId: { type: 'string', required: true, default: 'crm-0001', description: "The CRM record's id (sent back with the result)" },
      company: { type: 'string', required: true, default: 'Acme', description: "The company's name" },
      website: { type: 'string', default: 'example.com', description: "The company's website, if the CRM has it" },
    },
    steps: [
      MODEL_CHECK,
      {
        id: 'search',
        type: 'web.search',
        label: 'Search the company',
        needs: ['model'],
        with: { query: '{{ input.company }} {{ input.website }} company profile', limit: 8 },
        retry: { maxAttempts: 3, initialDelayMs: 2000 },
      },
      {
        id: 'profile',
        type: 'ai.extract',
        label: 'Extract cited firmographics',
        with: {
          model: MODEL,
          citations: true,
          onUnverified: 'flag',
          sources: '{{ steps.search.output }}',
          instructions:
            'The company is {{ input.company }}{% if input.website != "" %} (website {{ input.website }}){% endif %}. Use only results about this company; leave a field null when the results do not state it.',
          fields: {
            industry: 'The industry the company is in',
            headquarters: 'The city and country of its headquarters',
            employees: { type: 'integer', description: 'Its number of employees' },
            description: 'What the company does, in one sentence',
            latestNews: 'The most recent news about it, in one sentence',
          },
        },
        retry: { maxAttempts: 2, initialDelayMs: 2000 },
        timeoutMs: 120000,
      },
      { id: 'patch', type: 'transform', label: 'Build the CRM update', with: { expression: PATCH } },
    ],
    output: {
      recordId: '{{ steps.patch.output.recordId }}',
      fields: '{{ steps.patch.output.fields }}',
      sources: '{{ steps.patch.output.sources }}',
      verifiedCitations: '{{ steps.patch.output.verifiedCitations }}',
    },
  },
};
