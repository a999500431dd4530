// Unit tests of the offline queue's pure parts: `node --test` (run by tests/offline.rs).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { randomFillSync } = require('node:crypto');
const { newId, acknowledged, mine, queued } = require('../queue.js');

test('ids are unique, short enough for the API and safe in a URL', () => {
  const seen = new Set();
  const now = Date.now();
  for (let i = 0; i < 20000; i++) {
    const id = newId(now, randomFillSync(new Uint8Array(10)));
    assert.match(id, /^p[0-9a-z]+-[0-9a-f]{20}$/);
    assert.ok(id.length <= 64);
    seen.add(id);
  }
  assert.strictEqual(seen.size, 20000, 'same millisecond, still distinct');
  assert.strictEqual(newId(0, new Uint8Array(10)), 'p0-00000000000000000000');
});

const entry = (id) => queued(id, 'l7', 'rad', 'vneid', '01', '/rad/courses/vneid/01/', 'h1', 'Bài 1',
  [['q1', 'a'], ['q2', 'b'], ['q2', 'c'], ['event_id', id]]);

test('a queued answer is an event the API takes', () => {
  const q = entry('p1');
  assert.deepStrictEqual(q.event.answers, { q1: ['a'], q2: ['b', 'c'] });
  assert.strictEqual(q.event.kind, 'quiz_answered');
  assert.strictEqual(q.event.lesson_hash, 'h1');
  assert.strictEqual(q.key, 'p1');
  assert.ok(Math.abs(q.event.at - Date.now()) < 5000);
});

test('only acknowledged answers leave the queue', () => {
  const sent = [entry('a'), entry('b'), entry('c'), entry('d')];
  // The reply names a, c (out of order) and d, which the server asks to send again; b is missing
  // (a reply cut short): b and d stay queued.
  const results = [
    { id: 'c', status: 'duplicate', right: 1, total: 2, passed: false },
    { id: 'a', status: 'applied', right: 2, total: 2, passed: true },
    { id: 'd', status: 'rejected', reason: 'over the limit', retry: true },
    { id: 'zz', status: 'applied' },
  ];
  const { done, checked } = acknowledged(sent, results);
  assert.deepStrictEqual(done, ['a', 'c']);
  assert.deepStrictEqual(checked.map((r) => [r.key, r.status, r.passed]), [['a', 'applied', true], ['c', 'duplicate', false]]);
  assert.strictEqual(checked[0].href, '/rad/courses/vneid/01/');
  assert.strictEqual(checked[0].shown, false);
});

test('a rejection is an answer: it leaves the queue with its reason', () => {
  const { done, checked } = acknowledged([entry('a')], [{ id: 'a', status: 'rejected', reason: 'the lesson has changed' }]);
  assert.deepStrictEqual(done, ['a']);
  assert.strictEqual(checked[0].reason, 'the lesson has changed');
});

test('an opened lesson leaves the queue without marks to show', () => {
  const opened = { key: 'o', owner: '', href: '/rad/x/', event: { id: 'o', kind: 'lesson_opened' } };
  const { done, checked } = acknowledged([opened, entry('a')], [{ id: 'o', status: 'applied' }, { id: 'a', status: 'applied', right: 1, total: 1, passed: true }]);
  assert.deepStrictEqual(done, ['o', 'a']);
  assert.deepStrictEqual(checked.map((c) => c.key), ['a']);
});

test('nothing acknowledged when the reply has no results', () => {
  assert.deepStrictEqual(acknowledged([entry('a')], []).done, []);
});

test('a page sends its learner\'s answers, a visitor\'s and a guest\'s, never another account\'s', () => {
  assert.ok(mine({ owner: 'l7' }, 'l7'));
  assert.ok(mine({ owner: '' }, 'l7'), 'answered before signing in');
  assert.ok(mine({ owner: '' }, ''));
  assert.ok(mine({ owner: 'g3' }, 'g3'));
  assert.ok(mine({ owner: 'g3' }, 'l7'), 'a guest who logs in: the server merges them too');
  assert.ok(!mine({ owner: 'g3' }, ''), 'nobody signed in: kept');
  assert.ok(!mine({ owner: 'l7' }, 'l8'));
  assert.ok(!mine({ owner: 'l7' }, 'g9'));
  assert.ok(!mine({ owner: 'l7' }, ''), 'signed out: kept for its owner');
});
