import { useEffect, useMemo, useState } from 'react';
import type { WorkflowDefinitionInput } from '@assay/schema';
import { api } from '../api';
import { indexErrors, type DefinitionError } from './validation';

const DEBOUNCE_MS = 350;

/**
 * Checks the definition with the server (the one source of truth for what a valid workflow is) a
 * moment after each change, so errors (which a save refuses) and warnings (which it does not) show on
 * the nodes and fields before saving.
 */
export function useValidation(definition: WorkflowDefinitionInput, revision: number) {
  const [errors, setErrors] = useState<DefinitionError[]>([]);
  const [warnings, setWarnings] = useState<DefinitionError[]>([]);
  const [outputSchemas, setOutputSchemas] = useState<Record<string, Record<string, unknown>>>({});
  const [pending, setPending] = useState(true);
  useEffect(() => {
    let cancelled = false;
    setPending(true);
    const timer = setTimeout(() => {
      api.workflows
        .validate(definition)
        .then((result) => {
          if (cancelled) return;
          setErrors(result.errors);
          setWarnings(result.warnings ?? []);
          setOutputSchemas(result.outputSchemas ?? {});
        })
        .catch((error: unknown) => {
          if (cancelled) return;
          setErrors([{ path: '', message: error instanceof Error ? error.message : String(error) }]);
          setWarnings([]);
        })
        .finally(() => !cancelled && setPending(false));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // The definition is rebuilt only when the revision moves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision]);
  const stepIds = definition.steps.map((step) => step.id);
  const index = useMemo(() => indexErrors(errors, stepIds), [errors, stepIds.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  const warningIndex = useMemo(() => indexErrors(warnings, stepIds), [warnings, stepIds.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  return { errors, warnings, pending, index, warningIndex, outputSchemas };
}
