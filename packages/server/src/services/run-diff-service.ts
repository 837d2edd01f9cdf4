import { createHash } from 'node:crypto';
import {
  AssayError,
  RUN_DIFF_LIMITS,
  type DocumentDiff,
  type FieldChanges,
  type Run,
  type RunDiff,
  type RunDiffSide,
  type StepDiff,
  type StepRun,
} from '@assay/schema';
import type { ArtifactRecord, RunRecord, Store } from '@assay/store';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { compareFields } from './field-diff';
import { presentRun } from './presenters';

/** Time one document's line diff may take, and all of a comparison's together (then: by hash). */
const DOCUMENT_DIFF_MS = 2_000;
const REQUEST_DIFF_MS = 5_000;

/** Text documents, by content type (before any `;` parameter) or, failing that, by extension. */
const TEXT_TYPES = /^(text\/.+|application\/(json|ld\+json|x-ndjson|xml|csv)|.+\+(json|xml))$/;
const TEXT_NAMES = /\.(md|markdown|html?|txt|text|json|ndjson|jsonl|csv|tsv|xml)$/i;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A run read for comparison: as the API presents it, and the normaliser of its strings. */
interface Side {
  run: Run;
  /** Its links to itself (`/v1/workflow-runs/<its id>/…`, e.g. its documents' URLs) read the same in either run. */
  normalise: (text: string) => string;
  artifacts: ArtifactRecord[];
}

/** A document's bytes as compared. */
interface File {
  contentType: string;
  bytes: number;
  sha256: string;
  /** Its text, when it is a text document small enough to diff by line. */
  text: string | null;
}

/**
 * Compares two runs of a workspace (typically the same input on two versions of a workflow): their
 * statuses, inputs and outputs field by field, each step (matched by id) and each document (matched
 * by name; text line by line, other files by size and SHA-256).
 */
export class RunDiffService {
  constructor(private readonly store: Store) {}

  async diff(workspaceId: string, aId: string, bId: string): Promise<RunDiff> {
    // Both must be this workspace's: another workspace's run is "not found" like a missing one.
    const aRun = await this.require(workspaceId, aId);
    const bRun = await this.require(workspaceId, bId);
    const [a, b] = await Promise.all([this.side(aRun), this.side(bRun)]);

    const input = this.fields(a.run.input, b.run.input, a, b, RUN_DIFF_LIMITS.changesPerValue);
    const output = this.fields(a.run.output, b.run.output, a, b, RUN_DIFF_LIMITS.changesPerValue);
    const steps = this.steps(a, b);
    const { documents, truncated: documentsTruncated } = await this.documents(workspaceId, a, b);

    const statusChanged = a.run.status !== b.run.status;
    const identical =
      !statusChanged &&
      (a.run.error?.message ?? null) === (b.run.error?.message ?? null) &&
      empty(input) &&
      empty(output) &&
      steps.every((s) => s.change === 'unchanged') &&
      documents.every((d) => d.change === 'unchanged') &&
      !documentsTruncated;
    const truncated =
      input.truncated ||
      output.truncated ||
      steps.some((s) => s.output.truncated) ||
      documentsTruncated ||
      documents.some((d) => d.patchTruncated);
    return {
      a: presentSide(a.run),
      b: presentSide(b.run),
      identical,
      statusChanged,
      input,
      output,
      steps,
      documents,
      documentsTruncated,
      truncated,
    };
  }

  private async require(workspaceId: string, runId: string): Promise<RunRecord> {
    const run = await this.store.runs.get(workspaceId, runId);
    if (!run) throw new AssayError('not_found', `run ${runId} not found`);
    return run;
  }

  private async side(run: RunRecord): Promise<Side> {
    const [steps, version, artifacts] = await Promise.all([
      this.store.runs.steps(run.id),
      this.store.workflows.getVersion(run.workflowId, run.workflowVersion),
      this.store.artifacts.list(run.id),
    ]);
    const own = `/v1/workflow-runs/${run.id}/`;
    return {
      run: presentRun(run, steps, version?.definition ?? null, artifacts),
      normalise: (text) => (text.includes(own) ? text.replaceAll(own, '/v1/workflow-runs/{run}/') : text),
      artifacts,
    };
  }

  private fields(before: unknown, after: unknown, a: Side, b: Side, limit: number): FieldChanges {
    return compareFields(before, after, { limit, normaliseBefore: a.normalise, normaliseAfter: b.normalise });
  }

  /** Every step of either run: run a's in order, then those only in run b. */
  private steps(a: Side, b: Side): StepDiff[] {
    const before = new Map(a.run.steps.map((s) => [s.id, s]));
    const after = new Map(b.run.steps.map((s) => [s.id, s]));
    const ids = [...before.keys(), ...[...after.keys()].filter((id) => !before.has(id))];
    // The steps' changes share one allowance, so a long workflow cannot make an endless answer.
    let left: number = RUN_DIFF_LIMITS.stepChanges;
    return ids.map((id): StepDiff => {
      const was = before.get(id);
      const is = after.get(id);
      if (!was || !is)
        return {
          id,
          change: was ? 'removed' : 'added',
          before: was ? presentStep(was) : null,
          after: is ? presentStep(is) : null,
          output: { changes: [], truncated: false },
        };
      const output = this.fields(was.output, is.output, a, b, Math.min(RUN_DIFF_LIMITS.changesPerValue, left));
      left -= output.changes.length;
      const same =
        was.type === is.type && was.status === is.status && (was.error?.message ?? null) === (is.error?.message ?? null) && empty(output);
      return { id, change: same ? 'unchanged' : 'changed', before: presentStep(was), after: presentStep(is), output };
    });
  }

  /** The runs' documents matched by name (at most 50 names): run a's first, then those only in run b. */
  private async documents(workspaceId: string, a: Side, b: Side): Promise<{ documents: DocumentDiff[]; truncated: boolean }> {
    const names = [...new Set([...a.artifacts.map((f) => f.name), ...b.artifacts.map((f) => f.name)])];
    const compared = names.slice(0, RUN_DIFF_LIMITS.documents);
    const deadline = Date.now() + REQUEST_DIFF_MS;
    const documents: DocumentDiff[] = [];
    // One document at a time: at most two files' bytes are held at once.
    for (const name of compared) {
      const [before, after] = await Promise.all([this.file(workspaceId, a.run.id, name), this.file(workspaceId, b.run.id, name)]);
      documents.push(compareDocuments(name, before, after, deadline - Date.now()));
    }
    return { documents, truncated: names.length > compared.length };
  }

  private async file(workspaceId: string, runId: string, name: string): Promise<File | null> {
    const artifact = await this.store.artifacts.get(workspaceId, runId, name);
    if (!artifact) return null;
    const data = artifact.data;
    const type = artifact.contentType.split(';')[0]!.trim().toLowerCase();
    const textLike = TEXT_TYPES.test(type) || ((type === '' || type === 'application/octet-stream') && TEXT_NAMES.test(name));
    let text: string | null = null;
    if (textLike && data.byteLength <= RUN_DIFF_LIMITS.textBytes) {
      try {
        text = utf8.decode(data);
      } catch {
        // Not UTF-8 after all: compared by hash.
      }
    }
    return {
      contentType: artifact.contentType,
      bytes: data.byteLength,
      sha256: createHash('sha256').update(data).digest('hex'),
      text,
    };
  }
}

/** One document: unchanged when its bytes and type are the same; a text one that changed gets a unified patch. */
function compareDocuments(name: string, before: File | null, after: File | null, timeLeftMs: number): DocumentDiff {
  const present = (file: File | null) => (file ? { contentType: file.contentType, bytes: file.bytes, sha256: file.sha256 } : null);
  const result = (
    change: DocumentDiff['change'],
    comparedBy: DocumentDiff['comparedBy'],
    patch: string | null = null,
    patchTruncated = false,
  ) => ({
    name,
    change,
    comparedBy,
    before: present(before),
    after: present(after),
    patch,
    patchTruncated,
  });
  if (!before || !after) return result(before ? 'removed' : 'added', (before ?? after)!.text !== null ? 'lines' : 'hash');
  const bothText = before.text !== null && after.text !== null;
  if (before.sha256 === after.sha256 && before.contentType === after.contentType) return result('unchanged', bothText ? 'lines' : 'hash');
  if (!bothText || before.sha256 === after.sha256 || timeLeftMs <= 0) return result('changed', 'hash');
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before.text!, after.text!, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
    timeout: Math.min(DOCUMENT_DIFF_MS, timeLeftMs),
  });
  // Too different to diff in the time allowed: by hash.
  if (patch === undefined) return result('changed', 'hash');
  const { text, truncated } = cut(patch, RUN_DIFF_LIMITS.patchChars);
  return result('changed', 'lines', text, truncated);
}

/** A patch of at most `max` characters, cut at the end of a line. */
function cut(patch: string, max: number): { text: string; truncated: boolean } {
  if (patch.length <= max) return { text: patch, truncated: false };
  const end = patch.lastIndexOf('\n', max - 1);
  return { text: patch.slice(0, end > 0 ? end + 1 : max), truncated: true };
}

function empty(fields: FieldChanges): boolean {
  return fields.changes.length === 0 && !fields.truncated;
}

function presentStep(step: StepRun): NonNullable<StepDiff['before']> {
  return { type: step.type, status: step.status, error: step.error?.message ?? null };
}

function presentSide(run: Run): RunDiffSide {
  return {
    id: run.id,
    workflowId: run.workflowId,
    workflowVersion: run.workflowVersion,
    status: run.status,
    error: run.error,
    createdAt: run.createdAt,
    completedAt: run.completedAt,
  };
}
