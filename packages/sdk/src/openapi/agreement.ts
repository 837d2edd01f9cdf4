/**
 * Compile-time proof that the SDK's request and response types agree with the types generated from
 * the served OpenAPI document (schema.d.ts) for the main resources. `npm run typecheck` compiles this
 * file: a field renamed, added or retyped on one side and not the other fails it. Nothing here runs.
 */
import type { ApiKey, Batch, Run, Workflow } from '@assay/schema';
import type { CreatedApiKey } from '../keys';
import type { CreateRunOptions, RunSummary } from '../runs';
import type { ListedWorkflow } from '../workflows';
import type { operations } from './schema';

/** The JSON body an operation answers with `status`. */
type Answer<Id extends keyof operations, Status extends number> =
  operations[Id]['responses'] extends Record<Status, { content: { 'application/json': infer Body } }> ? Body : never;
/** Its `data`. */
type Data<Id extends keyof operations, Status extends number> = Answer<Id, Status> extends { data: infer D } ? D : never;
/** The `data` items of a list answer. */
type Item<Id extends keyof operations> = Data<Id, 200> extends Array<infer I> ? I : never;
/** The JSON body an operation takes. */
type Body<Id extends keyof operations> =
  NonNullable<operations[Id]['requestBody']> extends { content: { 'application/json': infer B } } ? B : never;

/**
 * The document cannot require a field of any JSON value (a run's `output` is absent until it has
 * one); zod's types, which the SDK uses, say it is there, possibly undefined. Those fields are
 * compared as present.
 */
type AnyValueFieldsPresent<T> =
  T extends ReadonlyArray<infer I>
    ? Array<AnyValueFieldsPresent<I>>
    : T extends object
      ? { [K in keyof T as unknown extends T[K] ? K : never]-?: T[K] } & {
          [K in keyof T as unknown extends T[K] ? never : K]: AnyValueFieldsPresent<T[K]>;
        }
      : T;

/** `true` only when both types have the same fields (optional or not): catches a rename that assignability alone lets by. */
type SameFields<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/** `true` only when every field of A is one of B's. */
type FieldsWithin<A, B> = [keyof A] extends [keyof B] ? true : false;

/** A value of T, to assign where the other side's type is expected (types only: never evaluated). */
declare function value<T>(): T;
const fields = (...checks: true[]) => checks;

// A run, as the SDK's runs.get / create / cancel answer it, both ways.
export const runFromApi: Run = value<AnyValueFieldsPresent<Data<'getWorkflowRun', 200>>>();
export const runToApi: Data<'getWorkflowRun', 200> = value<Run>();
export const runFromCreate: Run = value<AnyValueFieldsPresent<Data<'createRun', 201>>>();
export const runSummaryFromList: RunSummary = value<AnyValueFieldsPresent<Item<'listWorkflowRuns'>>>();
export const runSummaryToList: Item<'listWorkflowRuns'> = value<RunSummary>();

// A workflow, and a workflow as the list shows it. The document gives list items the Workflow
// schema, whose `stats` is optional (only lists fill it); the SDK's ListedWorkflow says they always
// do, so only its direction into the document's type is checked, with its fields.
export const workflowFromApi: Workflow = value<Data<'getWorkflow', 200>>();
export const workflowToApi: Data<'getWorkflow', 200> = value<Workflow>();
export const listedWorkflowToApi: Item<'listWorkflows'> = value<ListedWorkflow>();

// A batch.
export const batchFromApi: Batch = value<Data<'getBatch', 200>>();
export const batchToApi: Data<'getBatch', 200> = value<Batch>();
export const batchFromCreate: Batch = value<Data<'createBatch', 201>>();

/**
 * The body runs.create sends: CreateRunOptions without what goes in a header (`idempotencyKey`) and
 * the query (`wait`), with `input` always there (`{}` by default).
 */
type SdkCreateRunBody = Omit<CreateRunOptions, 'idempotencyKey' | 'wait' | 'input'> & { input: NonNullable<CreateRunOptions['input']> };
export const createRunBody: Body<'createRun'> = value<SdkCreateRunBody>();

// A key as created (with its secret and its Bearer token) and as listed.
export const createdKeyFromApi: ApiKey = value<Data<'createKey', 201>>();
export const createdKeyToApi: Data<'createKey', 201> = value<CreatedApiKey>();

export const sameFields = fields(
  value<SameFields<Run, Data<'getWorkflowRun', 200>>>(),
  value<SameFields<Run['steps'][number], NonNullable<Data<'getWorkflowRun', 200>['steps']>[number]>>(),
  value<SameFields<RunSummary, Item<'listWorkflowRuns'>>>(),
  value<SameFields<Workflow, Data<'getWorkflow', 200>>>(),
  value<SameFields<ListedWorkflow, Item<'listWorkflows'>>>(),
  value<SameFields<Batch, Data<'getBatch', 200>>>(),
  value<SameFields<ApiKey, Data<'createKey', 201>>>(),
  // The SDK sends no field the API does not take (a field it renamed, or one the API renamed).
  value<FieldsWithin<SdkCreateRunBody, Body<'createRun'>>>(),
);
