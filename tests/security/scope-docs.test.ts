import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { privilegedCalls, type Targets } from '../support/privileged-calls';

/**
 * Issue 11, item 10: the README said changing schedules needs an admin key while the code allowed
 * `edit`. The code is right (editors keep schedules, as they keep triggers); the OpenAPI document now
 * states every operation's scope, read from the middleware the route runs, and this test holds it to
 * the attack suite's table of who may do what (tests/support/privileged-calls.ts), which
 * keys-and-scopes.test.ts proves against the live API.
 */
describe('the OpenAPI document says which scope each operation needs', () => {
  let server: TestServer;
  let operations: Array<{ method: string; template: string; pattern: RegExp; scope: string | undefined }>;
  beforeAll(async () => {
    server = await startTestServer();
    const doc = (await server.api('GET', '/v1/openapi.json')).body;
    operations = Object.entries(doc.paths as Record<string, Record<string, { 'x-required-scope'?: string; security?: unknown }>>).flatMap(
      ([template, methods]) =>
        Object.entries(methods)
          .filter(([, operation]) => operation.security !== undefined)
          .map(([method, operation]) => ({
            method: method.toUpperCase(),
            template,
            pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
            scope: operation['x-required-scope'],
          })),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  it('every authenticated operation states its scope', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.filter((o) => o.scope === undefined).map((o) => `${o.method} ${o.template}`)).toEqual([]);
  });

  it('changing schedules needs `edit` (editors and admins), reading them `read`', () => {
    const scope = (method: string, template: string) => operations.find((o) => o.method === method && o.template === template)?.scope;
    expect(scope('POST', '/v1/workflows/{id}/schedules')).toBe('edit');
    expect(scope('PATCH', '/v1/schedules/{id}')).toBe('edit');
    expect(scope('DELETE', '/v1/schedules/{id}')).toBe('edit');
    expect(scope('GET', '/v1/schedules')).toBe('read');
  });

  it('agrees with the table the attack suite checks against the live API', () => {
    const id = '0123456789abcdef01234567';
    const targets = Object.fromEntries(
      ['workflow', 'run', 'failedRun', 'waitingRun', 'batch', 'dataset', 'credential', 'schedule', 'endpoint', 'key', 'user'].map((k) => [
        k,
        id,
      ]),
    ) as Targets;
    for (const call of privilegedCalls(targets)) {
      const path = call.path.split('?')[0] as string;
      const operation = operations.find((o) => o.method === call.method && o.pattern.test(path));
      expect(operation?.scope, `${call.method} ${call.path}`).toBe(call.needs);
    }
  });
});
