// Unit tests of the replay guard: node --test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayGuard } from '../../main/js/replay.js';

function message(nonceByte, ivTail = 0) {
  const m = new Uint8Array(60);
  m.fill(nonceByte, 4, 16); // the GCM nonce: IV bytes 0..12
  m.fill(ivTail, 16, 20); // IV bytes 12..16, not authenticated by Themis
  return m;
}

test('an exact replay is recognised', () => {
  const g = new ReplayGuard();
  const n = ReplayGuard.nonceOf(message(1));
  assert.equal(g.isReplay(n), false);
  g.remember(n);
  assert.equal(g.isReplay(ReplayGuard.nonceOf(message(1))), true);
  assert.equal(g.isReplay(ReplayGuard.nonceOf(message(2))), false);
});

test('changing the unauthenticated IV tail does not disguise a replay', () => {
  const g = new ReplayGuard();
  g.remember(ReplayGuard.nonceOf(message(9, 0)));
  assert.equal(g.isReplay(ReplayGuard.nonceOf(message(9, 0xff))), true);
});

test('a message too short to hold a nonce is treated as a replay (dropped)', () => {
  const g = new ReplayGuard();
  assert.equal(ReplayGuard.nonceOf(new Uint8Array(15)), null);
  assert.equal(g.isReplay(null), true);
});

test('memory is bounded: the oldest nonces are forgotten first', () => {
  const g = new ReplayGuard(3);
  for (let i = 1; i <= 4; i++) g.remember(ReplayGuard.nonceOf(message(i)));
  assert.equal(g.seen.size, 3);
  assert.equal(g.isReplay(ReplayGuard.nonceOf(message(1))), false);
  assert.equal(g.isReplay(ReplayGuard.nonceOf(message(4))), true);
});
