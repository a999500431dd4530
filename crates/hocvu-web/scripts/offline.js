// The page side of offline learning: registers the service worker, offers "save this course"
// with its size, lists saved courses on the offline page, shows answers waiting on the phone
// and their marks once checked. Every string shown comes from the page (data-* attributes).
(() => {
  if (!('serviceWorker' in navigator) || !window.indexedDB || !window.caches) return;
  const root = document.documentElement;
  const lang = root.lang;
  let learner = root.dataset.learner || '';
  const $ = (s, el) => (el || document).querySelector(s);
  const $$ = (s, el) => [...(el || document).querySelectorAll(s)];
  const show = (el, on) => { if (el) el.hidden = !on; };
  const offline = () => !!document.body.dataset.offline;
  const script = document.currentScript;

  const size = (b) => '≈ ' + (b < 1e6 ? Math.max(1, Math.round(b / 1e3)) + ' KB'
    : (b / 1e6).toFixed(1).replace('.', lang === 'en' ? '.' : ',') + ' MB');
  const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));

  async function start() {
    if (!offline()) {
      await putAll('meta', [{ key: 'learner', value: learner }]);
    } else {
      // A saved page names nobody: the phone's learner is whoever was last signed in online.
      const who = await getOne('meta', 'learner');
      learner = who ? who.value : '';
    }
    // An id per answer form shown: sending the form again (a reload) counts once.
    for (const f of $$('form.quiz')) {
      const id = document.createElement('input');
      id.type = 'hidden';
      id.name = 'event_id';
      id.value = freshId();
      f.appendChild(id);
    }
    if (root.dataset.sw === 'on') {
      navigator.serviceWorker.register('/sw.js').then(keepShell).catch(() => {});
      const box = $('#offline-box');
      if (box) saveBox(box, [box.dataset.pack]);
      const all = $('#offline-required');
      if (all) saveBox(all, all.dataset.pack.split(' '));
      savedList();
    } else {
      // The operator's kill switch: no worker, no saved pages (answers waiting stay).
      for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
      for (const k of await caches.keys()) if (k.startsWith('hocvu-')) await caches.delete(k);
      await delAll('courses', (await getAll('courses')).map((c) => c.key));
    }
    await openedOffline();
    await showWaiting();
    sync();
    window.addEventListener('online', sync);
    navigator.serviceWorker.addEventListener('message', (e) => { if (e.data === 'synced') synced([]); });
  }

  // The offline page, this page's stylesheet and script, for pages that were not saved.
  async function keepShell() {
    const shell = await caches.open('hocvu-shell-' + root.dataset.build);
    const want = ['/' + lang + '/offline', $('link[rel=stylesheet]').href, script.src];
    for (const u of want) if (!(await shell.match(u))) await shell.add(u).catch(() => {});
  }

  const cacheName = (pack) => 'hocvu-c|' + pack.key + '|' + pack.hash;

  async function savePack(pack) {
    // Ask the browser not to evict the saved course and the queue when space runs short.
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
    const name = cacheName(pack);
    const cache = await caches.open(name);
    for (const u of pack.urls) {
      // As a visitor sees it (no cookies): a shared phone keeps nobody's marks. Hocvu-Save:
      // fetching a lesson to keep it is not reading it.
      const resp = await fetch(u, { credentials: 'omit', headers: { 'Hocvu-Save': '1' } });
      if (!resp.ok) throw new Error(u);
      await cache.put(u, resp);
    }
    await putAll('courses', [{ key: pack.key, title: pack.title, href: pack.href, hash: pack.hash,
      pack: pack.self, bytes: pack.bytes, lessons: pack.lessons, cache: name }]);
    for (const k of await caches.keys()) {
      if (k.startsWith('hocvu-c|' + pack.key + '|') && k !== name) await caches.delete(k);
    }
  }

  async function removePack(key) {
    for (const k of await caches.keys()) if (k.startsWith('hocvu-c|' + key + '|')) await caches.delete(k);
    await delAll('courses', [key]);
  }

  // The "save for offline" box of a course page, or "save all my required courses".
  async function saveBox(box, urls) {
    let packs = [];
    try {
      packs = await Promise.all(urls.map(async (u) => (await fetch(u)).json()));
    } catch (e) { /* offline: sizes unknown */ }
    const states = $$('[data-state]', box);
    const state = (s) => states.forEach((el) => show(el, el.dataset.state === s));
    const save = $('[data-do=save]', box);
    const remove = $('[data-do=remove]', box);
    const bytes = packs.reduce((n, p) => n + p.bytes, 0);
    // `/{lang}/courses/{course}/offline.json` → `{lang}/{course}`: known offline too.
    const keys = urls.map((u) => { const p = u.split('/'); return p[1] + '/' + p[3]; });
    $$('[data-size]', box).forEach((el) => { el.textContent = bytes ? size(bytes) : ''; });
    const refresh = async () => {
      const saved = await Promise.all(keys.map(async (k) => {
        const r = await getOne('courses', k);
        return r && (await caches.has(r.cache)) ? r : undefined;
      }));
      // Offline the packs are unknown: a saved copy counts as current.
      const fresh = saved.every((r, i) => r && (!packs[i] || r.hash === packs[i].hash));
      state(fresh ? 'saved' : 'new');
      show(save, packs.length && !fresh);
      show(remove, box.id === 'offline-box' && saved.some((r) => r));
      return saved;
    };
    const saveAll = async (which) => {
      state('saving');
      save.disabled = true;
      try {
        for (const p of which || packs) await savePack(p);
        await refresh();
      } catch (e) {
        state('failed');
      }
      save.disabled = false;
    };
    save.addEventListener('click', () => saveAll());
    if (remove) {
      remove.addEventListener('click', async () => {
        for (const k of keys) await removePack(k);
        refresh();
      });
    }
    show(box, true);
    const saved = await refresh();
    // A saved course whose bundle changed is saved again (only the ones that were saved).
    const changed = packs.filter((p, i) => saved[i] && saved[i].hash !== p.hash);
    if (changed.length) saveAll(changed);
  }

  async function savedList() {
    const list = $('#saved-courses');
    if (!list) return;
    const courses = await getAll('courses');
    for (const c of courses) {
      const a = document.createElement('a');
      a.href = c.href;
      a.textContent = c.title;
      list.appendChild(document.createElement('li')).appendChild(a);
    }
    show($('#saved-none'), !courses.length);
    show(list, courses.length);
  }

  // A saved lesson read without a network counts as opened once the phone is back online.
  async function openedOffline() {
    const art = $('article[data-lesson]');
    if (!art || !offline()) return;
    const [course, lesson] = art.dataset.lesson.split('/');
    const id = freshId();
    // Whoever was last signed in online on this phone (saved pages name nobody).
    const who = await getOne('meta', 'learner');
    await putAll('queue', [{ key: id, owner: who ? who.value : '', lang, href: location.pathname, title: '',
      event: { id, kind: 'lesson_opened', course, lesson, at: Date.now(), lesson_hash: art.dataset.hash } }]);
  }

  async function showWaiting() {
    const waiting = (await getAll('queue')).filter((q) => mine(q, learner) && q.event.kind === 'quiz_answered');
    const here = waiting.some((q) => q.href === location.pathname);
    show($('#offline-queued'), here || /saved-offline/.test(location.search) && waiting.length);
    const count = $('#offline-waiting');
    if (count && waiting.length) {
      count.textContent = fill(count.dataset.text, { n: waiting.length });
      show(count, true);
    }
  }

  async function sync() {
    if (offline()) return;
    const checked = await drain(learner);
    if (checked.length) synced(checked);
  }

  // Answers checked by the server: marks on their lesson, and "My learning" shown again.
  async function synced() {
    const results = await getAll('results');
    const box = $('#offline-result');
    if (box) {
      const mineHere = results.filter((r) => r.href === location.pathname && !r.shown && mine(r, learner));
      const r = mineHere[mineHere.length - 1];
      if (r) {
        const text = r.status === 'rejected' ? fill(box.dataset.rejected, { reason: r.reason })
          : fill(box.dataset.score, { right: r.right, total: r.total }) + ' ' +
            (r.passed ? box.dataset.passed : box.dataset.failed);
        $('p', box).textContent = text;
        show($('a', box), r.status !== 'rejected');
        show(box, true);
        show($('#offline-queued'), false);
        await putAll('results', mineHere.map((x) => Object.assign(x, { shown: true })));
      }
    }
    if (document.body.dataset.page === 'learning' && results.some((r) => !r.listed)) {
      await putAll('results', results.map((x) => Object.assign(x, { listed: true })));
      location.reload();
    }
  }

  start().catch(() => {});
})();
