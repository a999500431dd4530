'use strict';
// Shared by the page script and the service worker: the phone's store (IndexedDB) and the
// answer queue, replayed through /api/v1/me/events. An answer leaves the queue only when the
// server has acknowledged its id; every event has its own id, so a replay counts once.

const DB = 'hocvu';
// Well under the API's limit of 500 events and its body size limit.
const MAX_BATCH = 100;

function idb() {
  return new Promise((ok, fail) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => {
      for (const s of ['queue', 'results', 'courses', 'meta']) {
        r.result.createObjectStore(s, { keyPath: 'key' });
      }
    };
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
}

// One transaction on one store; `fn` returns a request whose result is the answer.
async function tx(name, mode, fn) {
  const db = await idb();
  return new Promise((ok, fail) => {
    const t = db.transaction(name, mode);
    const req = fn(t.objectStore(name));
    t.oncomplete = () => { db.close(); ok(req && req.result); };
    t.onerror = t.onabort = () => { db.close(); fail(t.error); };
  });
}
const getAll = (name) => tx(name, 'readonly', (s) => s.getAll());
const getOne = (name, key) => tx(name, 'readonly', (s) => s.get(key));
const putAll = (name, rows) => tx(name, 'readwrite', (s) => { rows.forEach((r) => s.put(r)); });
const delAll = (name, keys) => tx(name, 'readwrite', (s) => { keys.forEach((k) => s.delete(k)); });

// A fresh event id: time, then 80 random bits (at most 64 characters, as the API asks).
function newId(now, random) {
  let hex = '';
  for (const b of random) hex += (b < 16 ? '0' : '') + b.toString(16);
  return 'p' + now.toString(36) + '-' + hex;
}
const freshId = () => newId(Date.now(), crypto.getRandomValues(new Uint8Array(10)));

// Which queued events the server acknowledged: those whose id has a result, except a
// rejection it asks to send again (unanswered ids stay queued); and the answers' marks.
function acknowledged(sent, results) {
  const byId = new Map(results.map((r) => [r.id, r]));
  const done = [];
  const checked = [];
  for (const q of sent) {
    const r = byId.get(q.event.id);
    if (!r || r.retry) continue;
    done.push(q.key);
    if (q.event.kind !== 'quiz_answered') continue;
    checked.push({
      key: q.key, owner: q.owner, course: q.event.course, lesson: q.event.lesson, href: q.href,
      title: q.title || '', status: r.status, reason: r.reason || '', right: r.right,
      total: r.total, passed: r.passed, at: q.event.at, shown: false,
    });
  }
  return { done, checked };
}

// Whose answers this page may send: the learner's own, a visitor's (they belong to the
// guest the visitor becomes) and a guest's once someone is signed in on this phone — as the
// server merges a guest's progress into the account that logs in on the same browser. An
// account's answers wait for that account.
const mine = (q, learner) => !q.owner || q.owner === learner || (q.owner[0] === 'g' && !!learner);

let draining = null;
// Sends the learner's queued answers; resolves to the results recorded (none when offline).
// One drain at a time on the phone (page and worker alike), where the browser has Web Locks.
function drain(learner) {
  if (!draining) {
    const run = () => drainNow(learner);
    const locked = navigator.locks ? navigator.locks.request('hocvu-drain', run) : run();
    const done = () => { draining = null; };
    draining = locked.then((r) => { done(); return r; }, (e) => { done(); throw e; });
  }
  return draining;
}

async function drainNow(learner) {
  const recorded = [];
  const queue = (await getAll('queue')).filter((q) => mine(q, learner));
  for (let i = 0; i < queue.length; i += MAX_BATCH) {
    const sent = queue.slice(i, i + MAX_BATCH);
    let answer;
    try {
      const resp = await fetch('/api/v1/me/events', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        // `learner`: whose answers these are; the server sends them back to retry when the
        // session is someone else's or has expired, rather than give them to a new guest.
        body: JSON.stringify({ sent_at: Date.now(), learner, events: sent.map((q) => q.event) }),
      });
      if (!resp.ok) break;
      answer = await resp.json();
    } catch (e) {
      break; // no network: everything stays queued
    }
    const { done, checked } = acknowledged(sent, answer.results || []);
    await putAll('results', checked);
    await delAll('queue', done);
    recorded.push(...checked);
  }
  return recorded;
}

// A queued answer from a quiz form's fields (question → chosen options).
function queued(id, owner, lang, course, lesson, href, hash, title, pairs) {
  const answers = {};
  for (const [k, v] of pairs) {
    if (k === 'event_id') continue;
    (answers[k] = answers[k] || []).push(v);
  }
  const event = { id, kind: 'quiz_answered', course, lesson, answers, lang, at: Date.now() };
  if (hash) event.lesson_hash = hash;
  return { key: id, owner, lang, href, title, event };
}

if (typeof module === 'object') module.exports = { newId, acknowledged, mine, queued };
