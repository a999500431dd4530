#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! The learner's whole journey in a real headless Chromium on a phone-sized screen (issue 8):
//! Ê Đê catalogue, large text, a draft lesson and a Vietnamese fallback, the quiz wrong then
//! right, registering with an Ê Đê name, finishing the course, claiming the certificate and
//! verifying it. Once with JavaScript and once without (the pages have none, so both must
//! work). Every key screen is photographed (`target/browser-artifacts/{js,nojs}/NN-name.png`)
//! and its layout checked (rules in `browser/checks.rs`); the JavaScript run also checks each
//! screen in the other theme and runs axe-core on it. Taps are touch-pointer taps: with touch
//! emulation and JavaScript off, chromedriver's element click never returns.
//!
//! Needs chromium, chromedriver and axe-core (see `driver::tools`): skipped with a note where
//! they are missing, a failure with `HOCVU_BROWSER_TESTS=required` (CI).

mod support;

#[path = "browser/checks.rs"]
mod checks;
#[path = "browser/driver.rs"]
mod driver;
#[path = "browser/facilitator.rs"]
mod facilitator;
#[path = "browser/manager.rs"]
mod manager;
#[path = "browser/names.rs"]
mod names;
#[path = "browser/narrator.rs"]
mod narrator;
#[path = "browser/offline.rs"]
mod offline;
#[path = "browser/spread.rs"]
mod spread;
#[path = "browser/translator.rs"]
mod translator;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use base64::Engine;
use fantoccini::actions::{InputSource, PointerAction, TouchActions};
use fantoccini::{Client, Locator, elements::Element};
use hocvu_content::{CompiledCourse, Lesson, Locale, TranslationStatus};
use serde_json::{Value, json};
use support::{Server, chosen_options, repo, shipped_courses};

use driver::Driver;

/// How long to wait for anything the browser should show; generous for a shared 2-core machine.
const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(100);
/// The whole journey: a hung browser fails the test instead of stalling the suite.
const LIMIT: Duration = Duration::from_secs(180);
const LANG: &str = "rad";
const GUIDE: &str = "hoc-voi-hocvu";

#[test]
fn learner_journey_on_a_phone_with_javascript() {
    journey(Run::Js, Who::Learner);
}

#[test]
fn learner_journey_on_a_phone_without_javascript() {
    journey(Run::NoJs, Who::Learner);
}

/// The management pages (issue 14), walked by a provincial admin: see `browser/manager.rs`.
#[test]
fn manager_journey_on_a_phone_with_javascript() {
    journey(Run::Js, Who::Manager);
}

#[test]
fn manager_journey_on_a_phone_without_javascript() {
    journey(Run::NoJs, Who::Manager);
}

/// A commune class run from a phone (issue 14): see `browser/facilitator.rs`.
#[test]
fn facilitator_journey_on_a_phone_with_javascript() {
    facilitator::journey(Run::Js);
}

#[test]
fn facilitator_journey_on_a_phone_without_javascript() {
    facilitator::journey(Run::NoJs);
}

/// Sharing and printing (issue 21): see `browser/spread.rs`.
#[test]
fn spread_journey_on_a_phone_with_javascript() {
    spread::journey(Run::Js);
}

#[test]
fn spread_journey_on_a_phone_without_javascript() {
    spread::journey(Run::NoJs);
}

/// The letter bar on registration and "My details" (issue 22): see `browser/names.rs`.
#[test]
fn names_journey_on_a_phone_with_javascript() {
    names::journey(Run::Js);
}

#[test]
fn names_journey_on_a_phone_without_javascript() {
    names::journey(Run::NoJs);
}

/// Offline learning (issue 15): see `browser/offline.rs`. Without JavaScript there is nothing
/// offline: the learner's journey without JavaScript above is the check that nothing changed.
#[test]
fn offline_journey_on_a_phone_with_javascript() {
    offline::journey();
}

/// A lesson translated in the workspace (issue 16): see `browser/translator.rs`.
#[test]
fn translator_journey_on_a_phone_with_javascript() {
    translator::journey(Run::Js);
}

#[test]
fn translator_journey_on_a_phone_without_javascript() {
    translator::journey(Run::NoJs);
}

/// Listening to a narrated lesson and recording one (issue 17): see `browser/narrator.rs`.
#[test]
fn narrator_journey_on_a_phone_with_javascript() {
    narrator::journey(Run::Js);
}

#[test]
fn narrator_journey_on_a_phone_without_javascript() {
    narrator::journey(Run::NoJs);
}

/// Whose journey: the learner's (screenshots in `<run>/`) or the manager's (`manager-<run>/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Learner,
    Manager,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    Js,
    NoJs,
}

impl Run {
    fn name(self) -> &'static str {
        match self {
            Run::Js => "js",
            Run::NoJs => "nojs",
        }
    }

    /// The learner: username and a display name with ê̆ (U+00EA U+0306), Ê̆ and an apostrophe.
    fn learner(self) -> (&'static str, &'static str) {
        match self {
            Run::Js => ("hnie.js", "H'\u{CA}\u{306} Ni\u{EA}\u{306}"),
            Run::NoJs => (
                "yban.nojs",
                "Y \u{243}h\u{103}m Ni\u{EA}\u{306} \u{CA}\u{306}ban'",
            ),
        }
    }
}

fn journey(run: Run, who: Who) {
    let Some(tools) = driver::tools() else {
        return;
    };
    let server = Server::start(&[]);
    let dir = match who {
        Who::Learner => run.name().to_string(),
        Who::Manager => format!("manager-{}", run.name()),
    };
    run_journey(
        &tools,
        &dir,
        &format!("{who:?}"),
        run,
        &server,
        async |j| match who {
            Who::Learner => j.walk().await,
            Who::Manager => j.manage().await,
        },
    );
}

/// Every journey's harness: a fresh 360 px Chromium session on `server` (JavaScript as `run`
/// says), `walk` within [`LIMIT`], its findings concluded, screenshots in
/// `target/browser-artifacts/<dir>/`.
fn run_journey(
    tools: &driver::Tools,
    dir: &str,
    label: &str,
    run: Run,
    server: &Server,
    walk: impl AsyncFnOnce(&mut Journey<'_>) -> Result<()>,
) {
    let started = Instant::now();
    let dir = artifacts_dir(dir.to_string());
    // Declared before the driver so it is removed after the driver has quit Chromium.
    let profile = tempfile::tempdir().unwrap();
    let log = dir.join("chromedriver.log");
    let driver = Driver::start(&tools.chromedriver, &log)
        .unwrap_or_else(|e| panic!("{} run: chromedriver did not start: {e}", run.name()));
    let axe = (run == Run::Js).then(|| std::fs::read_to_string(&tools.axe).unwrap());
    support::block_on(async {
        let client = driver::open_session(&driver, &tools.chromium, profile.path(), run == Run::Js)
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "{} run: {e}; chromedriver log: {}",
                    run.name(),
                    log.display()
                )
            });
        let session = client.session_id().await.unwrap().unwrap();
        let mut j = Journey {
            c: client,
            driver: &driver,
            session,
            server,
            run,
            dir: dir.clone(),
            shots: 0,
            step: "start",
            courses: shipped_courses(),
            axe,
            sheets: None,
            findings: Problems::default(),
            notes: Problems::default(),
        };
        let outcome = match tokio::time::timeout(LIMIT, walk(&mut j)).await {
            Ok(outcome) => outcome,
            Err(_) => Err(anyhow::anyhow!(
                "the browser stopped answering within {LIMIT:?}"
            )),
        };
        let failure = match outcome {
            Ok(()) => None,
            Err(e) => Some(j.explain(e).await),
        };
        let _ = tokio::time::timeout(WAIT, j.c.clone().close()).await;
        conclude(run, label, &j.notes, &j.findings, failure);
    });
    drop(driver);
    driver::say(&format!(
        "browser lane ({}, {label}): journey passed in {:.1?}; screenshots in {}",
        run.name(),
        started.elapsed(),
        dir.display()
    ));
}

/// `target/browser-artifacts/<name>/`, emptied.
fn artifacts_dir(name: String) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo("target"));
    let dir = target.join("browser-artifacts").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An interface string as the server shows it in `lang` (missing keys fall back to Vietnamese,
/// as on the server), with its `{ $name }` arguments filled in.
fn t(lang: &str, key: &str, args: &[(&str, &str)]) -> String {
    let find = |lang: &str| -> Option<String> {
        let ftl = std::fs::read_to_string(repo(&format!("locales/{lang}/main.ftl"))).ok()?;
        ftl.lines().find_map(|l| {
            let v = l.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(v.trim().to_string())
        })
    };
    let mut s = find(lang)
        .or_else(|| find("vi"))
        .unwrap_or_else(|| panic!("no interface string {key}"));
    for (k, v) in args {
        s = s.replace(&format!("{{ ${k} }}"), v);
    }
    s
}

/// The text a browser shows for a bit of lesson HTML (tags dropped, spaces collapsed).
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    collapse(&out)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn px(css: &str) -> f64 {
    css.trim_end_matches("px").parse().unwrap_or(f64::NAN)
}

/// Prints the minor axe notes and fails the test with the journey's failure and/or the layout
/// and accessibility findings, all at once.
fn conclude(run: Run, who: &str, notes: &Problems, findings: &Problems, failure: Option<String>) {
    if !notes.0.is_empty() {
        driver::say(&format!(
            "{} run ({who}): minor/moderate axe findings (not failing):\n{}",
            run.name(),
            notes.report()
        ));
    }
    let findings = (!findings.0.is_empty()).then(|| {
        format!(
            "{} run: {} layout/accessibility problem(s):\n{}",
            run.name(),
            findings.0.len(),
            findings.report()
        )
    });
    match (failure, findings) {
        (None, None) => {}
        (Some(f), None) => panic!("{f}"),
        (None, Some(c)) => panic!("the journey worked, but {c}"),
        (Some(f), Some(c)) => panic!("{f}\n\nBefore that, {c}"),
    }
}

/// `hocvu ARGS --data-dir …` against the running server's data.
fn cli(server: &Server, args: &[&str]) -> Result<String> {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"));
    cmd.args(args).arg("--data-dir").arg(server.data.path());
    if let Some(db) = &server.database {
        cmd.args(["--database", db]);
    }
    let out = cmd.output()?;
    ensure!(
        out.status.success(),
        "hocvu {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Problems, each with the screens it was seen on.
#[derive(Default)]
struct Problems(Vec<(String, Vec<String>)>);

impl Problems {
    fn add(&mut self, problem: String, at: &str) {
        match self.0.iter_mut().find(|(p, _)| *p == problem) {
            Some((_, seen)) => seen.push(at.to_string()),
            None => self.0.push((problem, vec![at.to_string()])),
        }
    }

    fn report(&self) -> String {
        self.0
            .iter()
            .map(|(problem, seen)| format!("\n- {problem}\n  on: {}\n", seen.join("\n      ")))
            .collect()
    }
}

struct Journey<'a> {
    c: Client,
    driver: &'a Driver,
    session: String,
    server: &'a Server,
    run: Run,
    dir: PathBuf,
    shots: usize,
    step: &'static str,
    courses: Vec<CompiledCourse>,
    axe: Option<String>,
    /// The normal and the large-text stylesheet, once both were seen.
    sheets: Option<(String, String)>,
    /// Layout and serious/critical axe problems: reported together at the end.
    findings: Problems,
    /// Minor and moderate axe findings: printed, not failing.
    notes: Problems,
}

impl Journey<'_> {
    async fn walk(&mut self) -> Result<()> {
        self.setup().await?;
        self.catalogue().await?;
        self.large_text().await?;
        self.draft_lesson().await?;
        self.first_lesson_wrong_then_right().await?;
        self.register().await?;
        self.finish_course().await?;
        let (code, link) = self.claim().await?;
        self.verify(&code, &link).await
    }

    fn course(&self, id: &str) -> &CompiledCourse {
        self.courses
            .iter()
            .find(|c| c.bundle.course.id == id)
            .unwrap_or_else(|| panic!("no course {id}"))
    }

    fn lesson(&self, course: &str, index: usize) -> Lesson {
        self.course(course).bundle.lessons[index].clone()
    }

    // --- the journey ---------------------------------------------------------------------

    async fn setup(&mut self) -> Result<()> {
        self.step = "browser setup";
        // JavaScript is on or off as asked: this page retitles itself by script.
        self.c
            .goto("data:text/html,%3Ctitle%3Eoff%3C/title%3E%3Cscript%3Edocument.title='on'%3C/script%3E")
            .await?;
        let want = if self.run == Run::Js { "on" } else { "off" };
        let title = self.c.title().await?;
        ensure!(
            title == want,
            "JavaScript should be {}: a scripted page's title is {title:?}",
            if want == "on" { "enabled" } else { "disabled" }
        );
        // A mild mobile network, so pages are not measured on an instant loopback.
        let (latency, down, up) = (150, 1_600_000 / 8, 750_000 / 8);
        let by_cdp = self.cdp("Network.enable", json!({})).and_then(|_| {
            self.cdp(
                "Network.emulateNetworkConditions",
                json!({ "offline": false, "latency": latency,
                        "downloadThroughput": down, "uploadThroughput": up }),
            )
        });
        if let Err(e) = by_cdp {
            // chromedriver also has a command of its own for it.
            let url = format!(
                "{}/session/{}/chromium/network_conditions",
                self.driver.url, self.session
            );
            let conditions = json!({ "network_conditions": { "offline": false, "latency": latency,
                "download_throughput": down, "upload_throughput": up } });
            if let Err(e2) = driver::http(&url, Some(&conditions)) {
                driver::say(&format!(
                    "{} run: no slow-network emulation ({e}; {e2}): pages load at loopback speed",
                    self.run.name()
                ));
            }
        }
        Ok(())
    }

    async fn catalogue(&mut self) -> Result<()> {
        self.step = "catalogue in Ê Đê, negotiated from the browser's languages";
        self.c.goto(&format!("{}/", self.server.base)).await?;
        self.wait_path("/rad/").await?;
        self.expect_attr("html", "lang", Some(LANG)).await?;
        self.expect_text("h1", &t(LANG, "catalogue-title", &[]))
            .await?;
        self.expect_text(".notice-ui", &t(LANG, "notice-ui-draft", &[]))
            .await?;
        // A course with an Ê Đê title shows it, unmarked; one without shows Vietnamese, marked.
        for id in ["vneid", GUIDE] {
            let (title, title_lang) = self.course(id).bundle.course.title_in(Locale::Rad);
            let (title, title_lang) = (title.to_string(), title_lang.as_str());
            ensure!(
                id != "vneid" || title_lang == LANG,
                "the vneid course should have an Ê Đê title"
            );
            let css = format!(r#"a[href="/rad/courses/{id}/"] .card-title"#);
            self.expect_text(&css, &title).await?;
            let marked = (title_lang != LANG).then_some(title_lang);
            self.expect_attr(&css, "lang", marked).await?;
        }
        self.checkpoint("catalogue", false).await
    }

    async fn large_text(&mut self) -> Result<()> {
        self.step = "switch to large text from the footer";
        let sheet = "link[rel=stylesheet]";
        let before = self.attr(sheet, "href").await?.unwrap_or_default();
        let size_before = px(&self.el("body").await?.css_value("font-size").await?);
        let link = r#"nav[aria-labelledby="theme-h"] a[href*="theme=large-text"]"#;
        self.expect_text(link, &t(LANG, "theme-large-text", &[]))
            .await?;
        self.tap(link).await?;
        self.wait_path("/rad/").await?;
        let start = Instant::now();
        loop {
            let now = self.attr(sheet, "href").await?.unwrap_or_default();
            if now != before {
                break;
            }
            ensure!(
                start.elapsed() < WAIT,
                "stylesheet still {before:?} after choosing large text"
            );
            tokio::time::sleep(POLL).await;
        }
        self.expect_text(
            r#"nav[aria-labelledby="theme-h"] a[aria-current="true"]"#,
            &t(LANG, "theme-large-text", &[]),
        )
        .await?;
        let size_after = px(&self.el("body").await?.css_value("font-size").await?);
        ensure!(
            size_after > size_before,
            "body font-size should grow with large text: {size_before}px → {size_after}px"
        );
        let large = self.attr(sheet, "href").await?.unwrap_or_default();
        self.sheets = Some((before, large));
        self.checkpoint("catalogue-large-text", true).await
    }

    async fn draft_lesson(&mut self) -> Result<()> {
        self.step = "read a lesson with a draft Ê Đê translation";
        let course = self.course("vneid").bundle.course.clone();
        self.tap(r#"a[href="/rad/courses/vneid/"]"#).await?;
        self.wait_path("/rad/courses/vneid/").await?;
        self.expect_text("h1", course.title_in(Locale::Rad).0)
            .await?;
        let lesson = self.lesson("vneid", 0);
        ensure!(
            lesson.locales.contains_key(&Locale::Rad),
            "vneid's first lesson should have an Ê Đê translation"
        );
        self.tap("ol.lessons li:first-child a").await?;
        self.wait_path(&format!("/rad/courses/vneid/{}/", lesson.slug))
            .await?;
        self.expect_lesson_text(&lesson).await?;
        self.checkpoint("lesson-draft-translation", true).await
    }

    async fn first_lesson_wrong_then_right(&mut self) -> Result<()> {
        self.step = "open the guide course's first lesson";
        self.tap("header a.brand").await?;
        self.wait_path("/rad/").await?;
        let course = self.course(GUIDE).bundle.course.clone();
        self.tap(&format!(r#"a[href="/rad/courses/{GUIDE}/"]"#))
            .await?;
        self.wait_path(&format!("/rad/courses/{GUIDE}/")).await?;
        let (title, title_lang) = course.title_in(Locale::Rad);
        self.expect_text("h1", title).await?;
        let marked = (title_lang != Locale::Rad).then_some(title_lang.as_str());
        self.expect_attr("h1", "lang", marked).await?;
        let lesson = self.lesson(GUIDE, 0);
        self.expect_text("main a.button", &t(LANG, "course-start", &[]))
            .await?;
        self.tap("main a.button").await?;
        self.wait_path(&format!("/rad/courses/{GUIDE}/{}/", lesson.slug))
            .await?;
        self.expect_lesson_text(&lesson).await?;
        self.checkpoint("lesson", true).await?;

        self.step = "answer the quiz wrong";
        self.answer(&lesson, false).await?;
        self.expect_result(&lesson, false).await?;
        self.checkpoint("quiz-wrong", true).await?;

        self.step = "answer the quiz right";
        self.answer(&lesson, true).await?;
        self.expect_result(&lesson, true).await?;
        self.checkpoint("quiz-right", true).await
    }

    /// Learns the normal and the large-text stylesheet from the theme switcher (the JavaScript
    /// run then looks at the normal theme and swaps in large text per screen).
    async fn learn_sheets(&mut self) -> Result<()> {
        self.step = "learn both stylesheets from the theme switcher";
        let normal = self
            .attr("link[rel=stylesheet]", "href")
            .await?
            .unwrap_or_default();
        self.tap(r#"nav[aria-labelledby="theme-h"] a[href*="theme=large-text"]"#)
            .await?;
        let large = self.sheet_other_than(&normal).await?;
        self.sheets = Some((normal, large.clone()));
        if self.run == Run::Js {
            self.tap(r#"nav[aria-labelledby="theme-h"] a[href*="theme=default"]"#)
                .await?;
            self.sheet_other_than(&large).await?;
        }
        Ok(())
    }

    /// Waits until the page's stylesheet is another than `before`, and returns it.
    async fn sheet_other_than(&self, before: &str) -> Result<String> {
        let start = Instant::now();
        loop {
            if let Ok(el) = self.c.find(Locator::Css("link[rel=stylesheet]")).await
                && let Some(now) = el.attr("href").await?
                && now != before
            {
                return Ok(now);
            }
            ensure!(start.elapsed() < WAIT, "stylesheet still {before:?}");
            tokio::time::sleep(POLL).await;
        }
    }

    /// Registers an account from the Vietnamese registration page, landing on "My learning".
    async fn register_account(&mut self, username: &str, name: &str, password: &str) -> Result<()> {
        self.c
            .goto(&format!("{}/vi/account/register", self.server.base))
            .await?;
        self.expect_text("h1", &t("vi", "account-register-title", &[]))
            .await?;
        self.type_into("#username", username).await?;
        self.type_into("#display_name", name).await?;
        self.type_into("#password", password).await?;
        self.type_into("#password2", password).await?;
        self.set_checked("fieldset.consent label.opt", "input[name=consent]", true)
            .await?;
        self.tap("form.account-form button[type=submit]").await?;
        self.wait_path("/vi/learning/").await
    }

    async fn register(&mut self) -> Result<()> {
        self.step = "register, keeping the guest's progress";
        let (username, name) = self.run.learner();
        let link = r#"nav.account a[href="/rad/account/register"]"#;
        self.expect_text(link, &t(LANG, "nav-register", &[]))
            .await?;
        self.tap(link).await?;
        self.wait_path("/rad/account/register").await?;
        self.expect_text("h1", &t(LANG, "account-register-title", &[]))
            .await?;
        self.type_into("#username", username).await?;
        self.type_into("#display_name", name).await?;
        self.type_into("#commune", "Ea Kao").await?;
        self.type_into("#password", "Lan#2024ab").await?;
        self.type_into("#password2", "Lan#2024ab").await?;
        self.set_checked("fieldset.consent label.opt", "input[name=consent]", true)
            .await?;
        self.checkpoint("register", true).await?;
        self.tap("form.account-form button[type=submit]").await?;
        // Either the learner's page or the form again with its errors.
        let start = Instant::now();
        loop {
            if self.path().await? == "/rad/learning/" {
                break;
            }
            if let Ok(e) = self.c.find(Locator::Css(".result.failed")).await {
                bail!("registration refused: {:?}", e.text().await?);
            }
            ensure!(start.elapsed() < WAIT, "registering did not lead anywhere");
            tokio::time::sleep(POLL).await;
        }
        self.expect_text("h1", &t(LANG, "learning-title", &[]))
            .await?;
        self.expect_text("nav.account button", &t(LANG, "nav-logout", &[]))
            .await?;
        ensure!(
            self.c.find(Locator::Css(link)).await.is_err(),
            "a registered learner is still offered to register"
        );
        let card = format!(r#".card:has(a[href="/rad/courses/{GUIDE}/"])"#);
        self.expect_text(
            &format!("{card} .meta"),
            &t(LANG, "learning-progress", &[("done", "1"), ("total", "2")]),
        )
        .await?;
        self.expect_attr(&format!("{card} progress"), "value", Some("1"))
            .await?;
        self.checkpoint("my-learning", false).await
    }

    async fn finish_course(&mut self) -> Result<()> {
        self.step = "the course page shows the first lesson done";
        self.tap(&format!(r#".card a[href="/rad/courses/{GUIDE}/"]"#))
            .await?;
        self.wait_path(&format!("/rad/courses/{GUIDE}/")).await?;
        let done = format!("✓ {}", t(LANG, "lesson-done", &[]));
        self.expect_text("ol.lessons li:nth-child(1) strong.done", &done)
            .await?;
        ensure!(
            self.c
                .find(Locator::Css("ol.lessons li:nth-child(2) strong.done"))
                .await
                .is_err(),
            "the second lesson shows done before it was taken"
        );

        self.step = "finish the course: the second lesson";
        let lesson = self.lesson(GUIDE, 1);
        self.tap("ol.lessons li:nth-child(2) a").await?;
        self.wait_path(&format!("/rad/courses/{GUIDE}/{}/", lesson.slug))
            .await?;
        self.expect_lesson_text(&lesson).await?;
        self.answer(&lesson, true).await?;
        self.expect_result(&lesson, true).await?;
        // The last lesson leads back to the course.
        self.expect_text("nav.pager a.next", &t(LANG, "lesson-back-to-course", &[]))
            .await?;
        self.tap("nav.pager a.next").await?;
        self.wait_path(&format!("/rad/courses/{GUIDE}/")).await?;

        self.step = "the course page shows the course completed";
        for n in 1..=2 {
            self.expect_text(&format!("ol.lessons li:nth-child({n}) strong.done"), &done)
                .await?;
        }
        self.expect_text(
            "section.certificate-box h2",
            &t(LANG, "cert-box-title", &[]),
        )
        .await?;
        self.expect_text(
            "section.certificate-box p",
            &t(LANG, "cert-claim-text", &[]),
        )
        .await?;
        self.expect_text(
            "section.certificate-box form button",
            &t(LANG, "cert-claim", &[]),
        )
        .await?;
        self.checkpoint("course-completed", true).await
    }

    /// The certificate's code and the selector of its verification link.
    async fn claim(&mut self) -> Result<(String, String)> {
        self.step = "claim the certificate";
        let (_, name) = self.run.learner();
        self.tap("section.certificate-box form button").await?;
        let start = Instant::now();
        let code = loop {
            let path = self.path().await?;
            if let Some(code) = path
                .strip_prefix("/rad/certificates/")
                .and_then(|c| c.strip_suffix('/'))
            {
                break code.to_string();
            }
            ensure!(
                start.elapsed() < WAIT,
                "claiming did not open a certificate page"
            );
            tokio::time::sleep(POLL).await;
        };
        self.expect_text("h1", &t(LANG, "cert-page-title", &[]))
            .await?;
        self.expect_text("dd.cert-name", name).await?;
        let shown: String = self
            .text("strong.cert-code")
            .await?
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        ensure!(
            shown == code,
            "the page shows code {shown:?}, its address says {code:?}"
        );
        for picture in ["print.png", "share.png"] {
            let css = format!(r#"ul.actions a[href="/rad/certificates/{code}/{picture}"]"#);
            self.expect_attr(&css, "download", Some("")).await?;
        }
        // The picture loads lazily: bring it on screen.
        let img = self.el("img.cert-picture").await?;
        self.c
            .execute(
                "arguments[0].scrollIntoView()",
                vec![serde_json::to_value(&img)?],
            )
            .await?;
        let start = Instant::now();
        loop {
            let width = self
                .c
                .execute(
                    "return arguments[0].naturalWidth",
                    vec![serde_json::to_value(&img)?],
                )
                .await?;
            if width == json!(1080) {
                break;
            }
            ensure!(
                start.elapsed() < WAIT,
                "the certificate picture did not load (naturalWidth {width})"
            );
            tokio::time::sleep(POLL).await;
        }
        let verify_url = format!("{}/verify/{code}", self.server.base);
        let link = format!(r#"main p a[href="{verify_url}"]"#);
        self.expect_text(&link, &verify_url).await?;
        self.checkpoint("certificate", true).await?;

        self.step = "the certificate's QR code holds the verification link";
        let session = self.c.get_named_cookie("session").await?;
        let resp = self.server.get_with(
            &format!("/rad/certificates/{code}/share.png"),
            &[("Cookie", &format!("session={}", session.value()))],
        );
        ensure!(resp.status == 200, "share.png: HTTP {}", resp.status);
        let img = image::load_from_memory(&resp.body)?.to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        ensure!(grids.len() == 1, "share.png has {} QR codes", grids.len());
        let (_, content) = grids[0].decode()?;
        ensure!(
            content == verify_url,
            "the QR code says {content:?}, the page links {verify_url:?}"
        );
        Ok((code, link))
    }

    async fn verify(&mut self, code: &str, link: &str) -> Result<()> {
        self.step = "follow the verification link";
        let (_, name) = self.run.learner();
        self.tap(link).await?;
        self.wait_path(&format!("/verify/{code}")).await?;
        self.expect_attr("html", "lang", Some(LANG)).await?;
        self.expect_text(
            ".verdict-valid strong",
            &format!("✓ {}", t(LANG, "verify-valid", &[])),
        )
        .await?;
        self.expect_text("dd.cert-name", name).await?;
        self.checkpoint("verify", true).await
    }

    // --- steps shared by lessons ------------------------------------------------------------

    /// The lesson's title, body and notices as Ê Đê readers should see them.
    async fn expect_lesson_text(&mut self, lesson: &Lesson) -> Result<()> {
        let text = lesson.text_in(Locale::Rad).context("lesson without text")?;
        self.expect_text("article h1", &text.title).await?;
        let title_lang = (text.locale != Locale::Rad).then_some(text.locale.as_str());
        self.expect_attr("article h1", "lang", title_lang).await?;
        self.expect_text(".notice-ui", &t(LANG, "notice-ui-draft", &[]))
            .await?;
        let draft = text
            .translation
            .as_ref()
            .is_some_and(|tr| tr.status == TranslationStatus::Draft);
        if draft {
            self.expect_text("article .notice-draft", &t(LANG, "notice-draft", &[]))
                .await?;
        } else {
            self.expect_absent("article .notice-draft").await?;
        }
        if text.body_locale == Locale::Rad {
            self.expect_absent("article .notice-fallback").await?;
            self.expect_attr("article div.body", "lang", None).await?;
        } else {
            self.expect_text("article .notice-fallback", &t(LANG, "notice-fallback", &[]))
                .await?;
            self.expect_attr("article div.body", "lang", Some(text.body_locale.as_str()))
                .await?;
        }
        Ok(())
    }

    /// Ticks the right (or a wrong) answer of every question by tapping its label, then sends.
    async fn answer(&mut self, lesson: &Lesson, right: bool) -> Result<()> {
        let quiz = &lesson.text_in(Locale::Rad).context("no text")?.quiz;
        for (q, (_, chosen)) in quiz.iter().zip(chosen_options(quiz, right)) {
            // Chosen options first: a radio button is unticked by ticking another.
            let (wanted, others): (Vec<_>, Vec<_>) =
                q.options.iter().partition(|o| chosen.contains(&o.id));
            let wanted = wanted.into_iter().map(|o| (o, true));
            for (o, want) in wanted.chain(others.into_iter().map(|o| (o, false))) {
                let input = format!(r#"fieldset[id="{}"] input[value="{}"]"#, q.id, o.id);
                let label = format!(
                    r#"fieldset[id="{}"] label:has(input[value="{}"])"#,
                    q.id, o.id
                );
                self.set_checked(&label, &input, want).await?;
            }
        }
        self.tap("form.quiz button[type=submit]").await
    }

    /// The grade, the marks on every question and the feedback of the chosen options.
    async fn expect_result(&mut self, lesson: &Lesson, right: bool) -> Result<()> {
        let course = &self.course(GUIDE).bundle.course;
        let quiz = lesson.text_in(Locale::Rad).context("no text")?.quiz.clone();
        let total = quiz.len();
        let needed = (usize::from(course.pass_mark) * total).div_ceil(100);
        let (state, got) = if right {
            ("passed", total)
        } else {
            ("failed", 0)
        };
        let result = format!(".result.{state}");
        self.el(&result).await?;
        let (got, total_s) = (got.to_string(), total.to_string());
        self.expect_text(
            &format!("{result} p:nth-child(1)"),
            &t(LANG, "quiz-score", &[("right", &got), ("total", &total_s)]),
        )
        .await?;
        let verdict = if right {
            t(LANG, "quiz-passed", &[])
        } else {
            t(LANG, "quiz-failed", &[("needed", &needed.to_string())])
        };
        self.expect_text(&format!("{result} p:nth-child(2)"), &verdict)
            .await?;
        let mark = if right { "right" } else { "wrong" };
        let label = t(LANG, if right { "quiz-right" } else { "quiz-wrong" }, &[]);
        for (q, (_, chosen)) in quiz.iter().zip(chosen_options(&quiz, right)) {
            let fieldset = format!(r#"fieldset[id="{}"]"#, q.id);
            let class = self.attr(&fieldset, "class").await?.unwrap_or_default();
            ensure!(
                class.split_whitespace().any(|c| c == mark),
                "question {} should be marked {mark}: class {class:?}",
                q.id
            );
            let shown = self
                .c
                .find_all(Locator::Css(&format!("{fieldset} p.feedback.{mark}")))
                .await?;
            ensure!(
                shown.len() == chosen.len(),
                "question {}: {} `{mark}` feedback paragraphs for {} chosen option(s)",
                q.id,
                shown.len(),
                chosen.len()
            );
            for (p, id) in shown.iter().zip(&chosen) {
                let option = q.options.iter().find(|o| &o.id == id).context("option")?;
                let want = format!("{label}: {}", plain(&option.feedback_html));
                let got = collapse(&p.text().await?);
                ensure!(
                    got == want,
                    "question {}, option {id}: feedback {got:?}, expected {want:?}",
                    q.id
                );
            }
        }
        self.expect_text("form.quiz button[type=submit]", &t(LANG, "quiz-retry", &[]))
            .await?;
        if right {
            let best = format!(
                "✓ {} · {}",
                t(LANG, "lesson-done", &[]),
                t(
                    LANG,
                    "quiz-best",
                    &[("right", &total_s), ("total", &total_s)]
                )
            );
            self.expect_text("form.quiz p.best", &best).await?;
        }
        Ok(())
    }

    // --- checks on every key screen ------------------------------------------------------

    /// A screenshot; with JavaScript also the layout rules and, if `audit`, axe-core.
    async fn checkpoint(&mut self, name: &str, audit: bool) -> Result<()> {
        let shot = self.screenshot(name).await?;
        let url = self.c.current_url().await?.to_string();
        let sheet = self.attr("link[rel=stylesheet]", "href").await?;
        let large = matches!((&self.sheets, &sheet), (Some((_, l)), Some(s)) if l == s);
        let theme = |large: bool| if large { "large text" } else { "normal text" };
        let at = |theme: &str| format!("{name} ({theme}) {url}\n      {}", shot.display());
        self.check_screen(&at(theme(large)), audit).await?;
        // The JavaScript run checks the screen in the other theme too, by swapping the sheet.
        if let (Some((normal, large_sheet)), Some(back), Run::Js) =
            (self.sheets.clone(), sheet, self.run)
        {
            self.use_sheet(if large { &normal } else { &large_sheet })
                .await?;
            self.check_screen(&at(theme(!large)), audit).await?;
            self.use_sheet(&back).await?;
        }
        Ok(())
    }

    async fn check_screen(&mut self, at: &str, audit: bool) -> Result<()> {
        let problems = self.c.execute(checks::LAYOUT_JS, vec![]).await?;
        for p in problems.as_array().into_iter().flatten() {
            let p = format!("layout: {}", p.as_str().unwrap_or("?"));
            self.findings.add(p, at);
        }
        if audit && self.run == Run::Js {
            self.audit(at).await?;
        }
        Ok(())
    }

    async fn use_sheet(&self, href: &str) -> Result<()> {
        let loaded = self
            .c
            .execute_async(checks::USE_SHEET_JS, vec![json!(href)])
            .await?;
        ensure!(loaded == json!(true), "stylesheet {href} did not load");
        Ok(())
    }

    async fn audit(&mut self, at: &str) -> Result<()> {
        let axe = self.axe.as_deref().context("axe-core not loaded")?;
        let kind = self
            .c
            .execute(&format!("{axe}\n;return typeof window.axe;"), vec![])
            .await?;
        ensure!(kind == json!("object"), "axe-core did not load: {kind}");
        let res = self.c.execute_async(checks::AXE_RUN_JS, vec![]).await?;
        if let Some(e) = res["error"].as_str() {
            bail!("axe-core failed: {e}");
        }
        for v in res["violations"].as_array().into_iter().flatten() {
            let line = checks::describe_violation(v);
            match v["impact"].as_str() {
                Some("serious" | "critical") => self.findings.add(line, at),
                _ => self.notes.add(line, at),
            }
        }
        Ok(())
    }

    /// The whole page as one PNG, `NN-name.png` in the run's artefact folder.
    async fn screenshot(&mut self, name: &str) -> Result<PathBuf> {
        self.shots += 1;
        let path = self.dir.join(format!("{:02}-{name}.png", self.shots));
        let metrics = self.cdp("Page.getLayoutMetrics", json!({}))?;
        let size = &metrics["cssContentSize"];
        let png = match self.cdp(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1 },
            }),
        ) {
            Ok(shot) => base64::engine::general_purpose::STANDARD
                .decode(shot["data"].as_str().unwrap_or(""))?,
            // Only the screen, as WebDriver takes it.
            Err(_) => self.c.screenshot().await?,
        };
        std::fs::write(&path, png).with_context(|| path.display().to_string())?;
        Ok(path)
    }

    /// What failed, where, and what the screen showed.
    async fn explain(&mut self, e: anyhow::Error) -> String {
        let url = match tokio::time::timeout(WAIT, self.c.current_url()).await {
            Ok(Ok(u)) => u.to_string(),
            _ => "(unknown: the browser did not say)".to_string(),
        };
        let shot = match tokio::time::timeout(WAIT, self.screenshot("failure")).await {
            Ok(Ok(p)) => p.display().to_string(),
            Ok(Err(e)) => format!("(none: {e})"),
            Err(_) => "(none: the browser did not answer)".to_string(),
        };
        format!(
            "{} run failed at step «{}»\n  URL: {url}\n  what: {e:#}\n  screenshot: {shot}\n  chromedriver log: {}",
            self.run.name(),
            self.step,
            self.dir.join("chromedriver.log").display()
        )
    }

    // --- WebDriver helpers: every lookup waits up to WAIT ---------------------------------

    fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        driver::cdp(self.driver, &self.session, cmd, params).map_err(anyhow::Error::msg)
    }

    async fn el(&self, css: &str) -> Result<Element> {
        self.c
            .wait()
            .at_most(WAIT)
            .every(POLL)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("no element `{css}` within {WAIT:?}"))
    }

    async fn text(&self, css: &str) -> Result<String> {
        Ok(self.el(css).await?.text().await?)
    }

    async fn attr(&self, css: &str, name: &str) -> Result<Option<String>> {
        Ok(self.el(css).await?.attr(name).await?)
    }

    /// A finger's tap (touch pointer) on the middle of the element, scrolled to mid-screen.
    async fn tap(&self, css: &str) -> Result<()> {
        let el = self.el(css).await?;
        self.c
            .execute(
                "arguments[0].scrollIntoView({block: 'center'})",
                vec![serde_json::to_value(&el)?],
            )
            .await?;
        let finger = TouchActions::new("finger".to_string())
            .then(PointerAction::MoveToElement {
                element: el,
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down { button: 0 })
            .then(PointerAction::Up { button: 0 });
        self.c
            .perform_actions(finger)
            .await
            .with_context(|| format!("tapping `{css}`"))
    }

    async fn path(&self) -> Result<String> {
        Ok(self.c.current_url().await?.path().to_string())
    }

    async fn wait_path(&self, want: &str) -> Result<()> {
        let start = Instant::now();
        loop {
            let path = self.path().await?;
            if path == want {
                return Ok(());
            }
            ensure!(
                start.elapsed() < WAIT,
                "expected to be at {want}, still at {path} after {WAIT:?}"
            );
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until `css` shows exactly `want` (spaces collapsed).
    async fn expect_text(&self, css: &str, want: &str) -> Result<()> {
        let want = collapse(want);
        let start = Instant::now();
        loop {
            let got = match self.c.find(Locator::Css(css)).await {
                Ok(e) => e.text().await.ok().map(|t| collapse(&t)),
                Err(_) => None,
            };
            if got.as_deref() == Some(want.as_str()) {
                return Ok(());
            }
            if start.elapsed() > WAIT {
                match got {
                    Some(got) => bail!("`{css}` shows {got:?}, expected {want:?}"),
                    None => bail!("no element `{css}` (expected it to show {want:?})"),
                }
            }
            tokio::time::sleep(POLL).await;
        }
    }

    async fn expect_attr(&self, css: &str, name: &str, want: Option<&str>) -> Result<()> {
        let got = self.attr(css, name).await?;
        ensure!(
            got.as_deref() == want,
            "`{css}` has {name}={got:?}, expected {want:?}"
        );
        Ok(())
    }

    async fn expect_absent(&self, css: &str) -> Result<()> {
        if let Ok(e) = self.c.find(Locator::Css(css)).await {
            bail!("`{css}` should not be shown, shows {:?}", e.text().await?);
        }
        Ok(())
    }

    /// Types `value` into a field and checks the field holds exactly that (code points too).
    async fn type_into(&self, css: &str, value: &str) -> Result<()> {
        let field = self.el(css).await?;
        field.clear().await?;
        field.send_keys(value).await?;
        let got = field.prop("value").await?.unwrap_or_default();
        ensure!(
            got == value,
            "`{css}` holds {got:?} ({:?}) after typing {value:?} ({:?})",
            got.chars()
                .map(|c| format!("U+{:04X}", c as u32))
                .collect::<Vec<_>>(),
            value
                .chars()
                .map(|c| format!("U+{:04X}", c as u32))
                .collect::<Vec<_>>()
        );
        Ok(())
    }

    /// Taps `label` until its `input` is (un)checked as wanted.
    async fn set_checked(&self, label: &str, input: &str, want: bool) -> Result<()> {
        if self.el(input).await?.is_selected().await? == want {
            return Ok(());
        }
        self.tap(label).await?;
        let start = Instant::now();
        while self.el(input).await?.is_selected().await? != want {
            ensure!(
                start.elapsed() < WAIT,
                "tapping `{label}` did not {} `{input}`",
                if want { "check" } else { "uncheck" }
            );
            tokio::time::sleep(POLL).await;
        }
        Ok(())
    }
}
