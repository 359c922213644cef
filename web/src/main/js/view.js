// DOM rendering. Text from the network or storage is only ever set with textContent or as an
// attribute value through the DOM API: never parsed as HTML.
import { DEFAULT_ROOM, dmId, roomId } from './chat.js';

const $ = (id) => document.getElementById(id);

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'className') node.className = v;
    else if (k === 'onclick') node.addEventListener('click', v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function shortTime(when) {
  const today = new Date();
  return when.toDateString() === today.toDateString() ? timeFormat.format(when) : dayFormat.format(when);
}

export function convTitle(c) {
  return c.kind === 'room' ? '#' + c.name : '@' + c.name;
}

function convButton(state, c, label, onSelect) {
  const current = c.id === state.current;
  const button = el('button', { type: 'button', 'aria-current': String(current), 'data-conv': c.id, onclick: () => onSelect(c.id) },
    [el('span', { text: label })]);
  if (c.unread > 0) {
    button.append(el('span', { className: 'badge', text: String(c.unread), 'aria-label': c.unread + ' unread' }));
  }
  return el('li', {}, [button]);
}

export class View {
  constructor(handlers) {
    this.h = handlers;
    this.renderedConv = null;
    this.renderedCount = -1;
  }

  renderAll(state) {
    this.renderLists(state);
    this.renderMessages(state);
  }

  renderLists(state) {
    const rooms = [...state.joinedRooms].sort((a, b) => (a === DEFAULT_ROOM ? -1 : b === DEFAULT_ROOM ? 1 : a.localeCompare(b)));
    $('room-list').replaceChildren(...rooms.map((r) => convButton(state, state.conv(roomId(r)), '#' + r, this.h.select)));
    const dms = [...state.convs.values()].filter((c) => c.kind === 'dm').sort((a, b) => a.name.localeCompare(b.name));
    $('dm-list').replaceChildren(...dms.map((c) => convButton(state, c, '@' + c.name, this.h.select)));
    $('dm-empty').hidden = dms.length > 0;

    const cur = state.conv(state.current);
    const room = cur.kind === 'room' ? cur.name : null;
    $('members-heading').textContent = room ? 'Members of #' + room : 'Members';
    const members = room ? state.members.get(room) || [] : [state.me, cur.name];
    $('member-list').replaceChildren(...members.map((name) => {
      if (name === state.me) return el('li', { className: 'self', text: name + ' (you)' });
      return el('li', {}, [el('button', { type: 'button', 'aria-label': 'Direct message ' + name, onclick: () => this.h.select(dmId(name)) },
        [el('span', { text: name })])]);
    }));
    const others = state.otherRooms.filter((r) => !state.joinedRooms.has(r.room));
    $('other-rooms').replaceChildren(...others.map((r) => el('li', {}, [
      el('button', { type: 'button', 'aria-label': 'Join ' + r.room, onclick: () => this.h.join(r.room) },
        [el('span', { text: '#' + r.room }), el('span', { className: 'hint', text: String(r.members) })]),
    ])));

    $('conv-title').textContent = convTitle(cur);
    $('message-input').placeholder = 'Message ' + convTitle(cur);
    $('leave-button').hidden = !(cur.kind === 'room' && cur.name !== DEFAULT_ROOM);
    $('older-button').hidden = !(cur.kind === 'room' && cur.hasMore);
    const unread = state.totalUnread();
    $('menu-unread').hidden = unread === 0;
    $('menu-unread').textContent = String(unread);
    document.title = (unread > 0 ? '(' + unread + ') ' : '') + convTitle(cur) + ' – Parley';
  }

  renderMessages(state) {
    const cur = state.conv(state.current);
    const list = $('messages');
    const msgs = cur.messages;
    const same = this.renderedConv === cur.id;
    if (same && this.renderedCount === msgs.length && this.renderedLast === msgs.at(-1)) return;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const appendOnly = same && this.renderedCount > 0 && this.renderedCount < msgs.length
      && msgs[this.renderedCount - 1] === this.renderedLast && list.children.length === this.renderedCount;
    if (appendOnly) {
      // only new messages at the end: append them, so the live region announces just those
      list.append(...msgs.slice(this.renderedCount).map((m) => this.messageItem(state, m)));
    } else {
      list.replaceChildren(...msgs.map((m) => this.messageItem(state, m)));
    }
    if (atBottom || !same) list.scrollTop = list.scrollHeight;
    this.renderedConv = cur.id;
    this.renderedCount = msgs.length;
    this.renderedLast = msgs.at(-1);
  }

  messageItem(state, m) {
    if (m.kind === 'notice') return el('li', { className: 'msg system', text: m.text });
    const when = new Date(m.ts);
    return el('li', { className: 'msg' + (m.from === state.me ? ' mine' : '') }, [
      el('div', { className: 'meta' }, [
        el('span', { className: 'from', text: m.from }),
        el('time', { datetime: when.toISOString(), title: dateFormat.format(when), text: shortTime(when) }),
      ]),
      el('div', { className: 'text', text: m.text }),
    ]);
  }

  setConnection(state, detail) {
    const node = $('conn-state');
    node.dataset.state = state;
    const labels = { connecting: 'Connecting…', handshaking: 'Securing…', online: 'Online', stopped: 'Offline' };
    node.textContent = state === 'waiting'
      ? 'Reconnecting in ' + Math.max(1, Math.round(detail.delay / 1000)) + ' s'
      : labels[state] || state;
    node.title = node.textContent;
    $('send-button').disabled = state !== 'online';
  }

  showNotice(text) {
    const n = $('notice');
    n.textContent = text;
    n.hidden = !text;
    clearTimeout(this.noticeTimer);
    if (text) this.noticeTimer = setTimeout(() => { n.hidden = true; }, 8000);
  }

  showFatal(title, text) {
    $('fatal-title').textContent = title;
    $('fatal-text').textContent = text;
    $('fatal').hidden = false;
    $('fatal-card').focus();
  }

  toggleSidebar(open) {
    $('app').classList.toggle('sidebar-open', open);
    $('menu-button').setAttribute('aria-expanded', String(open));
  }
}
