// The service worker (the server puts `const BUILD` and `KILLED` in front). Pages come from
// the network; when it fails, or is too slow with a saved copy at hand, a saved course's page
// comes from the phone (marked `data-offline` so the page shows its offline notice), and any
// other page gets the offline page. A quiz answered without a network is queued on the phone.

const SHELL = 'hocvu-shell-' + BUILD;
const SAVED = 'hocvu-c|'; // + lang/course|hash: one cache per saved course (the page script)
const SLOW_MS = 6000;
const ANSWER_MS = 15000;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (e) => e.waitUntil((async () => {
  for (const k of await caches.keys()) {
    if (KILLED ? k.startsWith('hocvu-') : k.startsWith('hocvu-shell-') && k !== SHELL) {
      await caches.delete(k);
    }
  }
  if (KILLED) {
    await self.registration.unregister();
    return;
  }
  await self.clients.claim();
})()));

self.addEventListener('sync', (e) => {
  if (e.tag === 'hocvu-queue') e.waitUntil(drainForPages());
});

async function drainForPages() {
  const who = await getOne('meta', 'learner');
  const checked = await drain(who ? who.value : '');
  if (!checked.length) return;
  for (const c of await self.clients.matchAll()) c.postMessage('synced');
}

const LESSON = /^\/[a-z]{2,3}\/courses\/[^/]+\/[^/]+\/$/;

self.addEventListener('fetch', (e) => {
  if (KILLED) return;
  const req = e.request;
  const url = new URL(req.url);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  if (req.method === 'POST' && req.mode === 'navigate' && LESSON.test(url.pathname)) {
    e.respondWith(answer(req, url));
  } else if (req.method !== 'GET') {
    return;
  } else if (req.mode === 'navigate') {
    e.respondWith(page(req, url));
  } else if (/^\/(static|media)\//.test(url.pathname)) {
    // Content-hashed files never change: the phone's copy is the file.
    e.respondWith(caches.match(req, { ignoreVary: true }).then((hit) => hit || fetch(req)));
  }
});

const savedCopy = (path) => caches.match(path, { ignoreSearch: true, ignoreVary: true });

// Saved copies are the pages as a visitor sees them (saved without cookies), so a shared
// phone shows nobody's answers or marks offline; they change only when the course is saved
// again.
async function page(req, url) {
  const saved = await savedCopy(url.pathname);
  const net = fetch(req);
  if (!saved) return net.catch(() => offlinePage(url));
  const slow = new Promise((_, fail) => setTimeout(fail, SLOW_MS));
  // A server error with a saved copy at hand (a proxy's 502 on one bar of signal): the copy.
  const good = net.then((resp) => { if (resp.status >= 500) throw resp; return resp; });
  good.catch(() => {});
  return Promise.race([good, slow]).catch(() => marked(saved, url));
}

async function marked(resp, url) {
  const flags = url.searchParams.has('saved-offline') ? 'offline queued' : 'offline';
  const html = (await resp.text()).replace('<body', '<body data-offline="' + flags + '"');
  // The stored headers (CSP and the rest) without the ones that described the old body.
  const headers = new Headers(resp.headers);
  for (const h of ['Content-Length', 'Content-Encoding', 'ETag']) headers.delete(h);
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(html, { headers });
}

async function offlinePage(url) {
  const lang = url.pathname.split('/')[1];
  const shell = await caches.open(SHELL);
  const hit = (await shell.match('/' + lang + '/offline')) ||
    (await shell.matchAll()).find((r) => r.url.endsWith('/offline'));
  if (hit) return marked(hit, url);
  return new Response('Offline', { status: 503, headers: { 'Content-Type': 'text/plain' } });
}

// The quiz form: sent with an event id, so an answer whose reply was lost and then queued
// counts once; without a network it is queued and the lesson is shown saying so.
async function answer(req, url) {
  const pairs = [...(await req.formData()).entries()];
  let id = (pairs.find(([k]) => k === 'event_id') || [])[1];
  if (!id) {
    id = freshId();
    pairs.push(['event_id', id]);
  }
  // One bar of signal can hang a request for minutes: the event id makes giving up safe.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ANSWER_MS);
  try {
    return await fetch(url.href, {
      method: 'POST', body: new URLSearchParams(pairs), credentials: 'same-origin',
      signal: abort.signal,
    });
  } catch (e) {
    try {
      const [, lang, , course, lesson] = url.pathname.split('/');
      const who = await getOne('meta', 'learner');
      const info = await lessonInfo(url.pathname);
      await putAll('queue', [queued(id, who ? who.value : '', lang, course, lesson,
        url.pathname, info.hash, info.title, pairs)]);
    } catch (e2) {
      // The phone could not keep it (storage full or refused): say so, lose nothing silently.
      return new Response('<!doctype html><meta charset="utf-8"><meta name="viewport" ' +
        'content="width=device-width"><p>No network, and this phone could not keep your ' +
        'answers. Go back and answer again when you are online.</p>', {
        status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' },
      });
    }
    try { await self.registration.sync.register('hocvu-queue'); } catch (e3) { /* optional */ }
    return Response.redirect(new URL(url.pathname + '?saved-offline=1#quiz', url).href, 303);
  } finally {
    clearTimeout(timer);
  }
}

// The saved lesson's source hash and title, if its course is saved.
async function lessonInfo(path) {
  for (const c of await getAll('courses')) {
    const l = (c.lessons || []).find((x) => x.href === path);
    if (l) return l;
  }
  return {};
}
