// The service worker (the server puts `const BUILD` and `KILLED` in front). Pages come from
// the network; when it fails, or is too slow with a saved copy at hand, a saved course's page
// comes from the phone (marked `data-offline` so the page shows its offline notice), and any
// other page gets the offline page. A quiz answered without a network is queued on the phone.

const SHELL = 'hocvu-shell-' + BUILD;
const SAVED = 'hocvu-c|'; // + lang/course|hash: one cache per saved course (the page script)
const SLOW_MS = 6000;

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

self.addEventListener('message', (e) => {
  if (e.data === 'drain') e.waitUntil(drainForPages());
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

async function page(req, url) {
  const saved = await savedCopy(url.pathname);
  const net = fetch(req).then((resp) => {
    if (resp.ok && saved) keepFresh(url.pathname, resp.clone());
    return resp;
  });
  if (!saved) return net.catch(() => offlinePage(url));
  net.catch(() => {});
  const slow = new Promise((_, fail) => setTimeout(fail, SLOW_MS));
  return Promise.race([net, slow]).catch(() => marked(saved, url));
}

// A page viewed online replaces the saved copy (the learner's marks stay current).
async function keepFresh(path, resp) {
  for (const k of await caches.keys()) {
    if (!k.startsWith(SAVED)) continue;
    const cache = await caches.open(k);
    if (await cache.match(path, { ignoreVary: true })) await cache.put(path, resp.clone());
  }
}

async function marked(resp, url) {
  const flags = url.searchParams.has('saved-offline') ? 'offline queued' : 'offline';
  const html = (await resp.text()).replace('<body', '<body data-offline="' + flags + '"');
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
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
  try {
    return await fetch(url.href, {
      method: 'POST', body: new URLSearchParams(pairs), credentials: 'same-origin',
    });
  } catch (e) {
    const [, lang, , course, lesson] = url.pathname.split('/');
    const who = await getOne('meta', 'learner');
    const info = await lessonInfo(url.pathname);
    await putAll('queue', [queued(id, who ? who.value : '', lang, course, lesson,
      url.pathname, info.hash, info.title, pairs)]);
    try { await self.registration.sync.register('hocvu-queue'); } catch (e2) { /* optional */ }
    return Response.redirect(new URL(url.pathname + '?saved-offline=1#quiz', url).href, 303);
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
