import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { AssayApiError } from '@assay/sdk';
import type { Workflow } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { keys } from '../../ui/query/keys';
import { InputControl } from './InputControl';
import { fieldErrorsOf, formToInput, initialValues, type FieldValue, type InputSpec } from './input-form';
import './runs.css';

/** Starts a run of a workflow from a form generated from its declared inputs. */
export function RunFormPage({ workflowId }: { workflowId: string }) {
  // The form starts from the definition as it is now (the editor changes it outside the cache), so
  // a cached copy is not used to build it.
  const workflow = useQuery({
    queryKey: keys.workflows.detail(workflowId),
    queryFn: () => api.workflows.get(workflowId),
    refetchOnMount: 'always',
  });
  if (workflow.error) return <ErrorNote error={workflow.error} />;
  if (!workflow.data || !workflow.isFetchedAfterMount) return <div className="muted">Loading…</div>;
  // Keyed: another workflow starts from its own defaults.
  return <RunForm key={workflow.data.id} workflow={workflow.data} />;
}

function RunForm({ workflow }: { workflow: Workflow }) {
  const { can } = useSession();
  const [, navigate] = useLocation();
  const inputs = (workflow.definition.inputs ?? {}) as Record<string, InputSpec>;
  const [values, setValues] = useState<Record<string, FieldValue>>(() => initialValues(inputs));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const disabled = !can.run || Boolean(workflow.archivedAt) || submitting;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const { input, errors } = formToInput(inputs, values);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setSubmitting(true);
    try {
      const run = await api.runs.create(workflow.id, { input });
      navigate(`/runs/${run.id}`);
    } catch (failure) {
      setSubmitting(false);
      // Problems the server names by field go next to the field; the rest above the button.
      if (failure instanceof AssayApiError && failure.details.length > 0) {
        const { byField, general } = fieldErrorsOf(failure.details);
        setFieldErrors(byField);
        setError(new AssayApiError(failure.status, failure.message, failure.code, general));
      } else {
        setError(failure);
      }
    }
  };

  const names = Object.keys(inputs);
  return (
    <div>
      <PageHeader
        title={
          <>
            Run <Link href={`/workflows/${workflow.id}`}>{workflow.name}</Link>
          </>
        }
      >
        <span className="muted">version {workflow.version}</span>
      </PageHeader>
      {!can.run && <div className="notice">Your role (viewer) can see this form but not start runs.</div>}
      {workflow.archivedAt && <div className="notice">This workflow is archived: it takes no new runs.</div>}
      <form className="card run-form" data-testid="run-form" onSubmit={(e) => void submit(e)} noValidate>
        {workflow.description && <p className="muted">{workflow.description}</p>}
        {names.length === 0 && <p className="muted">This workflow declares no inputs.</p>}
        <fieldset disabled={disabled} style={{ border: 'none', padding: 0, margin: 0 }}>
          {names.map((name) => (
            <InputControl
              key={name}
              name={name}
              spec={inputs[name] as InputSpec}
              value={values[name] ?? ''}
              error={fieldErrors[name]}
              disabled={disabled}
              onChange={(value) => setValues((previous) => ({ ...previous, [name]: value }))}
            />
          ))}
        </fieldset>
        <ErrorNote error={error} />
        <div className="row">
          <button className="primary" type="submit" disabled={disabled}>
            Run
          </button>
          {submitting && <span className="muted">Starting…</span>}
        </div>
      </form>
    </div>
  );
}
