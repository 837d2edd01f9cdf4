import type { BudgetLimits, Logger, StepBudget } from '@assay/engine';
import { AssayError } from '@assay/schema';
import {
  generateText,
  jsonSchema,
  NoObjectGeneratedError,
  Output,
  tool,
  type JSONSchema7,
  type LanguageModel,
  type ModelMessage,
  type Tool,
} from 'ai';
import { toAiError } from './errors';
import { costUsd } from './pricing';
import type { ModelResolver, ResolvedModel } from './providers';
import { compileSchema, describeProblems, parseAndValidate, type SchemaCheck } from './validate';

/** Token and time totals of the model calls one step made. */
export interface AiUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  /** Omitted when the model's price is unknown (see ASSAY_AI_PRICES). */
  costUsd?: number;
  calls: number;
}

/** Settings shared by the AI steps' calls. */
export interface CallSettings {
  system?: string;
  temperature?: number;
  maxTokens?: number;
}

/** A tool offered to the model: what it does and the JSON Schema of the arguments it fills. */
export interface ToolOffer {
  name: string;
  description: string;
  parameters: JSONSchema7;
}

/** One model turn of an agent: what it said and the tool calls it asked for. */
export interface ModelTurn {
  text: string;
  toolCalls: Array<{ id: string; name: string; args: unknown }>;
  inputTokens: number;
  outputTokens: number;
  ms: number;
}

/** A model call in progress for one step: it enforces the provider cap and sums usage. */
export class AiCall {
  private inputTokens = 0;
  private outputTokens = 0;
  private latencyMs = 0;
  private calls = 0;

  constructor(
    readonly resolver: ModelResolver,
    readonly model: ResolvedModel,
    private readonly signal: AbortSignal,
    private readonly logger?: Logger,
    /** The run's budget: reserved before each request, charged after it. */
    private readonly budget?: StepBudget,
    /** The step's own limit (an agent's `budget`): crossing it fails the step. */
    private readonly stepLimit?: BudgetLimits,
  ) {}

  /** One request to the model; answers its text (for structured output, the raw JSON text). */
  text(messages: ModelMessage[], settings: CallSettings, schema?: { schema: JSONSchema7; name: string; strict: boolean }): Promise<string> {
    return this.request(
      promptTokens(settings, messages, schema),
      async (model) => {
        const result = await generateText({
          ...this.common(model, messages, settings),
          ...(schema && {
            output: Output.object({ schema: jsonSchema(schema.schema), name: schema.name }),
            providerOptions: strictOption(this.model, schema.strict),
          }),
        });
        this.count(result.usage);
        if (result.warnings?.length) this.logger?.debug({ model: this.model.name, warnings: result.warnings }, 'AI SDK warnings');
        return result.text;
      },
      (error) => {
        // The SDK's own check of structured output failed (not JSON): keep the text for our repair step.
        if (!NoObjectGeneratedError.isInstance(error)) return undefined;
        this.count(error.usage);
        return error.text ?? '';
      },
    );
  }

  /**
   * One turn of a tool-using conversation: the model answers with text, tool calls, or both. The tools
   * are offered without an executor (the agent executes them, checkpointed); `choice: 'none'` keeps
   * them declared (the history holds calls to them) but lets the model call none.
   */
  turn(messages: ModelMessage[], settings: CallSettings, tools: ToolOffer[], choice: 'auto' | 'none'): Promise<ModelTurn> {
    const started = performance.now();
    return this.request(promptTokens(settings, messages, tools), async (model) => {
      const offered: Record<string, Tool> = {};
      for (const t of tools) offered[t.name] = tool({ description: t.description, inputSchema: jsonSchema(t.parameters) });
      const result = await generateText({
        ...this.common(model, messages, settings),
        ...(tools.length > 0 && { tools: offered, toolChoice: choice }),
      });
      this.count(result.usage);
      return {
        text: result.text,
        toolCalls: result.toolCalls.map((call) => ({ id: call.toolCallId, name: call.toolName, args: call.input })),
        inputTokens: result.usage?.inputTokens ?? 0,
        outputTokens: result.usage?.outputTokens ?? 0,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
    });
  }

  /**
   * A request under the provider's concurrency cap, timed and counted; its errors as step errors.
   * The run's budget (and the step's own) is checked first against an estimate of the prompt
   * (`estimate` tokens), and charged what the call actually used after it.
   */
  private async request<T>(
    estimate: number,
    ask: (model: LanguageModel) => Promise<T>,
    recover?: (error: unknown) => T | undefined,
  ): Promise<T> {
    this.checkStepLimit(estimate);
    this.budget?.reserve({ tokens: estimate, usd: costUsd(this.model.price, estimate, 0) }, this.model.name);
    const release = await this.model.slots.acquire(this.signal);
    const started = performance.now();
    const before = { input: this.inputTokens, output: this.outputTokens };
    this.calls += 1;
    try {
      return await ask(await this.model.model);
    } catch (error) {
      const recovered = recover?.(error);
      if (recovered !== undefined) return recovered;
      if (this.signal.aborted) throw error;
      throw toAiError(error, this.model.name, this.resolver.redact);
    } finally {
      this.latencyMs += performance.now() - started;
      release();
      const input = this.inputTokens - before.input;
      const output = this.outputTokens - before.output;
      if (input + output > 0)
        this.budget?.charge({ tokens: input + output, usd: costUsd(this.model.price, input, output) }, this.model.name);
    }
  }

  /** The step's own limit (an agent's `budget`): a call that would cross it fails the step instead. */
  private checkStepLimit(estimate: number): void {
    const limit = this.stepLimit;
    if (!limit) return;
    const tokens = this.inputTokens + this.outputTokens;
    if (limit.tokens !== undefined && tokens + estimate > limit.tokens)
      throw new AssayError(
        'budget_exceeded',
        `the step has used ${tokens.toLocaleString('en-US')} tokens of its budget of ${limit.tokens.toLocaleString('en-US')}; the next call to ${this.model.name} (about ${estimate.toLocaleString('en-US')} tokens) would cross it`,
      );
    if (limit.usd === undefined) return;
    const spent = costUsd(this.model.price, this.inputTokens, this.outputTokens);
    const next = costUsd(this.model.price, estimate, 0);
    if (spent === undefined || next === undefined)
      throw new AssayError(
        'invalid_input',
        `the step has a USD budget but ${this.model.name} has no known price: add it to ASSAY_AI_PRICES, or budget the step in tokens`,
      );
    if (spent + next > limit.usd)
      throw new AssayError(
        'budget_exceeded',
        `the step has spent $${spent} of its budget of $${limit.usd}; the next call to ${this.model.name} would cross it`,
      );
  }

  /** What every request sends: the model, the conversation and the settings; no SDK retries (the step retries). */
  private common(model: LanguageModel, messages: ModelMessage[], settings: CallSettings) {
    return {
      model,
      instructions: settings.system,
      messages,
      temperature: settings.temperature,
      maxOutputTokens: settings.maxTokens,
      maxRetries: 0,
      abortSignal: this.signal,
    };
  }

  /** Counts a model call made by an earlier attempt (a checkpointed turn replayed, not sent again). */
  replayed(turn: Pick<ModelTurn, 'inputTokens' | 'outputTokens' | 'ms'>): void {
    this.calls += 1;
    this.latencyMs += turn.ms;
    this.count(turn);
    const cost = costUsd(this.model.price, turn.inputTokens, turn.outputTokens);
    this.budget?.charge({ tokens: turn.inputTokens + turn.outputTokens, usd: cost }, this.model.name, true);
  }

  /**
   * Asks for JSON matching `schema` (a prompt, or a conversation ending with the user's turn), checks
   * it with ajv and, when it is not valid, sends the answer and what is wrong back to the model once. Still invalid → a non-retryable `step_failed` error.
   */
  async json(
    prompt: string | ModelMessage[],
    settings: CallSettings,
    schema: JSONSchema7,
    options: { name?: string; strict?: boolean } = {},
  ): Promise<unknown> {
    const root = schema.type === 'object' || (schema.type === undefined && schema.properties !== undefined);
    // Providers want an object at the top (Anthropic's tool input, OpenAI's json_schema): wrap others.
    const sent: JSONSchema7 = root
      ? schema
      : { type: 'object', properties: { value: schema }, required: ['value'], additionalProperties: false };
    const check = compileSchema(sent);
    const format = { schema: sent, name: options.name ?? 'response', strict: options.strict ?? false };
    const messages: ModelMessage[] = typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
    const first = await this.text(messages, settings, format);
    let outcome = parseAndValidate(first, check);
    if (!outcome.ok) {
      const repair: ModelMessage[] = [
        ...messages,
        { role: 'assistant', content: first || '(empty answer)' },
        { role: 'user', content: repairPrompt(outcome, sent) },
      ];
      const second = await this.text(repair, settings, format);
      outcome = parseAndValidate(second, check);
      if (!outcome.ok) {
        throw new AssayError(
          'step_failed',
          `${this.model.name}: the model's answer did not match the schema after one repair attempt: ${describeProblems(outcome.problems)}`,
          { details: outcome.problems.slice(0, 20) },
        );
      }
    }
    const value = outcome.value;
    return root ? value : (value as { value: unknown }).value;
  }

  usage(): AiUsage {
    const cost = costUsd(this.model.price, this.inputTokens, this.outputTokens);
    return {
      model: this.model.name,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      latencyMs: Math.round(this.latencyMs),
      ...(cost !== undefined && { costUsd: cost }),
      calls: this.calls,
    };
  }

  private count(usage: { inputTokens: number | undefined; outputTokens: number | undefined } | undefined): void {
    this.inputTokens += usage?.inputTokens ?? 0;
    this.outputTokens += usage?.outputTokens ?? 0;
  }
}

/**
 * Tokens a request's prompt will take, estimated before it is sent (about four characters a token):
 * what the budget is checked against. The call's actual usage is charged after it.
 */
function promptTokens(settings: CallSettings, messages: ModelMessage[], extra: unknown): number {
  const chars = (settings.system?.length ?? 0) + JSON.stringify(messages).length + (extra === undefined ? 0 : JSON.stringify(extra).length);
  return Math.ceil(chars / 4);
}

/** Strict JSON-schema mode needs every property required and closed objects; user schemas often aren't. */
function strictOption(model: ResolvedModel, strict: boolean): Record<string, Record<string, boolean>> | undefined {
  if (model.kind === 'openai') return { openai: { strictJsonSchema: strict } };
  if (model.kind === 'compatible') return { [model.provider]: { strictJsonSchema: strict } };
  return undefined;
}

function repairPrompt(outcome: Extract<SchemaCheck, { ok: false }>, schema: JSONSchema7): string {
  return [
    'Your previous answer was not valid JSON for the required schema.',
    `Problems: ${describeProblems(outcome.problems)}`,
    `The JSON Schema: ${JSON.stringify(schema)}`,
    'Reply with the corrected JSON only: no explanations, no code fences.',
  ].join('\n');
}
