/**
 * The floors for HTTP measurements: a bare `node:http` server answering every request with the same
 * bytes (read from the file given as the first argument), nothing else. With a SQLite file and a run
 * id after it, each request first makes the reads a run's record needs — the run, its
 * steps, its files — as raw prepared better-sqlite3 statements in one read transaction on a
 * read-only connection, as the store makes them: what the database costs that route, with no
 * framework around it. Started as its own process, as the real
 * server is; prints `listening on <url>` when ready.
 * Usage: bare-server.ts <body.json> [<assay.db> <runId>]
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import SQLite from 'better-sqlite3';

const [bodyFile, dbFile, runId] = process.argv.slice(2);
const body = readFileSync(bodyFile as string);
const read = dbFile ? databaseReads(dbFile, runId as string) : null;

const server = http.createServer((req, res) => {
  // Drain whatever the client sent, as a real server must before it answers on a keep-alive socket.
  req.resume();
  req.on('end', () => {
    read?.();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));

function databaseReads(file: string, run: string): () => void {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  const runs = db.prepare('select * from runs where id = ?');
  const steps = db.prepare('select * from step_runs where run_id = ?');
  const files = db.prepare('select run_id, name, step_id, content_type, bytes, created_at from artifacts where run_id = ?');
  return db.transaction(() => {
    if (!runs.get(run)) throw new Error('the run is not in the database');
    steps.all(run);
    files.all(run);
  });
}
