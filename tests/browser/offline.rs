//! The offline journey (issue 15) at 360 px with JavaScript: a visitor saves the guide course
//! ("≈ N KB" shown first), the network goes away, a saved lesson opens from the phone with the
//! offline notice, an unsaved one shows the offline page listing the saved course, two quizzes
//! are answered and queued ("saved on this phone"), a reload keeps the queue, the network comes
//! back, the queue drains on the next page, the lesson shows its marks, "My learning" shows the
//! course done — and replaying the same queue changes nothing in the database (checked there).
//!
//! "No network" is real: the browser talks to the server through a small TCP relay that this
//! test cuts (every open connection reset, new ones refused). DevTools' network emulation
//! applies to the page only, not to its service worker, so it cannot stand for a dead signal.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use fantoccini::Locator;
use serde_json::{Value, json};

use super::{Journey, POLL, Run, WAIT, driver, run_journey, t};
use crate::support::{self, Server, chosen_options};
use hocvu_content::Locale;

const LANG: &str = "rad";
const SAVED: &str = "hoc-voi-hocvu";
const UNSAVED: &str = "vneid";

/// A TCP relay to the server that can be cut like a lost signal.
struct Relay {
    base: String,
    offline: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
    upstream: Arc<Mutex<String>>,
}

impl Relay {
    fn start(upstream: &str) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let target = Arc::new(Mutex::new(
            upstream.trim_start_matches("http://").to_string(),
        ));
        let offline = Arc::new(AtomicBool::new(false));
        let open = Arc::new(Mutex::new(Vec::new()));
        let (off, conns, to) = (offline.clone(), open.clone(), target.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if off.load(Ordering::SeqCst) {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let addr = to.lock().unwrap().clone();
                let Ok(server) = TcpStream::connect(&addr) else {
                    continue;
                };
                for s in [&client, &server] {
                    conns.lock().unwrap().push(s.try_clone().unwrap());
                }
                pipe(client.try_clone().unwrap(), server.try_clone().unwrap());
                pipe(server, client);
            }
        });
        Relay {
            base,
            offline,
            open,
            upstream: target,
        }
    }

    /// Sends new connections to another server (the same origin for the browser).
    fn switch_to(&self, upstream: &str) {
        self.set_online(false);
        *self.upstream.lock().unwrap() = upstream.trim_start_matches("http://").to_string();
        self.set_online(true);
    }

    fn set_online(&self, online: bool) {
        self.offline.store(!online, Ordering::SeqCst);
        if !online {
            for s in self.open.lock().unwrap().drain(..) {
                let _ = s.shutdown(Shutdown::Both);
            }
        }
    }
}

fn pipe(mut from: TcpStream, mut to: TcpStream) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 || to.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Both);
    });
}

/// The phone's queue, through the page (IndexedDB `hocvu`, store `queue`).
const QUEUE_JS: &str = r#"
const done = arguments[arguments.length - 1];
const r = indexedDB.open('hocvu', 1);
r.onsuccess = () => {
  const db = r.result;
  if (!db.objectStoreNames.contains('queue')) { done([]); return; }
  const q = db.transaction('queue').objectStore('queue').getAll();
  q.onsuccess = () => { db.close(); done(q.result); };
};
r.onerror = () => done({ error: String(r.error) });
"#;

pub(super) fn journey() {
    let Some(tools) = driver::tools() else {
        return;
    };
    let server = Server::start(&[]);
    let relay = Relay::start(&server.base);
    run_journey(
        &tools,
        "offline-js",
        "offline",
        Run::Js,
        &server,
        async |j| j.offline(&relay).await,
    );
}

impl Journey<'_> {
    async fn offline(&mut self, relay: &Relay) -> Result<()> {
        self.setup().await?;
        let base = relay.base.clone();
        let course = self.course(SAVED).bundle.clone();
        let lesson_url =
            |i: usize| format!("{base}/{LANG}/courses/{SAVED}/{}/", course.lessons[i].slug);

        self.step = "the course page offers saving it, with the size first";
        self.c
            .goto(&format!("{base}/{LANG}/courses/{SAVED}/"))
            .await?;
        self.visible("#offline-box").await?;
        let size = self.wait_text("#offline-box [data-size]").await?;
        ensure!(
            size.starts_with("≈ ") && size.ends_with(" KB"),
            "size shown before saving: {size:?}"
        );
        self.checkpoint("offline-save-box", true).await?;

        self.step = "save the course on the phone";
        self.tap("#offline-box [data-do=save]").await?;
        self.visible("#offline-box [data-state=saved]").await?;
        self.expect_text(
            "#offline-box [data-state=saved]",
            &format!("✓ {}", t(LANG, "offline-saved", &[])),
        )
        .await?;
        self.visible("#offline-box [data-do=remove]").await?;
        self.hidden("#offline-box [data-do=save]").await?;
        self.checkpoint("offline-saved", false).await?;
        self.until(
            "the service worker controls the page",
            "return !!navigator.serviceWorker.controller",
        )
        .await?;

        self.step = "no network: a saved lesson opens from the phone with the offline notice";
        relay.set_online(false);
        self.c.goto(&lesson_url(0)).await?;
        self.visible("#offline-notice").await?;
        self.expect_text("#offline-notice", &t(LANG, "offline-notice", &[]))
            .await?;
        let title = course.lessons[0]
            .text_in(Locale::Rad)
            .context("no text")?
            .title
            .clone();
        self.expect_text("article h1", &title).await?;
        self.checkpoint("offline-lesson", true).await?;

        self.step = "no network: the saved course's page says it is saved";
        self.c
            .goto(&format!("{base}/{LANG}/courses/{SAVED}/"))
            .await?;
        self.visible("#offline-notice").await?;
        self.visible("#offline-box [data-state=saved]").await?;
        self.hidden("#offline-box [data-do=save]").await?;

        self.step = "no network: a lesson of a course not saved shows the offline page";
        let other = &self.course(UNSAVED).bundle.lessons[0].slug.clone();
        self.c
            .goto(&format!("{base}/{LANG}/courses/{UNSAVED}/{other}/"))
            .await?;
        self.expect_text("h1", &t(LANG, "offline-title", &[]))
            .await?;
        let saved_title = course.course.title_in(Locale::Rad).0.to_string();
        self.expect_text("#saved-courses li a", &saved_title)
            .await?;
        self.checkpoint("offline-page", true).await?;

        self.step = "no network: two quizzes answered are kept on the phone";
        let mut answered = 0;
        for (i, lesson) in course.lessons.iter().enumerate() {
            let quiz = &lesson.text_in(Locale::Rad).context("no text")?.quiz;
            if quiz.is_empty() {
                continue;
            }
            self.c.goto(&lesson_url(i)).await?;
            self.visible("form.quiz").await?;
            self.answer_all(quiz).await?;
            self.visible("#offline-queued").await?;
            self.expect_text("#offline-queued", &t(LANG, "offline-queued", &[]))
                .await?;
            answered += 1;
            if answered == 1 {
                self.checkpoint("offline-queued", true).await?;
            }
        }
        ensure!(answered == 2, "the guide course should have two quizzes");
        let queue = self.queue().await?;
        let quizzes = |q: &[Value]| {
            q.iter()
                .filter(|e| e["event"]["kind"] == "quiz_answered")
                .count()
        };
        ensure!(quizzes(&queue) == 2, "queued on the phone: {queue:?}");

        self.step = "no network: a reload keeps the queue";
        self.c.refresh().await?;
        self.visible("#offline-queued").await?;
        let again = self.queue().await?;
        ensure!(quizzes(&again) == 2, "after a reload: {again:?}");
        let events: Vec<Value> = again.iter().map(|q| q["event"].clone()).collect();
        let url = self.server.database_url();
        ensure!(
            attempts(&url) == 0,
            "nothing reached the server while offline"
        );

        self.step = "back online: the next page sends the queue once and shows the marks";
        relay.set_online(true);
        self.c.goto(&lesson_url(course.lessons.len() - 1)).await?;
        let start = Instant::now();
        while !self.queue().await?.is_empty() {
            ensure!(start.elapsed() < WAIT * 2, "the queue did not drain");
            tokio::time::sleep(POLL).await;
        }
        self.visible("#offline-result").await?;
        let total = course
            .lessons
            .last()
            .unwrap()
            .source()
            .unwrap()
            .quiz
            .len()
            .to_string();
        let score = t(LANG, "quiz-score", &[("right", &total), ("total", &total)]);
        let passed = t(LANG, "quiz-passed", &[]);
        self.expect_text("#offline-result p", &format!("{score} {passed}"))
            .await?;
        self.checkpoint("offline-synced", true).await?;
        ensure!(attempts(&url) == 2, "two answers stored, once each");
        let stored = rows(&url);

        self.step = "My learning shows the course done";
        self.c.goto(&format!("{base}/{LANG}/learning/")).await?;
        self.expect_text(
            &format!(r#"a[href="/{LANG}/courses/{SAVED}/"] .card-title"#),
            &saved_title,
        )
        .await?;
        self.expect_text(".cards .card .meta", &t(LANG, "learning-completed", &[]))
            .await?;
        self.checkpoint("offline-my-learning", true).await?;

        self.step = "the same queue sent again changes nothing in the database";
        let replay = self
            .c
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                fetch('/api/v1/me/events', { method: 'POST', credentials: 'same-origin',
                  headers: { 'Content-Type': 'application/json' },
                  body: JSON.stringify({ events: arguments[0] }) })
                  .then((r) => r.json()).then(done, (e) => done({ error: String(e) }));"#,
                vec![json!(events)],
            )
            .await?;
        let statuses: Vec<&str> = replay["results"]
            .as_array()
            .context("no results")?
            .iter()
            .filter_map(|r| r["status"].as_str())
            .collect();
        ensure!(
            !statuses.is_empty() && statuses.iter().all(|s| *s == "duplicate"),
            "replay: {replay}"
        );
        ensure!(attempts(&url) == 2, "a replay stores nothing");
        ensure!(
            rows(&url) == stored,
            "a replay changes no progress, completion or event row"
        );

        self.step = "a saved course whose bundle changed is saved again";
        let key = format!("{LANG}/{SAVED}");
        let record = |change: &str| {
            format!(
                "const done = arguments[arguments.length - 1];
                 const r = indexedDB.open('hocvu', 1);
                 r.onsuccess = () => {{
                   const s = r.result.transaction('courses', 'readwrite').objectStore('courses');
                   const g = s.get('{key}');
                   g.onsuccess = () => {{ const c = g.result; {change} }};
                 }};"
            )
        };
        self.c
            .execute_async(
                &record("c.hash = 'older'; s.put(c).onsuccess = () => done(true);"),
                vec![],
            )
            .await?;
        self.c
            .goto(&format!("{base}/{LANG}/courses/{SAVED}/"))
            .await?;
        let pack = self
            .server
            .get(&format!("/{LANG}/courses/{SAVED}/offline.json"))
            .text();
        let hash = serde_json::from_str::<Value>(&pack)?["hash"]
            .as_str()
            .context("pack hash")?
            .to_string();
        self.until(
            "the saved copy is the current bundle's",
            &record(&format!("done(c.hash === '{hash}');")),
        )
        .await?;
        self.visible("#offline-box [data-state=saved]").await?;

        self.step = "remove the saved course from the phone";
        self.c
            .goto(&format!("{base}/{LANG}/courses/{SAVED}/"))
            .await?;
        self.visible("#offline-box [data-do=remove]").await?;
        self.tap("#offline-box [data-do=remove]").await?;
        self.visible("#offline-box [data-do=save]").await?;
        self.hidden("#offline-box [data-do=remove]").await?;
        self.until(
            "the course's cache is gone",
            &format!(
                "const done = arguments[arguments.length - 1]; caches.keys().then((k) => \
                 done(!k.some((n) => n.startsWith('hocvu-c|{LANG}/{SAVED}|'))))"
            ),
        )
        .await?;

        self.step = "the kill switch: the phone drops the worker and every saved page";
        self.tap("#offline-box [data-do=save]").await?;
        self.visible("#offline-box [data-state=saved]").await?;
        let killed = Server::start_with_env(&[], &[("HOCVU_SERVICE_WORKER", "false")]);
        relay.switch_to(&killed.base);
        self.c.goto(&format!("{base}/{LANG}/")).await?;
        self.until(
            "no worker and no hocvu cache left",
            "const done = arguments[arguments.length - 1];
             Promise.all([navigator.serviceWorker.getRegistrations(), caches.keys()])
               .then(([r, k]) => done(r.length === 0 && !k.some((n) => n.startsWith('hocvu-'))));",
        )
        .await?;
        drop(killed);
        Ok(())
    }

    /// Waits until `css` exists and is not displayed.
    async fn hidden(&self, css: &str) -> Result<()> {
        let start = Instant::now();
        loop {
            if let Ok(e) = self.c.find(Locator::Css(css)).await
                && !e.is_displayed().await.unwrap_or(true)
            {
                return Ok(());
            }
            ensure!(
                start.elapsed() < WAIT,
                "`{css}` is still shown after {WAIT:?}"
            );
            tokio::time::sleep(POLL).await;
        }
    }

    async fn answer_all(&mut self, quiz: &[hocvu_content::Question]) -> Result<()> {
        for (q, (_, chosen)) in quiz.iter().zip(chosen_options(quiz, true)) {
            for o in &q.options {
                let input = format!(r#"fieldset[id="{}"] input[value="{}"]"#, q.id, o.id);
                let label = format!(
                    r#"fieldset[id="{}"] label:has(input[value="{}"])"#,
                    q.id, o.id
                );
                if chosen.contains(&o.id) {
                    self.set_checked(&label, &input, true).await?;
                }
            }
        }
        self.tap("form.quiz button[type=submit]").await
    }

    async fn queue(&self) -> Result<Vec<Value>> {
        let v = self.c.execute_async(QUEUE_JS, vec![]).await?;
        v.as_array()
            .cloned()
            .with_context(|| format!("reading the phone's queue: {v}"))
    }

    /// Waits until `css` is displayed.
    async fn visible(&self, css: &str) -> Result<()> {
        let start = Instant::now();
        loop {
            if let Ok(e) = self.c.find(Locator::Css(css)).await
                && e.is_displayed().await.unwrap_or(false)
            {
                return Ok(());
            }
            ensure!(
                start.elapsed() < WAIT,
                "`{css}` is not shown after {WAIT:?}"
            );
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until `css` has some text, and returns it.
    async fn wait_text(&self, css: &str) -> Result<String> {
        let start = Instant::now();
        loop {
            if let Ok(e) = self.c.find(Locator::Css(css)).await {
                let text = e.text().await.unwrap_or_default();
                if !text.trim().is_empty() {
                    return Ok(text.trim().to_string());
                }
            }
            ensure!(start.elapsed() < WAIT, "`{css}` stays empty after {WAIT:?}");
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the script returns true.
    async fn until(&self, what: &str, js: &str) -> Result<()> {
        let start = Instant::now();
        let asynchronous = js.contains("arguments[arguments.length - 1]");
        loop {
            let v = if asynchronous {
                self.c.execute_async(js, vec![]).await?
            } else {
                self.c.execute(js, vec![]).await?
            };
            if v == json!(true) {
                return Ok(());
            }
            ensure!(start.elapsed() < WAIT, "{what}: not after {WAIT:?} ({v})");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// Progress, completions and claimed event ids, as (learner, what, when) rows.
fn rows(url: &str) -> Vec<String> {
    let url = url.to_string();
    std::thread::spawn(move || {
        support::block_on(async {
            let store = hocvu_store::Store::connect(&url).await.unwrap();
            use hocvu_store::entities::{course_completions, lesson_progress, progress_events};
            use hocvu_store::sea_orm::EntityTrait;
            let mut out = Vec::new();
            for p in lesson_progress::Entity::find()
                .all(&store.db)
                .await
                .unwrap()
            {
                out.push(format!(
                    "{} {} {:?} {}/{}",
                    p.learner_id, p.lesson_slug, p.completed_at, p.best_right, p.best_total
                ));
            }
            for c in course_completions::Entity::find()
                .all(&store.db)
                .await
                .unwrap()
            {
                out.push(format!(
                    "{} {} {}",
                    c.learner_id, c.course_id, c.completed_at
                ));
            }
            for e in progress_events::Entity::find()
                .all(&store.db)
                .await
                .unwrap()
            {
                out.push(format!("{} {}", e.learner_id, e.event_id));
            }
            out.sort();
            out
        })
    })
    .join()
    .unwrap()
}

/// Quiz attempts stored, read from the database behind the server's back.
fn attempts(url: &str) -> usize {
    let url = url.to_string();
    std::thread::spawn(move || {
        support::block_on(async {
            let store = hocvu_store::Store::connect(&url).await.unwrap();
            use hocvu_store::sea_orm::EntityTrait;
            hocvu_store::entities::quiz_attempts::Entity::find()
                .all(&store.db)
                .await
                .unwrap()
                .len()
        })
    })
    .join()
    .unwrap()
}
