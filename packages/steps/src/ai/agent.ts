import { defineStepType, RunStopped, type StepContext, type StepType } from '@assay/engine';
import { AssayError, Budget, McpServerName, StepDefinition, toAssayError, type Citation } from '@assay/schema';
import type { JSONSchema7, ModelMessage } from 'ai';
import { z } from 'zod';
import type { AiCall, ModelTurn, ToolOffer } from './call';
import {
  CitationOptions,
  citationRules,
  collectSources,
  repairRequest,
  settleCitations,
  SourceIndex,
  sourcesBlock,
  stepSources,
} from './citations/cite';
import { checkCitedText, citedOutput, CITED_TEXT_SCHEMA, type CitedAnswer } from './citations/cite-text';
import type { Source } from './citations/sources';
import { MaxTokens, ModelName, startCall, Temperature } from './common';
import type { ModelResolver } from './providers';
import { compileSchema, describeProblems, parseAndValidate } from './validate';
import { openMcpSession, type McpDependencies, type McpSession } from '../mcp/session';

/** A tool's name: what OpenAI and Anthropic both accept, and a valid step id. */
const ToolName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be letters, digits and "_" (at most 64), starting with a letter');

const Tool = z
  .object({
    name: ToolName.describe('The tool’s name, as the model calls it'),
    description: z.string().min(1).max(4000).describe('What the tool does, for the model'),
    parameters: z
      .record(z.string(), z.unknown())
      .default({ type: 'object', properties: {} })
      .describe('The JSON Schema of the arguments the model fills in (an object)'),
    step: z
      .object({
        type: z.string().min(1).max(100),
        with: z.record(z.string(), z.unknown()).default({}),
        timeoutMs: z.number().int().min(1).max(86_400_000).optional(),
      })
      .strict()
      .describe('The step a call runs: an existing step type and its config, whose templates read `args`'),
  })
  .strict();
type Tool = z.infer<typeof Tool>;

const Config = z
  .object({
    model: ModelName,
    instructions: z.string().max(200_000).optional().describe('The agent’s standing instructions (the system prompt)'),
    prompt: z.string().min(1).max(1_000_000).describe('The task'),
    tools: z.array(Tool).max(32).default([]).describe('Steps the model may call as tools'),
    mcp: z
      .array(z.object({ server: McpServerName, tools: z.array(z.string().min(1).max(200)).min(1).max(200).optional() }).strict())
      .max(8)
      .default([])
      .describe('Tools of the workspace’s MCP servers: every tool a server lists, or the ones named'),
    schema: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('A JSON Schema: the final answer is JSON validated against it (one repair turn when invalid)'),
    maxSteps: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe('Model turns at most; the last one is offered no tools, so it must answer'),
    maxToolCalls: z
      .number()
      .int()
      .min(1)
      .max(500)
      .default(25)
      .describe('Tool calls at most; calls past it are answered with an error and the next turn gets no tools'),
    temperature: Temperature.optional(),
    maxTokens: MaxTokens.optional(),
    budget: Budget.optional().describe(
      'This agent’s own limit on its model calls (within the run’s budget): a turn that would cross it fails the step (`budget_exceeded`) instead of parking the run',
    ),
    ...CitationOptions,
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.citations && config.schema)
      ctx.addIssue({ code: 'custom', path: ['schema'], message: 'a cited answer is text with [n] markers: drop `schema` to cite' });
    const seen = new Set<string>();
    config.tools.forEach((tool, i) => {
      if (seen.has(tool.name)) ctx.addIssue({ code: 'custom', path: ['tools', i, 'name'], message: `duplicate tool name "${tool.name}"` });
      seen.add(tool.name);
    });
  });
type Config = z.infer<typeof Config>;

/** A model turn as the transcript keeps it. */
export interface TurnEntry {
  kind: 'model';
  turn: number;
  text: string;
  toolCalls: ModelTurn['toolCalls'];
  inputTokens: number;
  outputTokens: number;
  ms: number;
}

/** A tool call as the transcript keeps it: its result (or error), shortened when large. */
export interface ToolEntry {
  kind: 'tool';
  id: string;
  name: string;
  args: unknown;
  result?: unknown;
  error?: string;
  /** The whole result, when the transcript holds a shortened one. */
  artifact?: string;
  ms: number;
}

/** Characters of a tool result the model reads, and the transcript keeps, before it is shortened. */
const RESULT_CHARS = 16_000;

/**
 * `ai.agent`: a model that calls tools in a loop until it answers. Each tool is an existing step type
 * run with the model's arguments as `args`. Durable: every model turn and every tool call is
 * checkpointed as it finishes (as `map` items), so a run that dies mid-agent resumes after the last
 * finished one and repeats no model call or tool call that finished. The output holds the answer
 * and the transcript.
 */
export function createAiAgentStep(resolver: ModelResolver, mcp?: McpDependencies): StepType {
  return defineStepType<Config>({
    type: 'ai.agent',
    example: {
      id: 'research',
      with: {
        model: 'anthropic:claude-sonnet-4-5',
        instructions: 'Answer from what the tools return; say when they do not tell.',
        prompt: 'Where is {{ input.company }} headquartered, and since when?',
        tools: [
          {
            name: 'search',
            description: 'Search the web',
            parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
            step: { type: 'web.search', with: { query: '{{ args.query }}', limit: 5 } },
          },
        ],
        maxSteps: 8,
        budget: { usd: 0.5 },
      },
    },
    // Cacheable as an AI step: its tools should be lookups (a cache hit makes none of their calls).
    cacheable: () => true,
    family: 'ai',
    description: 'A model that calls tools (other steps) in a loop until it answers; every turn and call is checkpointed.',
    config: Config,
    // Tool configs are rendered per call, with the model's arguments as `args`.
    verbatimKeys: ['tools'],
    subgraphsOf: (config) =>
      Array.isArray(config.tools)
        ? config.tools.map((tool: unknown, i: number) => {
            const t = (tool ?? {}) as { name?: unknown; step?: Record<string, unknown> };
            return { path: `tools[${i}].step`, step: { id: typeof t.name === 'string' ? t.name : 'tool', ...t.step } };
          })
        : [],
    async execute(config, context) {
      const call = await startCall(resolver, config.model, context, config.budget);
      const sessions: McpSession[] = [];
      try {
        const remote = await mcpTools(config, context, mcp, sessions);
        const agent = new AgentLoop(config, context, call, remote);
        return { kind: 'completed', output: await agent.run(), usage: { ...call.usage() } };
      } finally {
        await Promise.all(sessions.map((session) => session.close()));
      }
    },
  });
}

/** A tool of an MCP server offered to the model: the session that calls it and the tool's own name there. */
interface RemoteTool {
  offer: ToolOffer;
  session: McpSession;
  tool: string;
  /** Null when the server's schema cannot be compiled here (the server checks the arguments itself). */
  check: ReturnType<typeof compileSchema> | null;
}

/** A tool the agent can run: a step of its own, or a tool of an MCP server. */
type AgentTool =
  { kind: 'step'; tool: Tool; graph: StepDefinition[]; check: ReturnType<typeof compileSchema> } | ({ kind: 'mcp' } & RemoteTool);

/**
 * Opens a session with each MCP server the agent names and lists its tools (all of them, or the
 * ones named: a name the server lacks fails the step, listing what it has).
 */
async function mcpTools(
  config: Config,
  context: StepContext,
  mcp: McpDependencies | undefined,
  sessions: McpSession[],
): Promise<RemoteTool[]> {
  if (config.mcp.length === 0) return [];
  if (!mcp) throw new AssayError('invalid_input', 'MCP tools are not available in this installation');
  const remote: RemoteTool[] = [];
  for (const entry of config.mcp) {
    const session = await openMcpSession(mcp, context.workspaceId, entry.server, context.credentials, context.signal);
    sessions.push(session);
    const listed = await session.listTools(context.signal);
    const wanted = entry.tools ?? listed.map((t) => t.name);
    for (const name of wanted) {
      const tool = listed.find((t) => t.name === name);
      if (!tool)
        throw new AssayError(
          'invalid_input',
          `MCP server "${entry.server}" has no tool "${name}"; it has: ${listed.map((t) => t.name).join(', ') || '(none)'}`,
        );
      let check: ReturnType<typeof compileSchema> | null = null;
      try {
        check = compileSchema(tool.inputSchema as JSONSchema7);
      } catch {
        check = null;
      }
      // What OpenAI and Anthropic accept as a tool name.
      const offered = tool.name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
      remote.push({
        offer: { name: offered, description: tool.description, parameters: tool.inputSchema as JSONSchema7 },
        session,
        tool: tool.name,
        check,
      });
    }
  }
  return remote;
}

class AgentLoop {
  private readonly offers: ToolOffer[];
  private readonly tools: Map<string, AgentTool>;
  private readonly messages: ModelMessage[];
  private readonly transcript: Array<TurnEntry | ToolEntry> = [];
  private readonly settings: { system?: string; temperature?: number; maxTokens?: number };
  private readonly answerCheck: ReturnType<typeof compileSchema> | null;
  /** Checkpointed turns and calls of earlier attempts, by position in the conversation. */
  private done = new Map<number, { output: unknown }>();
  private position = 0;
  /**
   * Checkpoints requested and not yet waited for. The store applies a run's writes in call order, so
   * a tool's result never lands before the turn that asked for it; waiting for them together after
   * each call lets a fast tool's turn, start and result share one transaction.
   */
  private writes: Array<Promise<void>> = [];
  private toolCalls = 0;
  /** The tool calls made (or replayed), in order: with `citations`, their results are sources. */
  private readonly called: Array<{ at: number; entry: ToolEntry }> = [];
  /** Whole results of this attempt's calls (the transcript may hold a shortened one). */
  private readonly whole = new Map<number, unknown>();
  /** The sources given in the config (with `citations`). */
  private readonly given: Source[];

  constructor(
    private readonly config: Config,
    private readonly context: StepContext,
    private readonly call: AiCall,
    remote: RemoteTool[],
  ) {
    this.offers = [
      ...config.tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters as JSONSchema7 })),
      ...remote.map((r) => r.offer),
    ];
    this.tools = new Map<string, AgentTool>(
      config.tools.map((tool) => [
        tool.name,
        {
          kind: 'step',
          tool,
          graph: [StepDefinition.parse({ id: tool.name, type: tool.step.type, with: tool.step.with, timeoutMs: tool.step.timeoutMs })],
          check: compileSchema(tool.parameters as JSONSchema7),
        },
      ]),
    );
    for (const r of remote) {
      if (this.tools.has(r.offer.name))
        throw new AssayError(
          'invalid_input',
          `two tools are named "${r.offer.name}" (MCP server "${r.session.server}" and another); name the MCP tools to offer in \`mcp[].tools\``,
        );
      this.tools.set(r.offer.name, { kind: 'mcp', ...r });
    }
    const answerSchema = config.citations ? CITED_TEXT_SCHEMA : (config.schema as JSONSchema7 | undefined);
    this.answerCheck = answerSchema ? compileSchema(answerSchema) : null;
    const answerRule = answerSchema
      ? `When you have the answer, reply with JSON only (no prose, no code fences) that matches this JSON Schema: ${JSON.stringify(answerSchema)}`
      : undefined;
    const citing = config.citations
      ? `${citationRules('marker')} Your sources are what your tools return (cite a passage by its documentId and page, a web page by its url, a row by its id) and any sources given with the task.`
      : undefined;
    const system = [config.instructions, answerRule, citing].filter(Boolean).join('\n\n');
    this.settings = { system: system || undefined, temperature: config.temperature, maxTokens: config.maxTokens };
    this.given = config.citations ? stepSources(config.sources, `steps.${context.stepId}.with.sources`) : [];
    const prompt = this.given.length > 0 ? `${sourcesBlock(this.given)}\n\n${config.prompt}` : config.prompt;
    this.messages = [{ role: 'user', content: prompt }];
  }

  async run(): Promise<{
    answer: unknown;
    citations?: Citation[];
    turns: number;
    toolCalls: number;
    transcript: Array<TurnEntry | ToolEntry>;
  }> {
    this.done = new Map([...(await this.context.items.load())].filter(([, item]) => item.status === 'completed'));
    const { maxSteps, maxToolCalls } = this.config;
    for (let turn = 1; ; turn++) {
      const last = turn === maxSteps || this.toolCalls >= maxToolCalls || this.offers.length === 0;
      const answer = await this.modelTurn(turn, last ? 'none' : 'auto');
      if (answer.toolCalls.length === 0) {
        const result = await this.finish(answer, turn);
        await this.settle();
        return result;
      }
      // Over the run's budget after this turn: park (the turn is checkpointed) before its tools run.
      this.context.budget.reserve({ tokens: 0, usd: 0 }, this.call.model.name);
      if (last)
        throw new AssayError(
          'step_failed',
          `the model asked for tools after its last turn (${turn} of at most ${maxSteps}) instead of answering`,
        );
      const results: ToolEntry[] = [];
      for (const request of answer.toolCalls) {
        const within = this.toolCalls < maxToolCalls;
        const entry = within
          ? await this.toolCall(request)
          : {
              kind: 'tool' as const,
              ...request,
              error: `the limit of ${maxToolCalls} tool calls is reached: answer with what you have`,
              ms: 0,
            };
        if (within) this.toolCalls++;
        this.transcript.push(entry);
        results.push(entry);
      }
      this.messages.push({
        role: 'tool',
        content: results.map((r) => ({
          type: 'tool-result' as const,
          toolCallId: r.id,
          toolName: r.name,
          output:
            r.error !== undefined ? { type: 'error-text' as const, value: r.error } : { type: 'text' as const, value: forModel(r.result) },
        })),
      });
    }
  }

  /**
   * The final answer: text, or with a schema validated JSON, or with `citations` text whose citations
   * are checked against the sources. One repair turn when it is not valid; then the step fails.
   */
  private async finish(answer: ModelTurn, turns: number) {
    let value: { answer: unknown; citations?: Citation[] } = { answer: answer.text };
    if (this.answerCheck) {
      let outcome = await this.judge(answer.text);
      if (!outcome.ok) {
        this.messages.push({ role: 'user', content: outcome.repair });
        const repaired = await this.modelTurn(turns + 1, 'none');
        outcome = await this.judge(repaired.text);
        if (!outcome.ok) throw outcome.error;
      }
      value = outcome.value;
    }
    return {
      ...value,
      turns: this.transcript.filter((e) => e.kind === 'model').length,
      toolCalls: this.toolCalls,
      transcript: this.transcript,
    };
  }

  /** Checks a final answer: against the schema, then (with `citations`) each citation against the sources. */
  private async judge(
    text: string,
  ): Promise<{ ok: true; value: { answer: unknown; citations?: Citation[] } } | { ok: false; repair: string; error: AssayError }> {
    const outcome = parseAndValidate(text, this.answerCheck!);
    if (!outcome.ok) {
      const problems = describeProblems(outcome.problems);
      return {
        ok: false,
        repair: `Your answer was not valid JSON for the required schema. Problems: ${problems}. Reply with the corrected JSON only.`,
        error: new AssayError('step_failed', `the agent's answer did not match the schema after one repair turn: ${problems}`, {
          details: outcome.problems.slice(0, 20),
        }),
      };
    }
    if (!this.config.citations) return { ok: true, value: { answer: outcome.value } };
    const answer = outcome.value as CitedAnswer;
    const { stepId } = this.context;
    const checked = checkCitedText(await this.sourceIndex(), answer, stepId);
    try {
      const cited = citedOutput(answer, settleCitations(checked, this.config.onUnverified, this.call.model.name), stepId);
      return { ok: true, value: { answer: cited.text, citations: cited.citations } };
    } catch (error) {
      return { ok: false, repair: repairRequest(checked.problems), error: error as AssayError };
    }
  }

  /**
   * What the agent may cite: the sources given, and what its tools returned (whole: a result the
   * transcript shortened is read back from its run file).
   */
  private async sourceIndex(): Promise<SourceIndex> {
    const sources = [...this.given];
    for (const { at, entry } of this.called) {
      if (entry.error !== undefined) continue;
      let result = this.whole.get(at);
      if (result === undefined && entry.artifact) {
        const file = await this.context.artifacts.read?.(`${this.context.stepId}-tool-${at}.json`);
        if (file) result = JSON.parse(Buffer.from(file.data).toString('utf8')) as unknown;
      }
      sources.push(...collectSources(result ?? entry.result, `${entry.name}:${entry.id}`));
    }
    return new SourceIndex(sources);
  }

  /** One model turn: replayed from its checkpoint when an earlier attempt finished it, else asked and checkpointed. */
  private async modelTurn(turn: number, choice: 'auto' | 'none'): Promise<ModelTurn> {
    const at = this.position++;
    const recorded = this.done.get(at)?.output as ModelTurn | undefined;
    let answer: ModelTurn;
    if (recorded) {
      answer = recorded;
      this.call.replayed(answer);
    } else {
      await this.settle(); // a lost lease stops the agent before it pays for another turn
      answer = await this.call.turn(this.messages, this.settings, this.offers, choice);
      this.track(this.context.items.save(at, { status: 'completed', output: answer, error: null }));
    }
    this.transcript.push({ kind: 'model', turn, ...answer });
    this.messages.push({
      role: 'assistant',
      content: [
        ...(answer.text ? [{ type: 'text' as const, text: answer.text }] : []),
        ...answer.toolCalls.map((c) => ({ type: 'tool-call' as const, toolCallId: c.id, toolName: c.name, input: c.args })),
      ],
    });
    return answer;
  }

  /** One tool call: replayed from its checkpoint, or run (its failure is the model's to handle) and checkpointed. */
  private async toolCall(request: ModelTurn['toolCalls'][number]): Promise<ToolEntry> {
    const at = this.position++;
    const recorded = this.done.get(at)?.output as ToolEntry | undefined;
    if (recorded) {
      this.called.push({ at, entry: recorded });
      return recorded;
    }
    const about = { tool: request.name, callId: request.id };
    this.track(this.context.items.announce({ type: 'step.tool_called', data: about }));
    const entry = await this.execute(request, at);
    this.called.push({ at, entry });
    const outcome = entry.error === undefined ? { ok: true } : { ok: false, error: entry.error.slice(0, 500) };
    this.track(
      this.context.items.save(
        at,
        { status: 'completed', output: entry, error: null },
        { type: 'step.tool_completed', data: { ...about, ms: entry.ms, ...outcome } },
      ),
    );
    await this.settle();
    return entry;
  }

  /** Keeps a checkpoint to wait for later; a failure of it is handled there (never unhandled if the agent ends first). */
  private track(write: Promise<void>): void {
    write.catch(() => undefined);
    this.writes.push(write);
  }

  /** Waits for the checkpoints requested so far (all of them, even when one fails: then it throws that). */
  private async settle(): Promise<void> {
    const writes = this.writes;
    this.writes = [];
    const results = await Promise.allSettled(writes);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Runs one tool call; `at` is its position in the conversation (what its checkpoint and files are named by). */
  private async execute(request: ModelTurn['toolCalls'][number], at: number): Promise<ToolEntry> {
    const { context } = this;
    const base = { kind: 'tool' as const, id: request.id, name: request.name, args: request.args };
    const tool = this.tools.get(request.name);
    if (!tool) return { ...base, error: `there is no tool "${request.name}"; the tools are: ${[...this.tools.keys()].join(', ')}`, ms: 0 };
    if (tool.check && !tool.check(request.args)) {
      const problems = (tool.check.errors ?? []).map((e) => `${e.instancePath || '$'} ${e.message ?? 'is invalid'}`).join('; ');
      return { ...base, error: `the arguments do not match the tool's parameters: ${problems}`, ms: 0 };
    }
    const started = context.now();
    try {
      if (tool.kind === 'mcp') {
        const args = (request.args ?? {}) as Record<string, unknown>;
        const answer = await tool.session.callTool(tool.tool, args, context.signal);
        if (answer.isError)
          return { ...base, error: context.scrub(answer.text.slice(0, 4000) || 'the tool failed'), ms: context.now() - started };
        const result = context.scrub(answer.structured ?? answer.text);
        if (this.config.citations) this.whole.set(at, result);
        return { ...base, ...(await this.shorten(result, at)), ms: context.now() - started };
      }
      // The call's place in the run tells apart what its step creates (a child run) from other calls'.
      const instance = `${context.instance ? `${context.instance}/` : ''}${context.stepId}/${at}`;
      const result = context.scrub(
        await context.subgraph.run(tool.graph, { ...context.scope, args: request.args }, context.signal, instance),
      );
      if (this.config.citations) this.whole.set(at, result);
      return { ...base, ...(await this.shorten(result, at)), ms: context.now() - started };
    } catch (thrown) {
      if (context.signal.aborted || thrown instanceof RunStopped) throw thrown;
      const error = toAssayError(thrown, 'step_failed');
      return { ...base, error: context.scrub(`${error.code}: ${error.message}`), ms: context.now() - started };
    }
  }

  /** A large result: shortened in the transcript (and for the model), whole in a run file. */
  private async shorten(result: unknown, at: number): Promise<Pick<ToolEntry, 'result' | 'artifact'>> {
    const json = JSON.stringify(result ?? null);
    if (json.length <= RESULT_CHARS) return { result };
    const name = `${this.context.stepId}-tool-${at}.json`;
    const file = await this.context.artifacts.write({ name, contentType: 'application/json', data: Buffer.from(json) });
    return {
      result: `${json.slice(0, RESULT_CHARS)}… (${json.length.toLocaleString('en-US')} characters; whole in the run file ${file.name})`,
      artifact: file.url,
    };
  }
}

/** A tool result as the model reads it: JSON text, shortened to what the transcript keeps. */
function forModel(result: unknown): string {
  if (typeof result === 'string') return result;
  return JSON.stringify(result ?? null);
}
