// A tutorial client: does exactly what the tutorial's Android app does, with WasmThemis.
//   node tutorial-client.js <wasm-peer-dir> <port> <name> <server public key base64>
// New key pair per start; ws with no subprotocol; text frame "name:base64(publicKey)" with
// Android Base64.DEFAULT line breaks; Secure Session client with id = name; base64 frames.
// stdin: one line per message to send. stdout: one JSON object per line:
//   {"established":true} | {"line":"..."} | {"close":code,"reason":"..."} | {"error":"..."}
'use strict';
delete globalThis.fetch; // WasmThemis must read its .wasm from disk (see docs/wasm-themis-node.md)
const path = require('path');
const net = require('net');
const crypto = require('crypto');
const readline = require('readline');

const [dir, port, name, serverKeyB64] = process.argv.slice(2);
const themis = require(path.join(dir, 'node_modules', 'wasm-themis'));

function out(obj) { process.stdout.write(JSON.stringify(obj) + '\n'); }

// Android's Base64.DEFAULT: line break every 76 characters and a trailing one.
function androidBase64(bytes) {
  const b64 = Buffer.from(bytes).toString('base64');
  return (b64.match(/.{1,76}/g) || []).join('\n') + '\n';
}

// ---- a minimal RFC 6455 client: text frames, masking, close, ping ----
function wsConnect(port, onOpen, onText, onClose) {
  const sock = net.connect(Number(port), '127.0.0.1');
  const key = crypto.randomBytes(16).toString('base64');
  let buf = Buffer.alloc(0);
  let open = false;
  let closed = false;
  const send = (opcode, payload) => {
    const mask = crypto.randomBytes(4);
    const len = payload.length;
    const head = len < 126 ? Buffer.from([0x80 | opcode, 0x80 | len])
      : len < 65536 ? Buffer.from([0x80 | opcode, 0x80 | 126, len >> 8, len & 0xff])
      : (() => { const h = Buffer.alloc(10); h[0] = 0x80 | opcode; h[1] = 0x80 | 127; h.writeBigUInt64BE(BigInt(len), 2); return h; })();
    const body = Buffer.alloc(len);
    for (let i = 0; i < len; i++) body[i] = payload[i] ^ mask[i & 3];
    sock.write(Buffer.concat([head, mask, body]));
  };
  const finish = (code, reason) => { if (!closed) { closed = true; onClose(code, reason); sock.destroy(); } };
  sock.on('connect', () => sock.write(
    `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`));
  sock.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    if (!open) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.slice(0, end).toString();
      buf = buf.slice(end + 4);
      if (!head.startsWith('HTTP/1.1 101')) { finish(1006, 'upgrade refused'); return; }
      open = true;
      onOpen({ sendText: (s) => send(1, Buffer.from(s, 'utf8')), close: () => send(8, Buffer.from([3, 232])) });
    }
    while (buf.length >= 2) {
      const opcode = buf[0] & 0x0f;
      let len = buf[1] & 0x7f, off = 2;
      if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
      else if (len === 127) { if (buf.length < 10) return; len = Number(buf.readBigUInt64BE(2)); off = 10; }
      if (buf.length < off + len) return;
      const payload = buf.slice(off, off + len);
      buf = buf.slice(off + len);
      if (opcode === 1) onText(payload.toString('utf8'));
      else if (opcode === 8) finish(len >= 2 ? payload.readUInt16BE(0) : 1005, payload.slice(2).toString('utf8'));
      else if (opcode === 9) send(10, payload);
    }
  });
  sock.on('error', (e) => finish(1006, String(e.message)));
  sock.on('close', () => finish(1006, 'socket closed'));
}

themis.initialized.then(() => {
  const keyPair = new themis.KeyPair();
  const serverKey = new themis.PublicKey(Buffer.from(serverKeyB64, 'base64'));
  const session = new themis.SecureSession(Buffer.from(name, 'utf8'), keyPair.privateKey,
    (id) => (Buffer.from(id).toString('utf8') === 'server' ? serverKey : null));
  let ws = null;
  const pendingInput = [];
  const sendLine = (line) => ws.sendText(androidBase64(session.wrap(Buffer.from(line, 'utf8'))));

  wsConnect(port, (socket) => {
    ws = socket;
    ws.sendText(name + ':' + androidBase64(keyPair.publicKey));
    ws.sendText(androidBase64(session.connectionRequest()));
  }, (text) => {
    try {
      const data = Buffer.from(text, 'base64');
      if (!session.established()) {
        const reply = session.negotiateReply(data);
        if (reply.length > 0) ws.sendText(androidBase64(reply));
        if (session.established()) {
          out({ established: true });
          pendingInput.splice(0).forEach(sendLine);
        }
      } else {
        out({ line: Buffer.from(session.unwrap(data)).toString('utf8') });
      }
    } catch (e) {
      out({ error: String(e && e.message) });
    }
  }, (code, reason) => {
    out({ close: code, reason });
    session.destroy();
    process.exit(0);
  });

  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === '/quit') { ws.close(); return; }
    if (ws && session.established()) sendLine(line); else pendingInput.push(line);
  });
}).catch((e) => { out({ error: String(e) }); process.exit(1); });
