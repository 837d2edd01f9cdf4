import { Suspense } from 'react';
import { lazyPage } from './ui/lazy-page';
import { prefetchEditor } from './ui/query/prefetch';
import { Redirect, Route, Switch } from 'wouter';
import { SessionGate } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { Layout } from './ui/Layout';
import { WorkflowsPage } from './pages/workflows/WorkflowsPage';
import { RunsPage } from './pages/runs/RunsPage';
import { BatchesPage } from './pages/batches/BatchesPage';

// The canvas pages carry React Flow: they load on first visit, so sign-in and lists stay light.
const EditorPage = lazyPage(() => import('./editor/EditorPage').then((m) => m.EditorPage));
const RunPage = lazyPage(() => import('./pages/runs/RunPage').then((m) => m.RunPage));
// A full load on the editor or a run page fetches that page's chunk beside the session check, not after it.
const openedOn = /^\/workflows\/([0-9a-f]{24})\/?$/.exec(window.location.pathname);
if (openedOn) {
  void EditorPage.preload();
  prefetchEditor(openedOn[1]!);
} else if (/^\/runs\/[^/]+\/?$/.test(window.location.pathname)) void RunPage.preload();
const RunFormPage = lazyPage(() => import('./pages/runs/RunFormPage').then((m) => m.RunFormPage));
const NewBatchPage = lazyPage(() => import('./pages/batches/NewBatchPage').then((m) => m.NewBatchPage));
const BatchPage = lazyPage(() => import('./pages/batches/BatchPage').then((m) => m.BatchPage));
const DocumentsPage = lazyPage(() => import('./pages/documents/DocumentsPage').then((m) => m.DocumentsPage));
const DocumentPage = lazyPage(() => import('./pages/documents/DocumentPage').then((m) => m.DocumentPage));
const SettingsPage = lazyPage(() => import('./pages/settings/SettingsPage').then((m) => m.SettingsPage));
const WorkflowSettingsPage = lazyPage(() => import('./pages/workflows/WorkflowSettingsPage').then((m) => m.WorkflowSettingsPage));
const InboxPage = lazyPage(() => import('./pages/approvals/InboxPage').then((m) => m.InboxPage));
const ApprovalPage = lazyPage(() => import('./pages/approvals/ApprovalPage').then((m) => m.ApprovalPage));
const EvaluationsPage = lazyPage(() => import('./pages/evaluations/EvaluationsPage').then((m) => m.EvaluationsPage));
const NewEvaluationPage = lazyPage(() => import('./pages/evaluations/NewEvaluationPage').then((m) => m.NewEvaluationPage));
const EvaluationPage = lazyPage(() => import('./pages/evaluations/EvaluationPage').then((m) => m.EvaluationPage));
const TemplatesPage = lazyPage(() => import('./pages/templates/TemplatesPage').then((m) => m.TemplatesPage));
const PublicApprovalPage = lazyPage(() => import('./pages/approvals/PublicApprovalPage').then((m) => m.PublicApprovalPage));

export function App() {
  return (
    <Switch>
      {/* A signed approval link is its own credential: its page is reached without signing in. */}
      <Route path="/approve/:token">
        {(params) => (
          <Suspense fallback={<div className="center muted">Loading…</div>}>
            <PublicApprovalPage token={params.token} />
          </Suspense>
        )}
      </Route>
      <Route>
        <SignedInApp />
      </Route>
    </Switch>
  );
}

/** Everything else: behind the sign-in (or first-run) page. */
function SignedInApp() {
  return (
    <SessionGate setup={(done) => <SignInPage setup onSignedIn={done} />} signIn={(done) => <SignInPage setup={false} onSignedIn={done} />}>
      <Layout>
        <Suspense fallback={<div className="muted pad">Loading…</div>}>
          <Switch>
            <Route path="/workflows" component={WorkflowsPage} />
            <Route path="/templates" component={TemplatesPage} />
            <Route path="/workflows/:id/run">{(params) => <RunFormPage workflowId={params.id} />}</Route>
            <Route path="/workflows/:id/settings">{(params) => <WorkflowSettingsPage workflowId={params.id} />}</Route>
            <Route path="/workflows/:id">{(params) => <EditorPage workflowId={params.id} />}</Route>
            <Route path="/runs" component={RunsPage} />
            <Route path="/runs/:id">{(params) => <RunPage runId={params.id} />}</Route>
            <Route path="/batches" component={BatchesPage} />
            <Route path="/batches/new" component={NewBatchPage} />
            <Route path="/batches/:id">{(params) => <BatchPage batchId={params.id} />}</Route>
            <Route path="/evaluations" component={EvaluationsPage} />
            <Route path="/evaluations/new" component={NewEvaluationPage} />
            <Route path="/evaluations/:id">{(params) => <EvaluationPage evaluationId={params.id} />}</Route>
            <Route path="/inbox" component={InboxPage} />
            <Route path="/inbox/:runId/:stepId">{(params) => <ApprovalPage runId={params.runId} stepId={params.stepId} />}</Route>
            <Route path="/documents" component={DocumentsPage} />
            <Route path="/documents/:id">{(params) => <DocumentPage documentId={params.id} />}</Route>
            <Route path="/settings/:tab?">{(params) => <SettingsPage tab={params.tab ?? 'keys'} />}</Route>
            <Route>
              <Redirect to="/workflows" />
            </Route>
          </Switch>
        </Suspense>
      </Layout>
    </SessionGate>
  );
}
