import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

/** How a refused escape ends: the step fails with one of the sandbox's own messages. */
const SANDBOX_FAILURE = /^code step (threw \w+: |has a syntax error: |result is not JSON-serializable: )/;

/**
 * Attacks from inside a `code` step (any editor can write one, and it runs server-side): reaching
 * Node's globals and modules, escaping through constructors, polluting prototypes, and starving the
 * server with loops, allocations and recursion. Each attempt tries to do harm — write a file, call
 * a local server, read /etc/passwd — and the test checks the harm did not happen, the step failed
 * with a clear error, and the server stayed healthy (it runs in this process, so the test also sees
 * its `Object.prototype`).
 */
describe('attacks from inside the code sandbox', () => {
  let server: TestServer;
  let listener: Server;
  let listenerUrl: string;
  const calls: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-sandbox-'));
  const marker = path.join(dir, 'pwned');

  /**
   * Saves a one-step `code` workflow and runs it to the end. The time limit is the longest allowed
   * unless a test is about time, so that on a slow machine a refusal is never mistaken for a timeout.
   */
  async function runCode(code: string, limits: { timeoutMs?: number; memoryMb?: number } = {}): Promise<any> {
    const workflowId = await createWorkflow(server, {
      name: 'Attack',
      inputs: { secret: { type: 'string' } },
      steps: [{ id: 'code', type: 'code', with: { code, timeoutMs: 30_000, ...limits } }],
    });
    const started = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { secret: 'input-only' } });
    expect(started.status).toBe(201);
    return waitForRun(server, started.body.data.id, 120_000);
  }
  /** The server still answers and still completes an ordinary run. */
  async function expectHealthy(): Promise<void> {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const control = await runCode('return input.secret.length;');
    expect(control).toMatchObject({ status: 'completed', output: 10 });
  }

  beforeAll(async () => {
    listener = createServer((req, res) => {
      calls.push(req.url ?? '');
      res.end('reached');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    server = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("cannot reach Node's process, require, import(), fetch, timers, or QuickJS's std and os modules", async () => {
    const write = `writeFileSync(${JSON.stringify(marker)}, 'pwned')`;
    const attempts: Array<[string, string]> = [
      ['process', `return process.mainModule.require('fs').${write};`],
      ['require', `return require('fs').${write};`],
      ['child_process', `return require('child_process').execSync('touch ${marker}').toString();`],
      ['dynamic import', `return import('node:fs').then((fs) => fs.${write});`],
      ['import.meta', 'return import.meta.url;'],
      ['fetch', `return globalThis.fetch(${JSON.stringify(`${listenerUrl}/fetch`)});`],
      ['XMLHttpRequest', `const x = new XMLHttpRequest(); x.open('GET', ${JSON.stringify(`${listenerUrl}/xhr`)}); x.send(); return 1;`],
      ['setTimeout', `setTimeout(() => { throw new Error('late'); }, 0); return 1;`],
      ['setInterval', 'setInterval(() => 0, 1); return 1;'],
      ['queueMicrotask', 'queueMicrotask(() => 0); return 1;'],
      ['QuickJS std', "return std.loadFile('/etc/passwd');"],
      ['QuickJS os', `return os.exec(['touch', ${JSON.stringify(marker)}]);`],
      ['Buffer', "return Buffer.from('x').toString('base64');"],
      ['WebAssembly', 'return WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));'],
      ['Deno and Bun', "return (Deno || Bun).readTextFileSync('/etc/passwd');"],
    ];
    const runs = await Promise.all(attempts.map(([, code]) => runCode(code)));
    for (const [i, [label]] of attempts.entries()) {
      const run = runs[i];
      expect(run.status, `${label}: ${JSON.stringify(run.error)}`).toBe('failed');
      expect(run.error.message, label).toMatch(SANDBOX_FAILURE);
      expect(JSON.stringify(run), label).not.toContain('root:');
    }
    expect(existsSync(marker)).toBe(false);
    expect(calls).toEqual([]);
    await expectHealthy();
  });

  it('cannot climb out through constructors, Function("return this"), or stack-trace tricks', async () => {
    const attempts: Array<[string, string]> = [
      [
        'Function("return this")',
        "const g = Function('return this')(); return g.process.mainModule.require('fs').readFileSync('/etc/passwd', 'utf8');",
      ],
      ['this.constructor.constructor', "return this.constructor.constructor('return process')().env;"],
      ['an array constructor chain', "return [].constructor.constructor('return require')()('fs').readFileSync('/etc/passwd', 'utf8');"],
      ['an async function constructor', "return (async function () {}).constructor('return process')();"],
      ['a generator constructor', "return (function* () {}).constructor('yield process')().next().value.env;"],
      ['an input object constructor', "const given = [input][0]; return given.constructor.constructor('return process')().env;"],
      ['Error.prepareStackTrace', 'Error.prepareStackTrace = (e, frames) => frames[0].getThis(); return new Error().stack.process.env;'],
      ['eval', "return eval('process').env;"],
      ['indirect eval of require', "return (0, eval)('require')('fs').readFileSync('/etc/passwd', 'utf8');"],
    ];
    const runs = await Promise.all(attempts.map(([, code]) => runCode(code)));
    for (const [i, [label]] of attempts.entries()) {
      const run = runs[i];
      expect(run.status, `${label}: ${JSON.stringify(run.output ?? run.error)}`).toBe('failed');
      expect(run.error.message, label).toMatch(SANDBOX_FAILURE);
      expect(JSON.stringify(run), label).not.toMatch(/root:|ASSAY_|PATH/);
    }
    // What the sandbox's global object holds: the language, the step's scope, nothing of the host's.
    const globals = await runCode("return Object.getOwnPropertyNames(Function('return this')());");
    expect(globals.status).toBe('completed');
    for (const name of [
      'process',
      'require',
      'module',
      'global',
      'fetch',
      'setTimeout',
      'setImmediate',
      'Buffer',
      'std',
      'os',
      'WebAssembly',
      '__assayCode',
      '__assayScope',
      '__assayFn',
    ]) {
      expect(globals.output, name).not.toContain(name);
    }
    await expectHealthy();
  });

  it('keeps prototype pollution inside one run: neither the server nor a later run sees it', async () => {
    const polluter = await runCode(`
      Object.prototype.polluted = 'yes';
      ({}).__proto__.alsoPolluted = 'yes';
      Array.prototype.map = () => 'hijacked';
      JSON.stringify = () => '"hijacked"';
      globalThis.stash = input.secret;
      return 1;
    `);
    // JSON.stringify was replaced, so the result may not come out: either way the run ends.
    expect(['completed', 'failed']).toContain(polluter.status);
    const later = await runCode('return [typeof ({}).polluted, typeof ({}).alsoPolluted, [1].map((x) => x + 1), typeof globalThis.stash];');
    expect(later).toMatchObject({ status: 'completed', output: ['undefined', 'undefined', [2], 'undefined'] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).alsoPolluted).toBeUndefined();
    await expectHealthy();
  });

  it('returns __proto__ and constructor keys as plain data that pollute nothing downstream', async () => {
    const workflowId = await createWorkflow(server, {
      name: 'Proto output',
      steps: [
        {
          id: 'code',
          type: 'code',
          with: {
            code: `return JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "n": 1}');`,
          },
        },
        { id: 'next', type: 'transform', needs: ['code'], with: { expression: '{ "copy": steps.code.output, "n": steps.code.output.n }' } },
      ],
      output: { copy: '{{ steps.next.output.copy }}', polluted: '{{ steps.next.output.polluted | default: "clean" }}' },
    });
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=20`, {})).body.data;
    expect(['completed', 'failed']).toContain(run.status);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    await expectHealthy();
  });

  it('stops an infinite loop, even one that catches what stops it, at its time limit', async () => {
    const loops = [
      'while (true) {}',
      'for (;;) { try { while (true) {} } catch (e) {} }',
      'for (;;) { try { (function f() { f(); })(); } catch (e) {} }',
    ];
    const runs = await Promise.all(loops.map((code) => runCode(code, { timeoutMs: 300 })));
    for (const [i, code] of loops.entries()) {
      const run = runs[i];
      expect(run.status, code).toBe('failed');
      expect(run.error.message, code).toBe('code step exceeded its time limit of 300 ms');
    }
    await expectHealthy();
  });

  it('stops a thread-blocking wait at its time limit', async () => {
    const run = await runCode('const cell = new Int32Array(new SharedArrayBuffer(4)); Atomics.wait(cell, 0, 0); return 1;', {
      timeoutMs: 300,
    });
    expect(run.status).toBe('failed');
    expect(run.error.message).toMatch(/^code step (exceeded its time limit of 300 ms|threw \w+: )/);
    await expectHealthy();
  });

  it('stops memory bombs at the memory limit', async () => {
    const bombs = [
      "let a = []; while (true) a.push('x'.repeat(1e6));",
      'const a = []; for (let i = 0; ; i++) a.push(i);',
      "let s = 'x'; while (true) s = s + s;",
      'const a = new Array(1e9).fill(0); return a.length;',
      'const b = new ArrayBuffer(1024 * 1024 * 1024); return b.byteLength;',
    ];
    const runs = await Promise.all(bombs.map((code) => runCode(code, { memoryMb: 16 })));
    for (const [i, code] of bombs.entries()) {
      const run = runs[i];
      expect(run.status, code).toBe('failed');
      // QuickJS refuses some single allocations itself (a string or array length it cannot hold).
      expect(run.error.message, code).toMatch(/^code step (exceeded its memory limit of 16 MB|threw (RangeError|InternalError): )/);
    }
    await expectHealthy();
  });

  // Finding (issue 11, held but unclear): a bomb of many small objects is stopped, yet the step says
  // "code step threw Error: null" — QuickJS throws null when it cannot even allocate its
  // out-of-memory error, and the sandbox does not recognise that as the memory limit.
  it('reports a memory bomb of small objects as the memory limit, not as "threw Error: null"', async () => {
    const bombs = [
      'const a = []; for (;;) a.push({});',
      'const a = []; for (;;) a.push([1, 2, 3]);',
      "const m = new Map(); for (let i = 0; ; i++) m.set(i, 'v' + i);",
      'const o = {}; let p = o; for (let i = 0; i < 1e6; i++) p = p.next = {}; return 1;',
    ];
    const runs = await Promise.all(bombs.map((code) => runCode(code, { memoryMb: 16, timeoutMs: 20_000 })));
    for (const [i, code] of bombs.entries()) {
      expect(runs[i].status, code).toBe('failed');
      expect(runs[i].error.message, code).toBe('code step exceeded its memory limit of 16 MB');
    }
    await expectHealthy();
  });

  it('stops deep recursion at the stack limit', async () => {
    const recursions = [
      'function f() { return f() + 1; } return f();',
      'const f = (n) => [f(n + 1)]; return f(0);',
      "return JSON.parse('['.repeat(1e6) + ']'.repeat(1e6));",
    ];
    const runs = await Promise.all(recursions.map((code) => runCode(code)));
    for (const [i, code] of recursions.entries()) {
      const run = runs[i];
      expect(run.status, code).toBe('failed');
      expect(run.error.message, code).toMatch(/^code step (exceeded its stack size limit \(too much recursion\)|threw \w+: )/);
    }
    await expectHealthy();
  });

  it('fails a result nested too deeply to store, and stays healthy', async () => {
    const run = await runCode('const o = {}; let p = o; for (let i = 0; i < 5000; i++) p = p.next = {}; return o;', { memoryMb: 64 });
    expect(run.status).toBe('failed');
    expect(run.error.message).toMatch(/stack|depth|nest|time limit/i);
    await expectHealthy();
  });

  it('keeps the API answering while sandboxed loops run, and cancels them', async () => {
    const workflowId = await createWorkflow(server, {
      name: 'Spinner',
      steps: [{ id: 'spin', type: 'code', with: { code: 'while (true) {}', timeoutMs: 30_000 } }],
    });
    const spinning: string[] = [];
    for (let i = 0; i < 4; i++) spinning.push((await server.api('POST', `/v1/workflows/${workflowId}/runs`, {})).body.data.id);
    for (const id of spinning) {
      for (;;) {
        const run = (await server.api('GET', `/v1/workflow-runs/${id}`)).body.data;
        if (run.steps.some((s: { status: string }) => s.status === 'running')) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    await expectHealthy();
    for (const id of spinning) expect((await server.api('GET', `/v1/workflow-runs/${id}`)).body.data.status).toBe('running');
    for (const id of spinning) expect((await server.api('POST', `/v1/workflow-runs/${id}/cancel`)).status).toBe(200);
    for (const id of spinning) expect((await waitForRun(server, id)).status).toBe('cancelled');
    await expectHealthy();
  });
});
