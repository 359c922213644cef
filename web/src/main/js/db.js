// IndexedDB: identities (sealed), pinned server keys, sealed local history records.
// Everything secret is sealed before it reaches this module; it only stores bytes.
const DB_NAME = 'parley';
const DB_VERSION = 1;

let dbPromise = null;

function open() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('identities', { keyPath: 'name' });
        db.createObjectStore('servers', { keyPath: 'host' });
        const history = db.createObjectStore('history', { keyPath: 'seq', autoIncrement: true });
        history.createIndex('owner', 'owner');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('storage is blocked by another tab'));
    });
  }
  return dbPromise;
}

function run(storeName, mode, fn) {
  return open().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, mode);
    const store = tx.objectStore(storeName);
    let result;
    const req = fn(store);
    if (req) req.onsuccess = () => { result = req.result; };
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('storage transaction aborted'));
  }));
}

export const getIdentity = (name) => run('identities', 'readonly', (s) => s.get(name));
export const putIdentity = (record) => run('identities', 'readwrite', (s) => s.add(record));
export const getPinnedServer = (host) => run('servers', 'readonly', (s) => s.get(host));
export const pinServer = (record) => run('servers', 'readwrite', (s) => s.add(record));
export const appendHistory = (owner, cell) => run('history', 'readwrite', (s) => s.add({ owner, cell }));

/** All history records of one owner, oldest first. */
export const historyOf = (owner) => run('history', 'readonly', (s) => s.index('owner').getAll(owner));

/** Deletes the given record keys (used to cap the local history). */
export const deleteHistory = (seqs) => run('history', 'readwrite', (s) => {
  for (const seq of seqs) s.delete(seq);
  return null;
});
