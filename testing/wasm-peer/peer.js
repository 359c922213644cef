// WasmThemis 0.15.0 (the real Themis Core compiled to WebAssembly) as a line-oriented peer for
// Parley's interop tests. Driven by dev.parley.themis.testing.WasmThemisPeer.
//
// Protocol: after loading, prints {"ready":true}. Then reads one JSON command per line on stdin
// and writes exactly one JSON reply per line on stdout. Binary fields are base64 (standard
// alphabet). A failed command replies {"error":"...","code":N}: N is the Themis error code
// (11 fail, 12 invalid parameter, 16 invalid signature, 21 peer key lookup failed, ...) or -1
// for anything that is not a ThemisError (bad command, bad JSON). The peer never exits on a bad
// command; it exits when stdin ends.
//
// Commands (field -> meaning):
//   keypair                                  -> {priv, pub}
//   seal_encrypt      {key, msg, ctx?}       -> {data}
//   seal_decrypt      {key, data, ctx?}      -> {data}
//   seal_pw_encrypt   {pass, msg, ctx?}      -> {data}     pass = base64 of the UTF-8 passphrase
//   seal_pw_decrypt   {pass, data, ctx?}     -> {data}
//   token_encrypt     {key, msg, ctx?}       -> {data, token}
//   token_decrypt     {key, data, token, ctx?} -> {data}
//   imprint_encrypt   {key, msg, ctx}        -> {data}
//   imprint_decrypt   {key, data, ctx}       -> {data}
//   sm_encrypt        {priv, pub, msg}       -> {data}
//   sm_decrypt        {priv, pub, data}      -> {data}
//   sm_sign           {priv, msg}            -> {data}
//   sm_verify         {pub, data}            -> {data}     (the original message)
//   ss_init           {id, priv, peers}      -> {handle}   peers = {"<b64 id>": "<b64 public key>"}
//   ss_connect        {handle}               -> {data}     (m1; makes the session a client)
//   ss_negotiate      {handle, data}         -> {data, established}   data may be "" (nothing to send)
//   ss_established    {handle}               -> {established}
//   ss_wrap           {handle, msg}          -> {data}
//   ss_unwrap         {handle, data}         -> {data}
//   ss_destroy        {handle}               -> {}
'use strict';
delete globalThis.fetch; // Node 20: make Emscripten read libthemis.wasm from disk instead of fetch()

const readline = require('readline');

const send = (obj) => {
  try {
    process.stdout.write(JSON.stringify(obj) + '\n');
  } catch (e) {
    // stdout is gone: the driver closed; nothing useful left to do
  }
};
process.stdout.on('error', () => process.exit(0));

let themis;
try {
  themis = require('wasm-themis');
} catch (e) {
  send({ error: 'cannot load wasm-themis (run npm ci in ' + __dirname + '): ' + e.message, code: -1 });
  process.exit(2);
}

const bytes = (b64, name) => {
  if (typeof b64 !== 'string') throw new TypeError('missing base64 field ' + name);
  return new Uint8Array(Buffer.from(b64, 'base64'));
};
const optBytes = (b64) => (typeof b64 === 'string' ? new Uint8Array(Buffer.from(b64, 'base64')) : undefined);
const b64 = (u) => Buffer.from(u).toString('base64');
const passphrase = (b64text) => Buffer.from(bytes(b64text, 'pass')).toString('utf8');

const sessions = new Map();
let nextHandle = 1;
const session = (handle) => {
  const s = sessions.get(handle);
  if (!s) throw new TypeError('no session with handle ' + handle);
  return s;
};

// Secure Cell encrypt/decrypt with an optional context: pass it only when given.
const withCtx = (fn, args, ctx) => (ctx === undefined ? fn(...args) : fn(...args, ctx));

const commands = {
  keypair() {
    const kp = new themis.KeyPair();
    return { priv: b64(kp.privateKey), pub: b64(kp.publicKey) };
  },
  seal_encrypt(c) {
    const cell = themis.SecureCellSeal.withKey(bytes(c.key, 'key'));
    return { data: b64(withCtx(cell.encrypt.bind(cell), [bytes(c.msg, 'msg')], optBytes(c.ctx))) };
  },
  seal_decrypt(c) {
    const cell = themis.SecureCellSeal.withKey(bytes(c.key, 'key'));
    return { data: b64(withCtx(cell.decrypt.bind(cell), [bytes(c.data, 'data')], optBytes(c.ctx))) };
  },
  seal_pw_encrypt(c) {
    const cell = themis.SecureCellSeal.withPassphrase(passphrase(c.pass));
    return { data: b64(withCtx(cell.encrypt.bind(cell), [bytes(c.msg, 'msg')], optBytes(c.ctx))) };
  },
  seal_pw_decrypt(c) {
    const cell = themis.SecureCellSeal.withPassphrase(passphrase(c.pass));
    return { data: b64(withCtx(cell.decrypt.bind(cell), [bytes(c.data, 'data')], optBytes(c.ctx))) };
  },
  token_encrypt(c) {
    const cell = themis.SecureCellTokenProtect.withKey(bytes(c.key, 'key'));
    const r = withCtx(cell.encrypt.bind(cell), [bytes(c.msg, 'msg')], optBytes(c.ctx));
    return { data: b64(r.data), token: b64(r.token) };
  },
  token_decrypt(c) {
    const cell = themis.SecureCellTokenProtect.withKey(bytes(c.key, 'key'));
    return { data: b64(withCtx(cell.decrypt.bind(cell), [bytes(c.data, 'data'), bytes(c.token, 'token')], optBytes(c.ctx))) };
  },
  imprint_encrypt(c) {
    const cell = themis.SecureCellContextImprint.withKey(bytes(c.key, 'key'));
    return { data: b64(cell.encrypt(bytes(c.msg, 'msg'), bytes(c.ctx, 'ctx'))) };
  },
  imprint_decrypt(c) {
    const cell = themis.SecureCellContextImprint.withKey(bytes(c.key, 'key'));
    return { data: b64(cell.decrypt(bytes(c.data, 'data'), bytes(c.ctx, 'ctx'))) };
  },
  sm_encrypt(c) {
    const sm = new themis.SecureMessage(new themis.PrivateKey(bytes(c.priv, 'priv')), new themis.PublicKey(bytes(c.pub, 'pub')));
    return { data: b64(sm.encrypt(bytes(c.msg, 'msg'))) };
  },
  sm_decrypt(c) {
    const sm = new themis.SecureMessage(new themis.PrivateKey(bytes(c.priv, 'priv')), new themis.PublicKey(bytes(c.pub, 'pub')));
    return { data: b64(sm.decrypt(bytes(c.data, 'data'))) };
  },
  sm_sign(c) {
    return { data: b64(new themis.SecureMessageSign(new themis.PrivateKey(bytes(c.priv, 'priv'))).sign(bytes(c.msg, 'msg'))) };
  },
  sm_verify(c) {
    return { data: b64(new themis.SecureMessageVerify(new themis.PublicKey(bytes(c.pub, 'pub'))).verify(bytes(c.data, 'data'))) };
  },
  ss_init(c) {
    const peers = new Map();
    for (const [id, pub] of Object.entries(c.peers || {})) {
      peers.set(Buffer.from(id, 'base64').toString('hex'), bytes(pub, 'peers[' + id + ']'));
    }
    const lookup = (peerId) => {
      const key = peers.get(Buffer.from(peerId).toString('hex'));
      return key ? new themis.PublicKey(key) : null;
    };
    const s = new themis.SecureSession(bytes(c.id, 'id'), new themis.PrivateKey(bytes(c.priv, 'priv')), lookup);
    const handle = nextHandle++;
    sessions.set(handle, s);
    return { handle };
  },
  ss_connect(c) {
    return { data: b64(session(c.handle).connectionRequest()) };
  },
  ss_negotiate(c) {
    const s = session(c.handle);
    const reply = s.negotiateReply(bytes(c.data, 'data'));
    return { data: b64(reply), established: s.established() };
  },
  ss_established(c) {
    return { established: session(c.handle).established() };
  },
  ss_wrap(c) {
    return { data: b64(session(c.handle).wrap(bytes(c.msg, 'msg'))) };
  },
  ss_unwrap(c) {
    return { data: b64(session(c.handle).unwrap(bytes(c.data, 'data'))) };
  },
  ss_destroy(c) {
    const s = session(c.handle);
    sessions.delete(c.handle);
    s.destroy();
    return {};
  },
};

function handle(line) {
  if (line.trim() === '') return;
  try {
    const c = JSON.parse(line);
    const fn = Object.prototype.hasOwnProperty.call(commands, c.cmd) ? commands[c.cmd] : undefined;
    if (!fn) throw new TypeError('unknown command: ' + String(c.cmd));
    send(fn(c));
  } catch (e) {
    const code = e && typeof e.errorCode === 'number' ? e.errorCode : -1;
    send({ error: String((e && e.message) || e), code });
  }
}

themis.initialized.then(() => {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  rl.on('line', handle);
  rl.on('close', () => {
    for (const s of sessions.values()) {
      try { s.destroy(); } catch (e) { /* exiting anyway */ }
    }
    sessions.clear();
    process.exit(0);
  });
  send({ ready: true });
}).catch((e) => {
  send({ error: 'WasmThemis failed to initialise: ' + String((e && e.message) || e), code: -1 });
  process.exit(2);
});
