// Unit tests of the chat state (no DOM, no crypto): node --test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatState, dmId, roomId } from '../../main/js/chat.js';

function fresh(me = 'alice') {
  const stored = [];
  const state = new ChatState(me, (conv, entry) => stored.push({ conv, ...entry }));
  return { state, stored };
}

const msg = (id, from, text, ts, room = 'main') => ({ type: 'message', id, room, from, text, ts });

test('messages in another conversation count as unread until it is selected', () => {
  const { state } = fresh();
  state.apply({ type: 'joined', room: 'dev', name: 'alice' });
  state.apply(msg(1, 'bob', 'hi', 1000, 'dev'));
  state.apply(msg(2, 'bob', 'again', 1001, 'dev'));
  assert.equal(state.conv(roomId('dev')).unread, 2);
  assert.equal(state.totalUnread(), 2);
  state.select(roomId('dev'));
  assert.equal(state.conv(roomId('dev')).unread, 0);
});

test('own messages and messages in the open conversation are not unread', () => {
  const { state } = fresh();
  state.apply(msg(1, 'alice', 'mine', 1000));
  state.apply(msg(2, 'bob', 'seen', 1001));
  assert.equal(state.conv(roomId('main')).unread, 0);
});

test('a hidden page counts messages in the open conversation as unread', () => {
  const { state } = fresh();
  state.setVisible(false);
  state.apply(msg(1, 'bob', 'while away', 1000));
  assert.equal(state.conv(roomId('main')).unread, 1);
  state.setVisible(true);
  assert.equal(state.conv(roomId('main')).unread, 0);
});

test('a message seen live and again in a history page is kept and stored once', () => {
  const { state, stored } = fresh();
  state.apply(msg(7, 'bob', 'once', 1000));
  state.apply({ type: 'history_page', room: 'main', messages: [{ id: 7, from: 'bob', text: 'once', ts: 1000 }], hasMore: false });
  assert.deepEqual(state.conv(roomId('main')).messages.map((m) => m.text), ['once']);
  assert.equal(stored.length, 1);
});

test('history pages merge in timestamp then id order and do not count as unread', () => {
  const { state } = fresh();
  state.select(dmId('zed'));
  state.apply(msg(5, 'bob', 'five', 2000));
  state.apply({
    type: 'history_page', room: 'main', hasMore: true,
    messages: [{ id: 3, from: 'bob', text: 'three', ts: 1000 }, { id: 4, from: 'bob', text: 'four', ts: 1000 }],
  });
  state.apply({ type: 'history_page', room: 'main', hasMore: false, messages: [{ id: 2, from: 'bob', text: 'two', ts: 1000 }] });
  const c = state.conv(roomId('main'));
  assert.deepEqual(c.messages.map((m) => m.id), [2, 3, 4, 5]);
  assert.equal(c.unread, 1);
  assert.equal(c.hasMore, false);
});

test('direct messages go to the conversation with the other person, also when I sent them', () => {
  const { state } = fresh();
  state.apply({ type: 'direct_message', id: 0, from: 'bob', to: 'alice', text: 'to me', ts: 1 });
  state.apply({ type: 'direct_message', id: 0, from: 'alice', to: 'bob', text: 'from me', ts: 2 });
  assert.deepEqual(state.conv(dmId('bob')).messages.map((m) => m.text), ['to me', 'from me']);
  assert.equal(state.conv(dmId('bob')).unread, 1);
});

test('welcome rejoins remembered rooms and asks for the room list', () => {
  const { state } = fresh();
  state.restore({ type: 'joined', rooms: ['main', 'dev', 'ops'] });
  const out = state.apply({ type: 'welcome', name: 'alice', serverVersion: 'x', rooms: ['main'], limits: { maxTextLength: 10, maxHistoryLimit: 5 } });
  assert.deepEqual(out, [{ type: 'join', room: 'dev' }, { type: 'join', room: 'ops' }, { type: 'rooms' }]);
  assert.equal(state.limits.maxTextLength, 10);
});

test('presence, joins and leaves keep the member list', () => {
  const { state } = fresh();
  state.apply({ type: 'presence', room: 'main', members: ['carol', 'alice'] });
  state.apply({ type: 'joined', room: 'main', name: 'bob' });
  assert.deepEqual(state.members.get('main'), ['alice', 'bob', 'carol']);
  state.apply({ type: 'left', room: 'main', name: 'carol' });
  assert.deepEqual(state.members.get('main'), ['alice', 'bob']);
  assert.deepEqual(state.conv(roomId('main')).messages.map((m) => m.text), ['bob joined', 'carol left']);
});

test('a join I asked for opens the room; leaving it goes back to main', () => {
  const { state } = fresh();
  state.pendingJoin = 'dev';
  state.apply({ type: 'joined', room: 'dev', name: 'alice' });
  assert.equal(state.current, roomId('dev'));
  state.apply({ type: 'left', room: 'dev', name: 'alice' });
  assert.equal(state.current, roomId('main'));
  assert.equal(state.joinedRooms.has('dev'), false);
});

test('outgoing text is a send in a room and a direct in a direct conversation', () => {
  const { state } = fresh();
  const room = state.outgoing('hi all');
  assert.equal(room.type, 'send');
  assert.equal(room.room, 'main');
  assert.match(room.clientMsgId, /^[\x21-\x7e]{1,64}$/);
  state.select(dmId('bob'));
  const dm = state.outgoing('hi bob');
  assert.deepEqual({ type: dm.type, to: dm.to, text: dm.text }, { type: 'direct', to: 'bob', text: 'hi bob' });
});

test('restored records are shown but not stored again', () => {
  const { state, stored } = fresh();
  state.restore({ conv: roomId('main'), id: 3, from: 'bob', text: 'old', ts: 5 });
  state.restore({ conv: roomId('main'), id: 3, from: 'bob', text: 'old', ts: 5 });
  assert.equal(state.conv(roomId('main')).messages.length, 1);
  assert.equal(stored.length, 0);
});

test('an error event is surfaced once and clears a pending join', () => {
  const { state } = fresh();
  state.pendingJoin = 'bad room';
  state.apply({ type: 'error', code: 'bad_request', message: 'invalid room name' });
  assert.equal(state.lastError, 'invalid room name');
  assert.equal(state.pendingJoin, null);
});
