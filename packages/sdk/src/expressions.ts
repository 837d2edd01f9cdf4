import type { ExpressionPreview, ExpressionPreviewRequest } from '@assay/schema';
import type { HttpClient } from './http';

/** `POST /v1/expressions/preview`: what a template or expression gives against sample data. */
export class Expressions {
  constructor(private readonly http: HttpClient) {}

  /** The value a run would get, or the error it would meet (`ok: false`), under a run's limits. */
  async preview(request: ExpressionPreviewRequest): Promise<ExpressionPreview> {
    return (await this.http.request<{ data: ExpressionPreview }>('POST', '/v1/expressions/preview', { body: request })).data;
  }
}
