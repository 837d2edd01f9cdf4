import { HttpClient, type ClientOptions } from './http';
import { Keys, Runs, Workflows } from './resources';

export { AssayApiError } from './errors';
export type { ClientOptions } from './http';
export type { CreateRunOptions, ListOptions, Page, RunSummary } from './resources';

/** The typed client of the Assay HTTP API. */
export class AssayClient {
  readonly workflows: Workflows;
  readonly runs: Runs;
  readonly keys: Keys;

  constructor(options: ClientOptions) {
    const http = new HttpClient(options);
    this.workflows = new Workflows(http);
    this.runs = new Runs(http);
    this.keys = new Keys(http);
  }
}
