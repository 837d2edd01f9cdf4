/**
 * The floor for HTTP measurements: a bare `node:http` server answering every request with the same
 * bytes (read from the file given as the argument), nothing else. Started as its own process, as
 * the real server is, and prints `listening on <url>` when ready.
 * Usage: node bench/support/bare-server.ts <body.json>   (plain JavaScript-compatible TypeScript)
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

const body = readFileSync(process.argv[2] as string);
const server = http.createServer((req, res) => {
  // Drain whatever the client sent, as a real server must before it answers on a keep-alive socket.
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
