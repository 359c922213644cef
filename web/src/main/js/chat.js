// Chat state: conversations (rooms and direct messages), members, unread counts, and the
// handling of every v2 server event. No DOM here; the view renders from this state.

export const DEFAULT_ROOM = 'main';
const MAX_MESSAGES_PER_CONV = 500;

export const roomId = (room) => 'room:' + room;
export const dmId = (peer) => 'dm:' + peer;

export class ChatState {
  /** @param persist called with (convId, message) for every new message worth keeping locally */
  constructor(me, persist) {
    this.me = me;
    this.persist = persist;
    this.convs = new Map();
    this.current = roomId(DEFAULT_ROOM);
    this.members = new Map();
    this.otherRooms = [];
    this.limits = { maxTextLength: 4000, maxHistoryLimit: 100 };
    this.joinedRooms = new Set([DEFAULT_ROOM]);
    this.pendingJoin = null;
    this.lastError = null;
    this.visible = true;
    this.conv(roomId(DEFAULT_ROOM));
  }

  conv(id) {
    let c = this.convs.get(id);
    if (!c) {
      const kind = id.startsWith('room:') ? 'room' : 'dm';
      c = { id, kind, name: id.slice(kind === 'room' ? 5 : 3), messages: [], ids: new Set(), unread: 0, hasMore: false };
      this.convs.set(id, c);
    }
    return c;
  }

  select(id) {
    this.current = id;
    this.conv(id).unread = 0;
  }

  setVisible(visible) {
    this.visible = visible;
    if (visible) this.conv(this.current).unread = 0;
  }

  totalUnread() {
    let n = 0;
    for (const c of this.convs.values()) n += c.unread;
    return n;
  }

  /** Adds a message; returns true if it was new. live: counts as unread, persisted. */
  addMessage(convId, m, { live = true, store = true } = {}) {
    const c = this.conv(convId);
    const key = m.id ? 'id:' + m.id : 'dm:' + m.ts + ':' + m.from + ':' + m.text;
    if (c.ids.has(key)) return false;
    c.ids.add(key);
    const entry = { id: m.id || 0, from: m.from, text: m.text, ts: m.ts, kind: 'msg' };
    const list = c.messages;
    const after = (a, b) => a.ts > b.ts || (a.ts === b.ts && a.kind === 'msg' && a.id > b.id);
    let i = list.length;
    while (i > 0 && after(list[i - 1], entry)) i--;
    list.splice(i, 0, entry);
    if (list.length > MAX_MESSAGES_PER_CONV) list.splice(0, list.length - MAX_MESSAGES_PER_CONV);
    if (live && m.from !== this.me && (convId !== this.current || !this.visible)) c.unread++;
    if (store) this.persist(convId, entry);
    return true;
  }

  addNotice(convId, text) {
    this.conv(convId).messages.push({ kind: 'notice', text, ts: Date.now() });
  }

  /** Applies one server event; returns a list of client events to send in response. */
  apply(e) {
    const out = [];
    switch (e.type) {
      case 'welcome':
        this.limits = e.limits || this.limits;
        for (const room of e.rooms || []) this.joinedRooms.add(room);
        for (const room of this.joinedRooms) {
          if (!(e.rooms || []).includes(room)) out.push({ type: 'join', room });
        }
        out.push({ type: 'rooms' });
        break;
      case 'message':
        this.addMessage(roomId(e.room), e);
        break;
      case 'direct_message': {
        const peer = e.from === this.me ? e.to : e.from;
        this.addMessage(dmId(peer), e);
        break;
      }
      case 'joined':
        if (e.name === this.me) {
          this.joinedRooms.add(e.room);
          this.conv(roomId(e.room));
          if (this.pendingJoin === e.room) {
            this.pendingJoin = null;
            this.select(roomId(e.room));
          }
        } else {
          const list = this.members.get(e.room) || [];
          if (!list.includes(e.name)) this.members.set(e.room, [...list, e.name].sort());
          this.addNotice(roomId(e.room), e.name + ' joined');
        }
        break;
      case 'left':
        if (e.name === this.me) {
          this.joinedRooms.delete(e.room);
          this.convs.delete(roomId(e.room));
          this.members.delete(e.room);
          if (this.current === roomId(e.room)) this.select(roomId(DEFAULT_ROOM));
          out.push({ type: 'rooms' });
        } else {
          this.members.set(e.room, (this.members.get(e.room) || []).filter((n) => n !== e.name));
          this.addNotice(roomId(e.room), e.name + ' left');
        }
        break;
      case 'presence':
        this.members.set(e.room, [...e.members].sort());
        break;
      case 'history_page': {
        const c = this.conv(roomId(e.room));
        c.hasMore = Boolean(e.hasMore);
        for (const m of e.messages || []) this.addMessage(c.id, m, { live: false });
        break;
      }
      case 'room_list':
        this.otherRooms = (e.rooms || []).filter((r) => !this.joinedRooms.has(r.room));
        break;
      case 'error':
        this.lastError = e.message || e.code;
        if (this.pendingJoin) this.pendingJoin = null;
        break;
      default:
        break; // ack, pong, and event types added later
    }
    return out;
  }

  /** The client event that sends {@code text} to the current conversation. */
  outgoing(text) {
    const c = this.conv(this.current);
    const clientMsgId = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    return c.kind === 'room'
      ? { type: 'send', clientMsgId, room: c.name, text }
      : { type: 'direct', clientMsgId, to: c.name, text };
  }

  /** Restores one locally stored record. */
  restore(record) {
    if (record.type === 'joined') {
      for (const room of record.rooms) this.joinedRooms.add(room);
    } else if (record.conv && typeof record.text === 'string') {
      this.addMessage(record.conv, record, { live: false, store: false });
    }
  }
}
