import { AssayError, MAX_PREVIEW_VALUE, type ExpressionPreview, type ExpressionPreviewRequest } from '@assay/schema';
import { evaluateExpression, renderTemplate } from '@assay/engine';

type Request = Omit<ExpressionPreviewRequest, 'scope'> & { scope: NonNullable<ExpressionPreviewRequest['scope']> };

/**
 * Evaluates a template or expression as a run would, against the sample scope the editor sends, under
 * the same limits (a slow one moves to an isolate and is stopped at the time limit). A failure is an
 * answer, not an error: the editor shows it where the user types.
 */
export async function previewExpression(request: Request, signal?: AbortSignal): Promise<ExpressionPreview> {
  const { scope } = request;
  const runScope = {
    input: scope.input ?? {},
    steps: Object.fromEntries(Object.entries(scope.steps ?? {}).map(([id, step]) => [id, { output: step.output, status: 'completed' }])),
    trigger: scope.trigger ?? null,
    run: { id: 'preview', createdAt: new Date().toISOString() },
    workflow: { id: 'preview', version: 0, name: request.workflowName ?? 'preview' },
    assay: {},
    ...(scope.item !== undefined ? { item: scope.item } : {}),
    ...(scope.index !== undefined ? { index: scope.index } : {}),
    ...(scope.args !== undefined ? { args: scope.args } : {}),
  };
  try {
    const value =
      request.syntax === 'template'
        ? await renderTemplate(request.text, runScope, 'preview', { signal })
        : await evaluateExpression(request.text, runScope, 'preview', { signal });
    return present(value);
  } catch (error) {
    if (!(error instanceof AssayError)) throw error;
    return { ok: false, error: { code: error.code, message: error.message.replace(/^preview: /, '') } };
  }
}

function present(value: unknown): ExpressionPreview {
  const text = JSON.stringify(value ?? null);
  if (text.length <= MAX_PREVIEW_VALUE) return { ok: true, value: value ?? null };
  return { ok: true, value: text.slice(0, MAX_PREVIEW_VALUE), truncated: true };
}
