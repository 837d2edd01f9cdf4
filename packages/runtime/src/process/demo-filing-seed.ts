import type { Engine } from '@assay/engine';
import type { Store } from '@assay/store';
import { DocumentService } from '@assay/server/services';
import { parseMarkdown, renderDocument } from '@assay/steps';
import { FILING_TITLE, FILING_REPORT } from './demo-filing-report';
import { FILING_COLLECTION, FILING_WORKFLOW_ID, filingWorkflow } from './demo-filing';

/**
 * Seeds the "Filing brief" demo: renders the sample annual report to PDF with Assay's own renderer,
 * stores it as a document of the `demo-filings` collection (read into pages and indexed like any
 * upload), and creates the workflow that briefs it.
 */
export async function seedFilingBrief(store: Store, engine: Engine, workspaceId: string): Promise<void> {
  const definition = filingWorkflow();
  engine.compile(definition);
  if (await store.workflows.getVersion(FILING_WORKFLOW_ID, 1)) return;
  const pdf = await renderDocument(parseMarkdown(FILING_REPORT), 'pdf', { title: FILING_TITLE });
  await new DocumentService(store).add(workspaceId, pdf, {
    contentType: 'application/pdf',
    filename: 'harbor-light-annual-report-2025.pdf',
    title: FILING_TITLE,
    collection: FILING_COLLECTION,
  });
  await store.workflows.create({ workspaceId, definition, createdBy: null, id: FILING_WORKFLOW_ID });
}
