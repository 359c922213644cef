// Drops exact replays of Secure Session data messages, which Themis itself would accept.
/**
 * Remembers the GCM nonces (bytes 4..16 of a data message) of recently accepted messages.
 * Themis accepts a replayed message whose sequence number is within 8 of the last one; a replay
 * carries the same nonce, so it is dropped here before it reaches the session.
 */
export class ReplayGuard {
  constructor(capacity = 64) {
    this.capacity = capacity;
    this.order = [];
    this.seen = new Set();
  }

  /** The nonce of a data message as a string key, or null if the message is too short to have one. */
  static nonceOf(message) {
    if (message.length < 16) return null;
    let key = '';
    for (let i = 4; i < 16; i++) key += message[i].toString(16).padStart(2, '0');
    return key;
  }

  isReplay(nonce) {
    return nonce === null || this.seen.has(nonce);
  }

  remember(nonce) {
    this.seen.add(nonce);
    this.order.push(nonce);
    if (this.order.length > this.capacity) this.seen.delete(this.order.shift());
  }
}
