// The reference architecture for `parley bench`: the tutorial's chat server rebuilt on
// WasmThemis under Node, speaking the tutorial protocol (v1):
//   ws, no subprotocol, text frames; frame 1 "name:base64(public key)" (MIME line breaks ok);
//   then base64 Secure Session messages; the server's Secure Session id is "server"; after the
//   handshake each message is one UTF-8 chat line, delivered to everyone as "<name> text".
//
//   node server.js [--port 0] [--mode unicast|n2]
//     unicast (default): each recipient gets one frame, wrapped with its own session;
//     n2: the tutorial's loop: every connection's handler re-sends the message to every
//         client, so each message costs N x N wraps and frames (recipients get N copies).
// stdout: "reference server listening on ws://127.0.0.1:<port>/", "public key: <base64>";
// stdin: "stats" -> one JSON line after a GC (run node --expose-gc): heapUsed is the V8 heap
// plus external memory (the WebAssembly memory holding the sessions), rss the resident set.
// Loopback only. SIGTERM/SIGINT or stdin closing stops it.
'use strict';
delete globalThis.fetch; // WasmThemis must read its .wasm from disk (docs/wasm-themis-node.md)
const path = require('path');
const readline = require('readline');
const themis = require(path.join(__dirname, 'node_modules', 'wasm-themis'));
const { WebSocketServer } = require(path.join(__dirname, 'node_modules', 'ws'));

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
}
const port = Number(arg('--port', '0'));
const mode = arg('--mode', 'unicast');
if (mode !== 'unicast' && mode !== 'n2') {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
const MAX_FRAME = 64 * 1024;
const SERVER_ID = Buffer.from('server', 'utf8');

themis.initialized.then(() => {
  const keys = new themis.KeyPair();
  const room = new Set();
  const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: MAX_FRAME });

  wss.on('connection', (ws) => {
    const client = { ws, name: null, session: null, established: false };
    ws.on('message', (data, isBinary) => {
      try {
        if (isBinary) { ws.close(1003, 'text frames only'); return; }
        const text = data.toString('utf8');
        if (client.session === null) {
          const colon = text.indexOf(':');
          if (colon <= 0) { ws.close(1008, 'bad hello'); return; }
          client.name = text.slice(0, colon);
          const peerKey = new themis.PublicKey(Buffer.from(text.slice(colon + 1).replace(/\s+/g, ''), 'base64'));
          const nameBytes = Buffer.from(client.name, 'utf8');
          client.session = new themis.SecureSession(SERVER_ID, keys.privateKey,
            (id) => (Buffer.compare(Buffer.from(id), nameBytes) === 0 ? peerKey : null));
          return;
        }
        const msg = Buffer.from(text, 'base64');
        if (!client.established) {
          const reply = client.session.negotiateReply(msg);
          if (reply.length > 0) ws.send(Buffer.from(reply).toString('base64'));
          if (client.session.established()) { client.established = true; room.add(client); }
          return;
        }
        const line = Buffer.from(`<${client.name}> ` + Buffer.from(client.session.unwrap(msg)).toString('utf8'), 'utf8');
        const rounds = mode === 'n2' ? room.size : 1;
        for (let r = 0; r < rounds; r++) {
          for (const c of room) {
            if (c.ws.readyState === 1) c.ws.send(Buffer.from(c.session.wrap(line)).toString('base64'));
          }
        }
      } catch (e) {
        ws.close(1008, 'protocol error');
      }
    });
    ws.on('close', () => {
      room.delete(client);
      if (client.session) { try { client.session.destroy(); } catch (e) { /* already gone */ } }
    });
    ws.on('error', () => {});
  });

  wss.on('listening', () => {
    process.stdout.write(`reference server listening on ws://127.0.0.1:${wss.address().port}/ (mode ${mode})\n`);
    process.stdout.write(`public key: ${Buffer.from(keys.publicKey).toString('base64')}\n`);
  });

  const stop = () => { wss.close(); for (const c of room) c.ws.terminate(); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (l) => {
    if (l.trim() === 'stats') {
      if (global.gc) global.gc();
      const m = process.memoryUsage();
      // WasmThemis sessions live in the WebAssembly memory, an ArrayBuffer counted in `external`
      process.stdout.write(JSON.stringify({ heapUsed: m.heapUsed + m.external, v8HeapUsed: m.heapUsed,
        external: m.external, rss: m.rss, sessions: room.size }) + '\n');
    }
  });
  rl.on('close', stop);
}).catch((e) => { process.stderr.write(String(e) + '\n'); process.exit(1); });
