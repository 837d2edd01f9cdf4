import type { StepTypeInfo } from '@assay/schema';
import type { HttpClient } from './http';

/** `GET /v1/step-types`: the step types the server knows, for editors and tooling. */
export class StepTypes {
  constructor(private readonly http: HttpClient) {}

  /** Every step type with its family, description, config JSON Schema and JSONata fields, by family then type. */
  async list(): Promise<StepTypeInfo[]> {
    return (await this.http.request<{ data: StepTypeInfo[] }>('GET', '/v1/step-types')).data;
  }
}
