// Entry point: sign-in (identity unsealed or created), server key pinning, then the chat.
import * as db from './db.js';
import { ChatState } from './chat.js';
import { Connection } from './connection.js';
import { fromBase64, hex } from './bytes.js';
import { View } from './view.js';
import { WrongPassphraseError, createIdentity, initThemis, openIdentity, openRecord, sealRecord } from './vault.js';

const KEY_PATH = '/.well-known/parley-server-key';
const NAME_RULE = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}_.\-]*$/u;
const MAX_LOCAL_RECORDS = 5000;
const $ = (id) => document.getElementById(id);

const themisReady = initThemis();
const serverKeyReady = fetchServerKey();

async function fetchServerKey() {
  const res = await fetch(KEY_PATH, { cache: 'no-store', credentials: 'omit' });
  if (!res.ok) throw new Error('the server did not give its key (HTTP ' + res.status + ')');
  const text = (await res.text()).trim();
  const key = fromBase64(text);
  if (key.length < 8) throw new Error('the server key is malformed');
  return text;
}

async function fingerprint(b64) {
  if (!crypto.subtle) return b64.slice(0, 24) + '…';
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64(b64)));
  return hex(digest.subarray(0, 16)).match(/.{4}/g).join(':');
}

function nameProblem(name) {
  if (!name) return 'Enter a name.';
  if ([...name].length > 32) return 'A name has at most 32 characters.';
  if (!NAME_RULE.test(name)) return "A name starts with a letter or digit and has only letters, digits, '_', '-' and '.'.";
  return null;
}

class KeyChangedError extends Error {
  constructor(message) {
    super(message);
    this.name = 'KeyChangedError';
  }
}

/**
 * Compares the server's current key with the one pinned for this host. With no pin yet the
 * current key is returned unpinned: it is pinned only once a handshake proved the server holds
 * its private key ({@link pinOnFirstUse}).
 */
async function checkPin(current) {
  const host = location.host;
  const pinned = await db.getPinnedServer(host);
  if (!pinned) {
    return current;
  }
  if (pinned.key !== current) {
    throw new KeyChangedError('The server at ' + host + ' presents a different key than the one this browser pinned on '
      + new Date(pinned.pinnedAt).toLocaleString() + ' (pinned ' + await fingerprint(pinned.key) + ', now '
      + await fingerprint(current) + '). Someone may be impersonating it. '
      + 'Do not continue unless the server operator confirms a key change.');
  }
  return pinned.key;
}

/** Trust on first use: records the key a completed handshake was made with. */
async function pinOnFirstUse(key) {
  const host = location.host;
  if (!(await db.getPinnedServer(host))) {
    await db.pinServer({ host, key, pinnedAt: Date.now() });
  }
}

async function signIn(event) {
  event.preventDefault();
  const name = $('signin-name').value.normalize('NFC').trim();
  const passphrase = $('signin-passphrase').value;
  $('signin-error').textContent = '';
  const problem = nameProblem(name) || (passphrase ? null : 'Enter your passphrase.');
  if (problem) {
    $('signin-error').textContent = problem;
    return;
  }
  $('signin-button').disabled = true;
  $('signin-status').textContent = 'Unlocking…';
  try {
    await themisReady;
    let serverKey;
    try {
      serverKey = await checkPin(await serverKeyReady);
    } catch (e) {
      showFatal('Server key changed', e.message);
      return;
    }
    await new Promise((r) => setTimeout(r, 30)); // let the status paint before the slow KDF
    const record = await db.getIdentity(name);
    let identity;
    if (record) {
      identity = openIdentity(record, passphrase);
    } else {
      const made = createIdentity(name, passphrase);
      await db.putIdentity(made.record);
      identity = made.identity;
    }
    $('signin-passphrase').value = '';
    await startChat(identity, serverKey);
  } catch (e) {
    $('signin-error').textContent = e instanceof WrongPassphraseError
      ? 'Wrong passphrase for ' + name + '. (A name belongs to the passphrase it was created with.)'
      : 'Sign-in failed: ' + e.message;
  } finally {
    $('signin-button').disabled = false;
    $('signin-status').textContent = '';
  }
}

function showFatal(title, text) {
  $('fatal-title').textContent = title;
  $('fatal-text').textContent = text;
  $('fatal').hidden = false;
  $('fatal-card').focus();
}

async function startChat(identity, serverKey) {
  let writes = Promise.resolve();
  const persist = (conv, entry) => {
    const cell = sealRecord(identity, { conv, ...entry });
    writes = writes.then(() => db.appendHistory(identity.name, cell)).catch((e) => console.warn('local history', e));
  };
  const state = new ChatState(identity.name, persist);
  const records = await db.historyOf(identity.name);
  for (const r of records) {
    const entry = openRecord(identity, r.cell);
    if (entry) state.restore(entry);
  }
  if (records.length > MAX_LOCAL_RECORDS) {
    db.deleteHistory(records.slice(0, records.length - MAX_LOCAL_RECORDS).map((r) => r.seq)).catch(() => {});
    persist(null, { type: 'joined', rooms: [...state.joinedRooms] });
  }
  let joinedSnapshot = [...state.joinedRooms].sort().join('|');

  let conn;
  const view = new View({
    select: (id) => {
      state.select(id);
      view.toggleSidebar(false);
      view.renderAll(state);
      $('message-input').focus();
    },
    join: (room) => {
      state.pendingJoin = room;
      conn.send({ type: 'join', room });
    },
  });

  let sessionKey = serverKey;
  conn = new Connection({
    url: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/',
    identity,
    serverKey: fromBase64(serverKey),
    beforeConnect: async () => {
      let current;
      try {
        current = await fetchServerKey();
      } catch (e) {
        return; // the server is unreachable: the socket attempt fails and backs off
      }
      sessionKey = await checkPin(current);
      conn.serverKey = fromBase64(sessionKey);
    },
    onState: (s, detail) => {
      view.setConnection(s, detail);
      if (s === 'online') pinOnFirstUse(sessionKey).catch((e) => console.warn('pin', e));
    },
    onFatal: (message, error) => view.showFatal(error instanceof KeyChangedError ? 'Server key changed' : 'Connection stopped', message),
    onEvent: (e) => {
      for (const reply of state.apply(e)) conn.send(reply);
      const joined = [...state.joinedRooms].sort().join('|');
      if (joined !== joinedSnapshot) {
        joinedSnapshot = joined;
        persist(null, { type: 'joined', rooms: [...state.joinedRooms] });
      }
      if (state.lastError) {
        view.showNotice(state.lastError);
        state.lastError = null;
      }
      view.renderAll(state);
    },
  });

  $('me-name').textContent = identity.name;
  $('signin').hidden = true;
  $('app').hidden = false;
  wireChatControls(state, view, conn);
  view.renderAll(state);
  conn.start();
  $('message-input').focus();
}

function wireChatControls(state, view, conn) {
  const input = $('message-input');
  const send = () => {
    const text = input.value;
    if (!text.trim()) return;
    if ([...text].length > state.limits.maxTextLength) {
      view.showNotice('Message too long: at most ' + state.limits.maxTextLength + ' characters.');
      return;
    }
    if (!conn.send(state.outgoing(text))) {
      view.showNotice('Not connected: your message was not sent.');
      return;
    }
    input.value = '';
    input.rows = 1;
  };
  $('composer').addEventListener('submit', (e) => { e.preventDefault(); send(); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  });
  input.addEventListener('input', () => { input.rows = Math.min(6, input.value.split('\n').length); });
  $('join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const room = $('join-input').value.normalize('NFC').trim();
    const problem = nameProblem(room);
    if (problem) {
      view.showNotice(problem.replace('A name', 'A room name'));
      return;
    }
    state.pendingJoin = room;
    if (conn.send({ type: 'join', room })) $('join-input').value = '';
    else view.showNotice('Not connected.');
  });
  $('leave-button').addEventListener('click', () => {
    const c = state.conv(state.current);
    if (c.kind === 'room') conn.send({ type: 'leave', room: c.name });
  });
  $('older-button').addEventListener('click', () => {
    const c = state.conv(state.current);
    const ids = c.messages.filter((m) => m.id > 0).map((m) => m.id);
    const event = { type: 'history', room: c.name, limit: 50 };
    if (ids.length) event.beforeId = Math.min(...ids);
    conn.send(event);
  });
  $('refresh-rooms').addEventListener('click', () => conn.send({ type: 'rooms' }));
  $('signout-button').addEventListener('click', () => {
    conn.stop();
    location.reload();
  });
  $('menu-button').addEventListener('click', () => {
    view.toggleSidebar(!$('app').classList.contains('sidebar-open'));
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') view.toggleSidebar(false);
  });
  document.addEventListener('visibilitychange', () => {
    state.setVisible(!document.hidden);
    view.renderAll(state);
  });
}

$('signin-form').addEventListener('submit', signIn);
serverKeyReady
  .then(fingerprint)
  .then((fp) => { $('server-fingerprint').textContent = fp; })
  .catch((e) => { $('server-fingerprint').textContent = 'unavailable (' + e.message + ')'; });
themisReady.catch((e) => showFatal('Cannot start', 'WebAssembly crypto failed to load: ' + e.message));
