// The floor for the memory of live streams: a bare Node http server that holds server-sent event streams and does
// nothing else. It answers any GET the way the sync server's stream does at the wire (the same headers, a hello
// message, a ping comment every STREAM_HEARTBEAT_MS), with no framework, no database and no authentication. bench/streams.ts spawns
// it as its own process, the same way as the server (node with tsx), so the two RSS figures are comparable.
import { createServer, type ServerResponse } from 'node:http';
import { STREAM_HEARTBEAT_MS } from '../sync/protocol/sync.js';

const PING_MS = STREAM_HEARTBEAT_MS;
const open = new Set<ServerResponse>();

const server = createServer((req, res) => {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
  });
  res.write(`data: ${JSON.stringify({ type: 'hello', storeId: 'FLOOR', position: 0 })}\n\n`);
  open.add(res);
  const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
  req.on('close', () => {
    clearInterval(ping);
    open.delete(res);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening on ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
process.on('SIGTERM', () => {
  for (const res of open) res.end();
  server.close(() => process.exit(0));
});
