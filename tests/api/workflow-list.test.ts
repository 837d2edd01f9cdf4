import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';

const named = (name: string) => ({ name, steps: [{ id: 'one', type: 'transform', with: { expression: '1' } }] });

/** `GET /v1/workflows` for the web app: name search, archived filter, run statistics. */
describe('workflow list: search, archived filter and run stats', () => {
  let server: TestServer;
  const list = async (query: string) => {
    const answer = await server.api('GET', `/v1/workflows?limit=1000&${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.data as {
      id: string;
      name: string;
      archivedAt: string | null;
      stats: { runCount: number; lastRun: { id: string; status: string; createdAt: string } | null };
    }[];
  };
  const names = async (query: string) => (await list(query)).map((w) => w.name).sort();
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('counts runs and names the most recent one, for every workflow of the page', async () => {
    const [ran, idle, other] = [
      await createWorkflow(server, named('Stats ran')),
      await createWorkflow(server, named('Stats idle')),
      await createWorkflow(server, named('Stats other')),
    ];
    const first = (await server.api('POST', `/v1/workflows/${ran}/runs?wait=10`, {})).body.data;
    const second = (await server.api('POST', `/v1/workflows/${ran}/runs?wait=10`, {})).body.data;
    expect(second.status).toBe('completed');
    const byId = new Map((await list('q=stats')).map((w) => [w.id, w]));
    expect(byId.get(ran)?.stats).toEqual({ runCount: 2, lastRun: { id: second.id, status: 'completed', createdAt: second.createdAt } });
    expect(second.id > first.id).toBe(true);
    expect(byId.get(idle)?.stats).toEqual({ runCount: 0, lastRun: null });
    expect(byId.get(other)?.stats).toEqual({ runCount: 0, lastRun: null });
    // A single workflow carries no stats: only lists do.
    expect((await server.api('GET', `/v1/workflows/${ran}`)).body.data.stats).toBeUndefined();
    // Stats follow the page: a one-item page still has them.
    const firstPage = await server.api('GET', '/v1/workflows?limit=1&q=stats%20ran');
    expect(firstPage.body.data[0].stats.runCount).toBe(2);
  });

  it('searches names case-insensitively, with % and _ taken literally', async () => {
    for (const name of ['Search Alpha', 'search beta', 'Research 100% done', 'snake_case flow', 'snakeXcase flow'])
      await createWorkflow(server, named(name));
    expect(await names('q=SEARCH')).toEqual(['Research 100% done', 'Search Alpha', 'search beta']);
    expect(await names('q=alpha')).toEqual(['Search Alpha']);
    expect(await names(`q=${encodeURIComponent('100%')}`)).toEqual(['Research 100% done']);
    expect(await names(`q=${encodeURIComponent('%')}`)).toEqual(['Research 100% done']);
    expect(await names('q=snake_case')).toEqual(['snake_case flow']);
    expect(await names(`q=${encodeURIComponent('\\')}`)).toEqual([]);
    expect(await names('q=no-such-name')).toEqual([]);
    // `search` is the older name of the same filter.
    expect(await names('search=BETA')).toEqual(['search beta']);
  });

  it('lists active workflows by default; archived=only, all and true (active and archived)', async () => {
    const keep = await createWorkflow(server, named('Archive keep'));
    const gone = await createWorkflow(server, named('Archive gone'));
    expect((await server.api('DELETE', `/v1/workflows/${gone}`)).status).toBe(200);
    const ids = async (query: string) => (await list(`q=archive%20&${query}`)).map((w) => w.id).sort();
    expect(await ids('')).toEqual([keep]);
    expect(await ids('archived=false')).toEqual([keep]);
    expect(await ids('archived=only')).toEqual([gone]);
    expect(await ids('archived=all')).toEqual([keep, gone].sort());
    expect(await ids('archived=true')).toEqual([keep, gone].sort());
    expect((await server.api('GET', '/v1/workflows?archived=maybe')).status).toBe(400);
  });
});
