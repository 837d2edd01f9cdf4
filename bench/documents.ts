import { randomBytes } from 'node:crypto';
import { parseDocument, passagesOf } from '@assay/steps';
import { openStore, type Store } from '@assay/store';
import Database from 'better-sqlite3';
import pg from 'pg';
import PDFDocument from 'pdfkit';
import { log, percentile, rate, round } from './support/stats';
import { tempDir } from './support/temp';

/**
 * Sources: pages parsed per second on a 200-page PDF (in the isolate, as uploads and
 * `document.parse` read them); passages indexed per second; passage search p50 over 100,000
 * passages through the store on SQLite and PostgreSQL, each next to its floor: the same search
 * statement sent straight to the database driver in the same run.
 */
export interface DocumentsResult {
  pdfPages: number;
  pagesPerSec: number;
  passages: number;
  sqlite: SearchSide;
  postgres: SearchSide | null;
}

interface SearchSide {
  indexedPerSec: number;
  searchP50Ms: number;
  searchP95Ms: number;
  floorP50Ms: number;
}

const PAGES = 200;
const PASSAGES = 100_000;
const PER_DOCUMENT = 1000;
const QUERIES = 300;
const WORDS =
  'revenue margin churn growth supply sensor logistics printer outlook risk guidance dividend capital debt cash audit board merger tariff demand'.split(
    ' ',
  );
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function pdfOf(pages: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (let i = 1; i <= pages; i++) doc.addPage().text(`Page ${i}. ${sentence(i)} ${sentence(i + 1)} ${sentence(i + 2)}`.repeat(6));
    doc.end();
  });
}

/** A deterministic sentence of the vocabulary (passages differ, queries find some of them). */
function sentence(seed: number): string {
  const pick = (k: number) => WORDS[(seed * 7 + k * 13) % WORDS.length];
  return `The ${pick(1)} and ${pick(2)} of company ${seed % 977} moved with ${pick(3)} while ${pick(4)} held.`;
}

async function index(store: Store, workspaceId: string): Promise<number> {
  const started = performance.now();
  for (let d = 0; d < PASSAGES / PER_DOCUMENT; d++) {
    const passages = Array.from({ length: PER_DOCUMENT }, (_, i) => ({
      page: 1 + Math.floor(i / 10),
      text: `${sentence(d * PER_DOCUMENT + i)} ${sentence(i)}`,
    }));
    await store.documents.create({
      workspaceId,
      collection: 'bench',
      title: `Document ${d}`,
      filename: null,
      contentType: 'text/plain',
      kind: 'text',
      data: new Uint8Array(1),
      pages: [{ number: 1, text: '' }],
      passages,
    });
  }
  return rate(PASSAGES, performance.now() - started);
}

function queries(): string[] {
  return Array.from(
    { length: QUERIES },
    (_, i) => `${WORDS[i % WORDS.length]} ${WORDS[(i * 5 + 3) % WORDS.length]} company ${(i * 31) % 977}`,
  );
}

async function timed(run: (q: string) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const q of queries()) {
    const started = performance.now();
    await run(q);
    times.push(performance.now() - started);
  }
  return times;
}

/** One database's figures from its search and floor timings. */
function side(indexedPerSec: number, search: number[], floor: number[]): SearchSide {
  const ms = (values: number[], p: number) => round(percentile(values, p), 3);
  return { indexedPerSec, searchP50Ms: ms(search, 50), searchP95Ms: ms(search, 95), floorP50Ms: ms(floor, 50) };
}

async function sqliteSide(): Promise<SearchSide> {
  const temp = tempDir('documents');
  const store = await openStore({ sqliteFile: temp.file, synchronous: 'normal' });
  try {
    const workspace = await store.access.createWorkspace('bench');
    const indexedPerSec = await index(store, workspace.id);
    const search = await timed((q) => store.documents.search(workspace.id, q, { limit: 10 }));
    // The floor: the store's statement on a raw connection of its own.
    const raw = new Database(temp.file, { readonly: true });
    const statement = raw.prepare(
      `select document_id, page, text, -bm25(passages) as score, snippet(passages, 0, '[', ']', '…', 24) as snippet from passages
       where passages match ? and workspace_id = ? order by bm25(passages) limit 10`,
    );
    const floor = await timed(async (q) => statement.all((q.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => `"${w}"`).join(' '), workspace.id));
    raw.close();
    return side(indexedPerSec, search, floor);
  } finally {
    await store.close();
    temp.cleanup();
  }
}

async function postgresSide(): Promise<SearchSide | null> {
  const name = `assay_bench_docs_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    log(`documents: PostgreSQL at ${ADMIN_URL} not reachable (${error instanceof Error ? error.message : error}); its side is left out`);
    return null;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ postgresUrl: url.toString() });
  const raw = new pg.Client({ connectionString: url.toString() });
  try {
    const workspace = await store.access.createWorkspace('bench');
    const indexedPerSec = await index(store, workspace.id);
    await raw.connect();
    await raw.query('analyze passages');
    const search = await timed((q) => store.documents.search(workspace.id, q, { limit: 10 }));
    const floor = await timed((q) =>
      raw.query(
        `select document_id, page, text, ts_rank_cd(tsv, q) as score,
           ts_headline('english', text, q, 'StartSel=[, StopSel=], MaxFragments=1, MaxWords=24, MinWords=8') as snippet
         from passages, plainto_tsquery('english', $1) q where tsv @@ q and workspace_id = $2 order by score desc, id limit 10`,
        [(q.match(/[\p{L}\p{N}]+/gu) ?? []).join(' '), workspace.id],
      ),
    );
    return side(indexedPerSec, search, floor);
  } finally {
    await raw.end().catch(() => undefined);
    await store.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function run(): Promise<DocumentsResult> {
  const pdf = await pdfOf(PAGES);
  await parseDocument({ data: pdf, contentType: 'application/pdf' }, { path: 'bench' }); // warm the isolate
  const started = performance.now();
  const parsed = await parseDocument({ data: pdf, contentType: 'application/pdf' }, { path: 'bench' });
  const pagesPerSec = rate(parsed.pages.length, performance.now() - started);
  log(`documents: ${parsed.pages.length} pages parsed at ${pagesPerSec}/s; ${passagesOf(parsed.pages).length} passages`);
  const sqlite = await sqliteSide();
  log(`documents: SQLite indexed ${sqlite.indexedPerSec}/s, search p50 ${sqlite.searchP50Ms} ms (floor ${sqlite.floorP50Ms} ms)`);
  const postgres = await postgresSide();
  if (postgres)
    log(
      `documents: PostgreSQL indexed ${postgres.indexedPerSec}/s, search p50 ${postgres.searchP50Ms} ms (floor ${postgres.floorP50Ms} ms)`,
    );
  return { pdfPages: parsed.pages.length, pagesPerSec, passages: PASSAGES, sqlite, postgres };
}
