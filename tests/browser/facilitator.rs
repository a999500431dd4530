//! The facilitator's journey (issue 14): a commune with a village imported with the CLI, an
//! account registered in the browser and made the commune's facilitator, then at 360 px: "Buổi
//! học" from the header, a class created with the phone form, the session screen (the rotating
//! code in large type, its QR code, a `Refresh` header), a second browser checking itself in by
//! typing the code in lower case with a hyphen, the headcount, closing, and the printable sheet
//! (print media: no navigation). Screenshots in `facilitator-{js,nojs}/`; the JavaScript run
//! checks every screen in both themes with axe-core, the run without JavaScript walks in large
//! text. It runs in the lane's shared harness (`run_journey` in tests/browser.rs).

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use fantoccini::Locator;
use serde_json::{Value, json};

use super::{Journey, POLL, Run, WAIT, cli, driver, run_journey, t};
use crate::support::Server;

const COMMUNE: &str = "BT-C1";
const VILLAGE: &str = "BT-V1";
const COURSE: &str = "vneid";
const UNITS: &str = "code,name,parent_code,kind,adults\n\
BT-P,Tỉnh Thử Trình Duyệt,,province,\n\
BT-C1,Xã Ea Tul,BT-P,commune,400\n\
BT-V1,Buôn Kô Tam,BT-C1,village,\n";

/// The facilitator's journey, `run` with or without JavaScript.
pub(super) fn journey(run: Run) {
    let Some(tools) = driver::tools() else {
        return;
    };
    let server = Server::start(&[]);
    // The participant's own browser profile, removed after the driver has quit Chromium.
    let second = tempfile::tempdir().unwrap();
    let dir = format!("facilitator-{}", run.name());
    run_journey(&tools, &dir, "facilitator", run, &server, async |j| {
        j.facilitate(&tools.chromium, second.path()).await
    });
}

/// Today in Vietnam and a start and end time around now (as `running_now` in tests/classes.rs:
/// started ten minutes ago, ending within the day).
fn running_now() -> (String, String, String) {
    let now = hocvu_store::now_ms();
    let date = hocvu_dates::vietnam_date(now);
    let midnight = hocvu_dates::vietnam_ms(&date, "00:00").unwrap();
    let start = (now - 10 * 60_000).max(midnight);
    let end = (start + 70 * 60_000).min(midnight + 86_400_000 - 60_000);
    (
        date,
        hocvu_dates::vietnam_time(start),
        hocvu_dates::vietnam_time(end),
    )
}

/// The code as drawn: its font size, whether it sits on one line, and the QR code's width.
const CODE_JS: &str = r#"
const strong = document.querySelector('.checkin-code strong');
const qr = document.querySelector('.checkin-screen svg.qr');
if (!strong || !qr) return { error: 'no code or no QR code on the screen' };
const lines = strong.getClientRects().length;
return { size: parseFloat(getComputedStyle(strong).fontSize), lines,
         qr: qr.getBoundingClientRect().width, vw: window.innerWidth };
"#;

impl Journey<'_> {
    pub(super) async fn facilitate(&mut self, chromium: &Path, profile: &Path) -> Result<()> {
        self.setup().await?;
        self.import_units()?;
        self.register_facilitator().await?;
        self.create_class().await?;
        let (screen, code) = self.session_screen().await?;
        self.participant_checks_in(chromium, profile, &code).await?;
        self.headcount(&screen).await?;
        self.close(&screen).await?;
        self.sheet(&screen).await
    }

    fn facilitator(&self) -> (&'static str, &'static str) {
        match self.run {
            Run::Js => ("tochuc.js", "H'Ngân Byă"),
            Run::NoJs => ("tochuc.nojs", "Y Blu Niê Kdăm"),
        }
    }

    fn import_units(&mut self) -> Result<()> {
        self.step = "import a commune and a village with the CLI";
        let dir = tempfile::tempdir()?;
        let units = dir.path().join("units.csv");
        std::fs::write(&units, UNITS)?;
        let out = cli(self.server, &["org", "import", &units.to_string_lossy()])?;
        ensure!(out.contains("3 added"), "org import: {out}");
        Ok(())
    }

    async fn register_facilitator(&mut self) -> Result<()> {
        self.step = "register the facilitator's account in the browser";
        let (username, name) = self.facilitator();
        self.register_account(username, name, "Buon#2026ab").await?;

        self.step = "grant the account facilitator of the commune with the CLI";
        cli(
            self.server,
            &["user", "grant", username, "facilitator", "--unit", COMMUNE],
        )?;
        self.c
            .goto(&format!("{}/vi/learning/", self.server.base))
            .await?;

        self.learn_sheets().await?;

        self.step = "open «Buổi học» from the header";
        let link = r#"nav.account a[href="/vi/facilitate/"]"#;
        self.expect_text(link, &t("vi", "nav-facilitate", &[]))
            .await?;
        self.tap(link).await?;
        self.wait_path("/vi/facilitate/").await?;
        self.expect_text("h1", &t("vi", "classes-title", &[]))
            .await?;
        self.el(&format!(r#"#unit option[value="{VILLAGE}"]"#))
            .await?;
        self.checkpoint("facilitate", true).await
    }

    /// Sets a date, time or select field's value directly (their typing depends on the
    /// browser's locale and on the platform's pickers).
    async fn set_value(&self, css: &str, value: &str) -> Result<()> {
        let el = self.el(css).await?;
        self.c
            .execute(
                "arguments[0].value = arguments[1]; \
                 arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                vec![serde_json::to_value(&el)?, json!(value)],
            )
            .await?;
        let got = el.prop("value").await?.unwrap_or_default();
        ensure!(got == value, "`{css}` holds {got:?}, not {value:?}");
        Ok(())
    }

    async fn create_class(&mut self) -> Result<()> {
        self.step = "create a class at the commune, running now, with the phone form";
        let (date, start, end) = running_now();
        self.set_value("#kind", "class").await?;
        self.set_value("#unit", COMMUNE).await?;
        self.set_value("#date", &date).await?;
        self.set_value("#start", &start).await?;
        self.set_value("#end", &end).await?;
        self.type_into("#place", "Nhà văn hoá buôn Kô Tam").await?;
        self.set_checked(
            &format!(r#"form.stack-form label.opt:has(input[value="{COURSE}"])"#),
            &format!(r#"form.stack-form input[name=course][value="{COURSE}"]"#),
            true,
        )
        .await?;
        self.checkpoint("facilitate-form-filled", false).await?;
        self.tap(r#"form[action="/vi/facilitate/sessions"] button[type=submit]"#)
            .await?;
        let start = Instant::now();
        loop {
            let path = self.path().await?;
            if path.starts_with("/vi/facilitate/sessions/") && path.ends_with('/') {
                return Ok(());
            }
            ensure!(
                start.elapsed() < WAIT,
                "the new session's screen did not open: at {path}"
            );
            tokio::time::sleep(POLL).await;
        }
    }

    /// The facilitator's session cookie, as the browser holds it.
    async fn cookie(&self) -> Result<String> {
        let cookies = self.c.get_all_cookies().await?;
        let c = cookies
            .iter()
            .find(|c| c.name() == "session")
            .context("the browser holds no session cookie")?;
        Ok(format!("session={}", c.value()))
    }

    /// Fetches the session screen with ureq as the facilitator: its `Refresh` seconds.
    async fn refresh_seconds(&self, screen: &str) -> Result<Option<u64>> {
        let cookie = self.cookie().await?;
        let r = self.server.get_with(screen, &[("Cookie", &cookie)]);
        ensure!(
            r.status == 200,
            "GET {screen} as the facilitator: {}",
            r.status
        );
        Ok(r.header("refresh").and_then(|v| v.trim().parse().ok()))
    }

    /// The screen reloads itself when the code changes: if that is near, waits for it, so the
    /// checks and forms that follow are not cut off by a reload.
    async fn settle(&self, screen: &str) -> Result<()> {
        let Some(left) = self.refresh_seconds(screen).await? else {
            return Ok(());
        };
        if left > 25 {
            return Ok(());
        }
        let before = self.text(".checkin-code strong").await?;
        let limit = Duration::from_secs(left) + WAIT;
        let start = Instant::now();
        loop {
            tokio::time::sleep(POLL * 5).await;
            if let Ok(el) = self.c.find(Locator::Css(".checkin-code strong")).await
                && let Ok(now) = el.text().await
                && now != before
            {
                return Ok(());
            }
            ensure!(
                start.elapsed() < limit,
                "the screen did not reload with a new code within {limit:?} (Refresh: {left})"
            );
        }
    }

    /// The session screen: the code in large type, the QR code, the `Refresh` header.
    async fn session_screen(&mut self) -> Result<(String, String)> {
        self.step = "the session screen: the code in large type, a QR code, a Refresh header";
        let screen = self.path().await?;
        let refresh = self
            .refresh_seconds(&screen)
            .await?
            .context("the session screen has no Refresh header")?;
        ensure!(
            (1..=61).contains(&refresh),
            "the screen should reload when the code changes (≤ 61 s): Refresh {refresh}"
        );
        self.settle(&screen).await?;
        let code = self.text(".checkin-code strong").await?;
        ensure!(
            code.len() == 11 && code.as_bytes()[5] == b'-',
            "the code should read XXXXX-XXXXX: {code:?}"
        );
        let drawn: Value = self.c.execute(CODE_JS, vec![]).await?;
        if let Some(e) = drawn["error"].as_str() {
            anyhow::bail!("{e}");
        }
        let num = |k: &str| drawn[k].as_f64().unwrap_or(f64::NAN);
        ensure!(
            num("size") >= 32.0,
            "the code should be large enough to read across a room: {drawn}"
        );
        ensure!(
            num("lines") == 1.0,
            "the code should sit on one line: {drawn}"
        );
        ensure!(
            num("qr") >= 200.0,
            "the QR code should be as big as fits: {drawn}"
        );
        self.checkpoint("session", true).await?;
        Ok((screen, code))
    }

    /// A second browser, a visitor's phone, types the code in lower case with a hyphen.
    async fn participant_checks_in(
        &mut self,
        chromium: &Path,
        profile: &Path,
        code: &str,
    ) -> Result<()> {
        self.step = "a second browser opens the check-in page";
        let phone = driver::open_session(self.driver, chromium, profile, self.run == Run::Js)
            .await
            .map_err(anyhow::Error::msg)?;
        let id = phone
            .session_id()
            .await?
            .context("the second browser has no session id")?;
        let facilitator = std::mem::replace(&mut self.c, phone);
        let facilitator_session = std::mem::replace(&mut self.session, id);
        let walked = self.check_in(code).await;
        let phone = std::mem::replace(&mut self.c, facilitator);
        self.session = facilitator_session;
        let _ = tokio::time::timeout(WAIT, phone.close()).await;
        walked
    }

    async fn check_in(&mut self, code: &str) -> Result<()> {
        self.c
            .goto(&format!("{}/vi/checkin", self.server.base))
            .await?;
        self.expect_text("h1", &t("vi", "checkin-title", &[]))
            .await?;
        self.checkpoint("checkin", true).await?;

        self.step = "the participant types the code in lower case with a hyphen";
        self.type_into("#code", &code.to_lowercase()).await?;
        self.tap("form.verify-form button[type=submit]").await?;
        let done = format!("✓ {}", t("vi", "checkin-done", &[]));
        self.expect_text("p.verdict strong", &done).await?;
        let first = format!(r#"ul.actions a.button[href="/vi/courses/{COURSE}/"]"#);
        let title = self
            .course(COURSE)
            .bundle
            .course
            .title_in(hocvu_content::Locale::Vi)
            .0;
        self.expect_text(&first, title).await?;
        self.checkpoint("checked-in", true).await?;

        self.step = "the participant goes on to the first course";
        self.tap(&first).await?;
        self.wait_path(&format!("/vi/courses/{COURSE}/")).await
    }

    async fn headcount(&mut self, screen: &str) -> Result<()> {
        self.step = "back as the facilitator: 1 checked in; record 12 others";
        self.c
            .goto(&format!("{}{screen}", self.server.base))
            .await?;
        self.settle(screen).await?;
        self.expect_text("dl.facts dd:nth-of-type(1)", "1").await?;
        self.type_into("#others", "12").await?;
        self.tap(r#"form[action$="/headcount"] button[type=submit]"#)
            .await?;
        self.wait_path(screen).await?;
        self.expect_text("dl.facts dd:nth-of-type(2)", "12").await?;
        self.expect_text("dl.facts dd:nth-of-type(1)", "1").await?;
        self.checkpoint("session-headcount", true).await
    }

    async fn close(&mut self, screen: &str) -> Result<()> {
        self.step = "close the session";
        self.tap(r#"form[action$="/close"] button[type=submit]"#)
            .await?;
        self.expect_text("p.verdict", &t("vi", "classes-is-closed", &[]))
            .await?;
        self.wait_path(screen).await?;
        self.expect_absent(".checkin-code").await?;
        ensure!(
            self.refresh_seconds(screen).await?.is_none(),
            "a closed session's screen should not reload itself"
        );
        self.checkpoint("session-closed", true).await
    }

    async fn sheet(&mut self, screen: &str) -> Result<()> {
        self.step = "open the printable sheet";
        self.tap(&format!(r#"a.more[href="{screen}sheet"]"#))
            .await?;
        self.wait_path(&format!("{screen}sheet")).await?;
        let qrs = self.c.find_all(Locator::Css("svg.qr")).await?.len();
        ensure!(
            qrs == 2,
            "the sheet should show the check-in QR and the course's: {qrs}"
        );
        self.checkpoint("sheet", true).await?;

        self.step = "the sheet in print media: no navigation";
        if let Err(e) = self.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" })) {
            driver::say(&format!(
                "{} run: no print media emulation ({e}): the printed sheet is not checked",
                self.run.name()
            ));
            return Ok(());
        }
        let shown: Value = self
            .c
            .execute(
                "return ['header.top', 'footer.foot', '.no-print'].map(s => { \
                   const el = document.querySelector(s); \
                   return el ? getComputedStyle(el).display : 'none'; });",
                vec![],
            )
            .await?;
        let wide: Value = self
            .c
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth;",
                vec![],
            )
            .await?;
        self.screenshot("sheet-print").await?;
        self.cdp("Emulation.setEmulatedMedia", json!({ "media": "" }))?;
        ensure!(
            shown == json!(["none", "none", "none"]),
            "printed, the sheet should hide the header, footer and screen notes: {shown}"
        );
        ensure!(wide == json!(true), "printed, the sheet scrolls sideways");
        Ok(())
    }
}
