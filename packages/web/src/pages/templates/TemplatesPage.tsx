import { useState } from 'react';
import { useLocation } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import type { TemplateSummary } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { useAction } from '../../ui/use-action';
import { keys } from '../../ui/query/keys';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { afterCreating, needLabel } from './template-needs';
import './templates.css';

/**
 * The template gallery: research workflows, each created in one click (with the sample data it runs
 * on) and opened in the editor, where Run starts it with the sample input (its inputs' defaults).
 */
export function TemplatesPage() {
  const { can } = useSession();
  const [, navigate] = useLocation();
  const templates = useQuery({ queryKey: keys.templates.all, queryFn: () => api.templates.list() });
  const invalidate = useInvalidate();
  const action = useAction();
  const [using, setUsing] = useState<string | null>(null);

  const use = (template: TemplateSummary) => {
    setUsing(template.id);
    void action
      .run(async () => {
        const { workflow } = await api.templates.create(template.id);
        // A template creates a workflow and the sample data it runs on.
        invalidate(keys.workflows.all, keys.datasets.all, keys.documents.all);
        navigate(`/workflows/${workflow.id}`);
      })
      .finally(() => setUsing(null));
  };

  return (
    <div>
      <PageHeader title="Templates" />
      <p className="muted">
        Research workflows ready to run. Use one to create the workflow (and the sample data it runs on) and open it in the editor; its Run
        form starts with the sample input.
      </p>
      <ErrorNote error={action.error ?? templates.error} />
      {templates.isPending && <div className="muted">Loading…</div>}
      <div className="template-grid" data-testid="template-gallery">
        {(templates.data ?? []).map((template) => (
          <section key={template.id} className="card template-card" data-testid={`template-${template.id}`} aria-label={template.name}>
            <span className="category muted">{template.category}</span>
            <h2>{template.name}</h2>
            <p>{template.description}</p>
            <div>
              <span className="muted">Needs</span>
              <ul className="template-needs">
                {template.needs.map((need) => (
                  <li key={need}>{needLabel(need)}</li>
                ))}
              </ul>
            </div>
            <details>
              <summary className="muted">Sample input</summary>
              <pre>{JSON.stringify(template.sampleInput, null, 2)}</pre>
            </details>
            {afterCreating(template).map((note) => (
              <p key={note} className="muted">
                {note}
              </p>
            ))}
            <div className="actions">
              {can.edit ? (
                <button className="primary" disabled={action.busy} onClick={() => use(template)}>
                  {using === template.id ? 'Creating…' : 'Use template'}
                </button>
              ) : (
                <span className="muted">Your role cannot create workflows.</span>
              )}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
