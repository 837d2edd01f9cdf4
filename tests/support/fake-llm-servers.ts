import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted raw HTTP answer. */
export interface FakeRawReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** A tool call the fake model makes: the tool's name and its arguments. */
export interface FakeToolCall {
  name: string;
  args: Record<string, unknown>;
}

/** A scripted model answer, wrapped in the provider's protocol (structured-output and tool-call aware). */
export interface FakeTextReply {
  text: string;
  /** The model asks for these tool calls (OpenAI `tool_calls`, Anthropic `tool_use` blocks) beside its text. */
  toolCalls?: FakeToolCall[];
  inputTokens?: number;
  outputTokens?: number;
  delayMs?: number;
}

export type FakeReply = FakeRawReply | FakeTextReply;

/** One request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
  /** How the client asked for structured output, if it did. */
  structured: 'json_schema' | 'json_object' | 'output_format' | 'json_tool' | null;
  receivedAt: number;
  answeredAt: number;
}

export interface FakeLlmServer {
  /** Base URL including `/v1`, as providers' `baseURL` settings expect. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Queues answers, used in order; when the queue is empty the fake answers `{ text: 'ok' }`. */
  reply(...replies: FakeReply[]): void;
  /** The most requests that were in flight at the same time. */
  maxInFlight(): number;
  /** Forgets queued answers, recorded requests and the in-flight high-water mark. */
  reset(): void;
  close(): Promise<void>;
}

type Protocol = 'openai' | 'anthropic';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fake OpenAI server: `POST /v1/chat/completions`. */
export function startFakeOpenAI(): Promise<FakeLlmServer> {
  return startFake('openai');
}

/** A fake Anthropic server: `POST /v1/messages`. */
export function startFakeAnthropic(): Promise<FakeLlmServer> {
  return startFake('anthropic');
}

async function startFake(protocol: Protocol): Promise<FakeLlmServer> {
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let counter = 0;
  const endpoint = protocol === 'openai' ? '/v1/chat/completions' : '/v1/messages';

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const receivedAt = Date.now();
        let body: any = null;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = null;
        }
        const record: RecordedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body,
          structured: structuredMode(protocol, body),
          receivedAt,
          answeredAt: 0,
        };
        requests.push(record);
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          record.answeredAt = Date.now();
          inFlight -= 1;
        };
        // A client that gives up (abort, timeout) is no longer in flight.
        res.on('close', finish);
        const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
          finish();
          if (res.destroyed) return;
          const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(text);
        };
        if (req.method !== 'POST' || req.url !== endpoint) {
          send(404, errorBody(protocol, `no route ${req.method} ${req.url}`));
          return;
        }
        const reply = queue.shift() ?? { text: 'ok' };
        if (reply.delayMs) await sleep(reply.delayMs);
        if ('status' in reply) {
          send(reply.status, reply.body ?? errorBody(protocol, `HTTP ${reply.status}`), reply.headers);
          return;
        }
        counter += 1;
        send(200, protocol === 'openai' ? openAiAnswer(reply, body, counter) : anthropicAnswer(reply, body, record.structured, counter));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    reply: (...replies) => void queue.push(...replies),
    maxInFlight: () => maxInFlight,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function structuredMode(protocol: Protocol, body: any): RecordedRequest['structured'] {
  if (!body) return null;
  if (protocol === 'openai') {
    const type = body.response_format?.type;
    return type === 'json_schema' && body.response_format.json_schema?.schema
      ? 'json_schema'
      : type === 'json_object'
        ? 'json_object'
        : null;
  }
  if (body.output_config?.format) return 'output_format';
  if (Array.isArray(body.tools) && body.tools.some((t: any) => t.name === 'json')) return 'json_tool';
  return null;
}

/** The error envelope each provider uses. */
export function errorBody(protocol: Protocol, message: string): unknown {
  return protocol === 'openai'
    ? { error: { message, type: 'invalid_request_error', param: null, code: null } }
    : { type: 'error', error: { type: 'api_error', message } };
}

function openAiAnswer(reply: FakeTextReply, body: any, n: number): unknown {
  const prompt = reply.inputTokens ?? 10;
  const completion = reply.outputTokens ?? 5;
  return {
    id: `chatcmpl-fake-${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body?.model ?? 'unknown',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text,
          ...(reply.toolCalls?.length && {
            tool_calls: reply.toolCalls.map((call, i) => ({
              id: `call_${n}_${i}`,
              type: 'function',
              function: { name: call.name, arguments: JSON.stringify(call.args) },
            })),
          }),
        },
        finish_reason: reply.toolCalls?.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

function anthropicAnswer(reply: FakeTextReply, body: any, structured: RecordedRequest['structured'], n: number): unknown {
  let input: unknown;
  if (structured === 'json_tool') {
    try {
      input = JSON.parse(reply.text);
    } catch {
      input = undefined;
    }
  }
  const useTool = input !== undefined && input !== null && typeof input === 'object' && !Array.isArray(input);
  const calls = (reply.toolCalls ?? []).map((call, i) => ({ type: 'tool_use', id: `toolu_${n}_${i}`, name: call.name, input: call.args }));
  return {
    id: `msg_fake_${n}`,
    type: 'message',
    role: 'assistant',
    model: body?.model ?? 'unknown',
    content: useTool
      ? [{ type: 'tool_use', id: `toolu_fake_${n}`, name: 'json', input }]
      : [...(reply.text || calls.length === 0 ? [{ type: 'text', text: reply.text }] : []), ...calls],
    stop_reason: useTool || calls.length > 0 ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: reply.inputTokens ?? 10, output_tokens: reply.outputTokens ?? 5 },
  };
}
