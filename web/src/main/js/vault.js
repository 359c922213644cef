// Identity and local-history crypto on WasmThemis: the identity key pair and the history data
// key are sealed together in one Secure Cell (Seal mode, passphrase); history records are
// Secure Cells sealed with the data key, bound to their owner by the cell context.
import * as themis from 'wasm-themis';
import { fromBase64, fromUtf8, toBase64, utf8 } from './bytes.js';

export class WrongPassphraseError extends Error {
  constructor() {
    super('Wrong passphrase for this name.');
    this.name = 'WrongPassphraseError';
  }
}

/** Loads libthemis.wasm from this page's own origin. Call once. */
export function initThemis() {
  return themis.initialize(new URL('libthemis.wasm', document.baseURI).href);
}

function identityContext(name) {
  return utf8('parley identity v1\n' + name);
}

function historyContext(name) {
  return utf8('parley history v1\n' + name);
}

/** A fresh identity for {@code name}: returns {record (to store), identity (in memory)}. */
export function createIdentity(name, passphrase) {
  const pair = new themis.KeyPair();
  const dataKey = new themis.SymmetricKey();
  const secret = utf8(JSON.stringify({
    privateKey: toBase64(pair.privateKey),
    dataKey: toBase64(dataKey),
  }));
  const vault = themis.SecureCellSeal.withPassphrase(passphrase).encrypt(secret, identityContext(name));
  return {
    record: { name, publicKey: toBase64(pair.publicKey), vault: toBase64(vault), created: Date.now() },
    identity: { name, privateKey: pair.privateKey, publicKey: pair.publicKey, dataKey },
  };
}

/** Opens a stored identity; throws WrongPassphraseError if the passphrase does not open it. */
export function openIdentity(record, passphrase) {
  let secret;
  try {
    secret = themis.SecureCellSeal.withPassphrase(passphrase).decrypt(fromBase64(record.vault), identityContext(record.name));
  } catch (e) {
    throw new WrongPassphraseError();
  }
  const parsed = JSON.parse(fromUtf8(secret));
  const privateKey = new themis.PrivateKey(fromBase64(parsed.privateKey));
  const publicKey = new themis.PublicKey(fromBase64(record.publicKey));
  const dataKey = new themis.SymmetricKey(fromBase64(parsed.dataKey));
  return { name: record.name, privateKey, publicKey, dataKey };
}

/** Seals one history entry (a plain object) for the identity's local store. */
export function sealRecord(identity, entry) {
  return themis.SecureCellSeal.withKey(identity.dataKey)
    .encrypt(utf8(JSON.stringify(entry)), historyContext(identity.name));
}

/** Opens a history record, or returns null if it does not open (tampered or foreign). */
export function openRecord(identity, cell) {
  try {
    const plain = themis.SecureCellSeal.withKey(identity.dataKey).decrypt(cell, historyContext(identity.name));
    return JSON.parse(fromUtf8(plain));
  } catch (e) {
    return null;
  }
}

export { themis };
