import { useEffect, useState } from 'react';
import { isTemplateText, type ExpressionPreview, type ExpressionPreviewRequest } from '@assay/schema';
import { api } from '../../api';

const DEBOUNCE_MS = 300;
const SHOWN_CHARS = 300;

interface Props {
  text: string;
  syntax: 'template' | 'expression';
  /** The sample data to evaluate against; null when there is none yet (nothing is shown). */
  scope: ExpressionPreviewRequest['scope'] | null;
}

/**
 * The value under a template or expression field against the sample data, as a run would compute it
 * (the server evaluates it under a run's limits), or the error the run would meet.
 */
export function PreviewLine({ text, syntax, scope }: Props) {
  const [preview, setPreview] = useState<ExpressionPreview | null>(null);
  const worthIt = scope !== null && text.trim() !== '' && (syntax === 'expression' || isTemplateText(text));
  const scopeKey = JSON.stringify(scope);
  useEffect(() => {
    if (!worthIt) {
      setPreview(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      api.expressions
        .preview({ text, syntax, scope: scope ?? {} })
        .then((answer) => !cancelled && setPreview(answer))
        .catch(() => !cancelled && setPreview(null));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // The scope is compared by its JSON text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, syntax, scopeKey, worthIt]);
  if (!worthIt || !preview) return null;
  if (!preview.ok)
    return (
      <div className="code-preview error" role="alert" data-testid="expression-error">
        {preview.error.message}
      </div>
    );
  const shown = preview.truncated ? String(preview.value) : JSON.stringify(preview.value);
  return (
    <div className="code-preview" data-testid="expression-preview" title={shown.slice(0, 2000)}>
      = {shown.length > SHOWN_CHARS ? `${shown.slice(0, SHOWN_CHARS)}…` : shown}
    </div>
  );
}
