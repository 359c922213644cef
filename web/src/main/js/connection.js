// Protocol v2 over WebSocket: binary hello "name:base64(publicKey)", then one Secure Session
// message per binary frame; after the handshake each message carries one UTF-8 JSON event.
// Reconnects with capped exponential backoff unless the server refused us for good.
import { themis } from './vault.js';
import { fromUtf8, toBase64, utf8 } from './bytes.js';
import { ReplayGuard } from './replay.js';

const SUBPROTOCOL = 'parley.v2';
const SERVER_ID = 'server';
const MAX_BACKOFF_MS = 15000;
const HANDSHAKE_TIMEOUT_MS = 15000;
/** Close reasons after which retrying cannot help (the server's CloseReason texts). */
const FATAL_REASONS = [
  'name is held by another key',
  'name/key not in authorized keys',
  'invalid name',
  'invalid public key',
  'secure session id must equal the name',
];

/**
 * One logical connection to the server that survives socket drops.
 * Callbacks: onEvent(event), onState(state, detail) with state in
 * connecting | handshaking | online | waiting | stopped, onFatal(message, error or null).
 */
export class Connection {
  constructor({ url, identity, serverKey, onEvent, onState, onFatal, beforeConnect }) {
    this.url = url;
    this.identity = identity;
    this.serverKey = serverKey;
    this.onEvent = onEvent;
    this.onState = onState;
    this.onFatal = onFatal;
    this.beforeConnect = beforeConnect;
    this.attempt = 0;
    this.stopped = false;
    this.socket = null;
    this.session = null;
    this.timer = null;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close(1000, 'bye');
    this.cleanup();
    this.onState('stopped');
  }

  get online() {
    return this.session !== null && this.session.established() && this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends one event; returns false when not connected (the caller keeps the text). */
  send(event) {
    if (!this.online) return false;
    this.socket.send(this.session.wrap(utf8(JSON.stringify(event))));
    return true;
  }

  async connect() {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.onState('connecting');
    try {
      if (this.beforeConnect) await this.beforeConnect();
    } catch (e) {
      this.fatal(e.message, e);
      return;
    }
    if (this.stopped) return;
    let socket;
    try {
      socket = new WebSocket(this.url, SUBPROTOCOL);
    } catch (e) {
      this.fatal('Cannot open a WebSocket to ' + this.url);
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.guard = new ReplayGuard();
    socket.onopen = () => this.opened(socket);
    socket.onmessage = (ev) => this.received(socket, ev.data);
    socket.onclose = (ev) => this.closed(socket, ev.code, ev.reason);
    socket.onerror = () => { /* a close event follows */ };
    this.timer = setTimeout(() => {
      if (socket === this.socket && !this.online) socket.close(4000, 'handshake timeout');
    }, HANDSHAKE_TIMEOUT_MS);
  }

  opened(socket) {
    if (socket !== this.socket) return;
    if (socket.protocol !== SUBPROTOCOL) {
      this.fatal('The server does not speak protocol ' + SUBPROTOCOL + '.');
      return;
    }
    const { name, privateKey, publicKey } = this.identity;
    const serverKey = new themis.PublicKey(this.serverKey);
    this.session = new themis.SecureSession(utf8(name), privateKey, (id) => {
      try {
        return fromUtf8(id) === SERVER_ID ? serverKey : null;
      } catch (e) {
        return null;
      }
    });
    this.onState('handshaking');
    socket.send(utf8(name + ':' + toBase64(publicKey)));
    socket.send(this.session.connectionRequest());
  }

  received(socket, data) {
    if (socket !== this.socket || this.session === null) return;
    if (!(data instanceof ArrayBuffer)) {
      socket.close(1003, 'text frames are not used by protocol v2');
      return;
    }
    const message = new Uint8Array(data);
    try {
      if (!this.session.established()) {
        const reply = this.session.negotiateReply(message);
        if (reply.length > 0) socket.send(reply);
        if (this.session.established()) {
          this.attempt = 0;
          clearTimeout(this.timer);
          this.onState('online');
        }
        return;
      }
      const nonce = ReplayGuard.nonceOf(message);
      if (this.guard.isReplay(nonce)) return; // dropped, the session state is untouched
      const plain = this.session.unwrap(message);
      this.guard.remember(nonce);
      this.onEvent(JSON.parse(fromUtf8(plain)));
    } catch (e) {
      // A message that does not open (or is not an event) means this socket cannot be trusted.
      socket.close(4001, 'bad message');
    }
  }

  closed(socket, code, reason) {
    if (socket !== this.socket) return;
    this.cleanup();
    if (this.stopped) return;
    if (code === 1008 && FATAL_REASONS.some((r) => reason.startsWith(r))) {
      this.fatal('The server refused this identity: ' + reason + '.');
      return;
    }
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt) * (0.8 + Math.random() * 0.4);
    this.attempt = Math.min(this.attempt + 1, 10);
    this.onState('waiting', { delay, reason });
    this.timer = setTimeout(() => this.connect(), delay);
  }

  cleanup() {
    if (this.session) {
      this.session.destroy();
      this.session = null;
    }
    this.socket = null;
  }

  fatal(message, error = null) {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close(1000, 'stopped');
    this.cleanup();
    this.onState('stopped');
    this.onFatal(message, error);
  }
}
