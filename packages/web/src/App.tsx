import { lazy, Suspense } from 'react';
import { prefetchEditor } from './ui/query/prefetch';
import { Redirect, Route, Switch } from 'wouter';
import { SessionGate } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { Layout } from './ui/Layout';
import { WorkflowsPage } from './pages/workflows/WorkflowsPage';
import { RunsPage } from './pages/runs/RunsPage';
import { BatchesPage } from './pages/batches/BatchesPage';

// The canvas pages carry React Flow: they load on first visit, so sign-in and lists stay light.
const editorChunk = () => import('./editor/EditorPage');
const runChunk = () => import('./pages/runs/RunPage');
const EditorPage = lazy(() => editorChunk().then((m) => ({ default: m.EditorPage })));
const RunPage = lazy(() => runChunk().then((m) => ({ default: m.RunPage })));
// A full load on the editor or a run page fetches that page's chunk beside the session check, not after it.
const openedOn = /^\/workflows\/([0-9a-f]{24})\/?$/.exec(window.location.pathname);
if (openedOn) {
  void editorChunk();
  prefetchEditor(openedOn[1]!);
} else if (/^\/runs\/[^/]+\/?$/.test(window.location.pathname)) void runChunk();
const RunFormPage = lazy(() => import('./pages/runs/RunFormPage').then((m) => ({ default: m.RunFormPage })));
const NewBatchPage = lazy(() => import('./pages/batches/NewBatchPage').then((m) => ({ default: m.NewBatchPage })));
const BatchPage = lazy(() => import('./pages/batches/BatchPage').then((m) => ({ default: m.BatchPage })));
const DocumentsPage = lazy(() => import('./pages/documents/DocumentsPage').then((m) => ({ default: m.DocumentsPage })));
const DocumentPage = lazy(() => import('./pages/documents/DocumentPage').then((m) => ({ default: m.DocumentPage })));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const WorkflowSettingsPage = lazy(() =>
  import('./pages/workflows/WorkflowSettingsPage').then((m) => ({ default: m.WorkflowSettingsPage })),
);
const InboxPage = lazy(() => import('./pages/approvals/InboxPage').then((m) => ({ default: m.InboxPage })));
const ApprovalPage = lazy(() => import('./pages/approvals/ApprovalPage').then((m) => ({ default: m.ApprovalPage })));
const EvaluationsPage = lazy(() => import('./pages/evaluations/EvaluationsPage').then((m) => ({ default: m.EvaluationsPage })));
const NewEvaluationPage = lazy(() => import('./pages/evaluations/NewEvaluationPage').then((m) => ({ default: m.NewEvaluationPage })));
const EvaluationPage = lazy(() => import('./pages/evaluations/EvaluationPage').then((m) => ({ default: m.EvaluationPage })));
const TemplatesPage = lazy(() => import('./pages/templates/TemplatesPage').then((m) => ({ default: m.TemplatesPage })));
const PublicApprovalPage = lazy(() => import('./pages/approvals/PublicApprovalPage').then((m) => ({ default: m.PublicApprovalPage })));

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
