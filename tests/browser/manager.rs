//! The manager's journey (issue 14): the sample units and staff imported with the CLI, an
//! account registered in the browser and made a provincial admin, then every management page
//! at 360 px — the overview, a unit report (its table as one card per row, assigning a course
//! and exempting someone with the one-hand forms), the activation-code sheet, citizens by
//! commune, the monthly report with its trend chart, roles and certificates. In the JavaScript
//! run every screen is checked in the normal theme and, by swapping the sheet, in large text
//! (and audited with axe-core); the run without JavaScript walks it all in large text.

use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::{Result, bail, ensure};
use fantoccini::Locator;
use serde_json::{Value, json};

use super::{Journey, POLL, Run, WAIT, cli, t};
use crate::support::repo;

const ROOT: &str = "SAMPLE-DL";
const AGENCY: &str = "SAMPLE-SKHCN";

/// Polls `ready` until it answers `true`, for at most `limit`.
async fn wait_until<F, Fut>(limit: Duration, mut ready: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<bool>>,
{
    let start = Instant::now();
    while !ready().await? {
        ensure!(start.elapsed() < limit, "not within {limit:?}");
        tokio::time::sleep(POLL).await;
    }
    Ok(())
}

/// For the first body row of every `table.stack` on the page: each cell's `data-label`, the
/// header of its column, and what the card shows before the figure (`::before` content).
const CARD_LABELS_JS: &str = r#"
const out = [];
for (const table of document.querySelectorAll('table.stack')) {
  const heads = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
  const row = table.querySelector('tbody tr');
  if (!row) continue;
  [...row.children].forEach((cell, i) => {
    if (!cell.hasAttribute('data-label')) return;
    const before = getComputedStyle(cell, '::before').content;
    out.push({ label: cell.getAttribute('data-label'), head: heads[i] || '',
               before, thead: getComputedStyle(table.querySelector('thead')).position });
  });
}
return out;
"#;

/// The trend chart as drawn: its scale on screen, the smallest text in CSS px, and whether
/// two month labels overlap or one leaves the picture.
const CHART_JS: &str = r#"
const svg = document.querySelector('svg.trend');
if (!svg) return { error: 'no svg.trend' };
const box = svg.getBoundingClientRect();
const scale = box.width / svg.viewBox.baseVal.width;
const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
const labels = [...svg.querySelectorAll('text.month')].map(t => t.getBoundingClientRect()).filter(r => r.width > 0);
let overlap = false;
for (let i = 1; i < labels.length; i++) if (labels[i].left < labels[i - 1].right) overlap = true;
const outside = labels.some(r => r.left < box.left - 0.5 || r.right > box.right + 0.5);
const parent = svg.parentElement.getBoundingClientRect().width;
return { width: box.width, parent, smallest: Math.min(...sizes), labels: labels.length,
         overlap, outside, legend: document.querySelectorAll('.trend-legend li').length };
"#;

/// The unit page's forms, for one hand: every field and button as wide as its form, and every
/// label above its field. Answers the problems found.
const ONE_HAND_JS: &str = r#"
const problems = [];
for (const form of document.querySelectorAll('main form.stack-form')) {
  const fw = form.getBoundingClientRect().width;
  for (const el of form.querySelectorAll('input:not([type=hidden]), select, button')) {
    const r = el.getBoundingClientRect();
    if (r.width < fw - 1) problems.push(`${el.tagName.toLowerCase()}#${el.id} is ${Math.round(r.width)} px wide in a ${Math.round(fw)} px form`);
    const label = el.id && form.querySelector(`label[for="${el.id}"]`);
    if (el.matches('input, select') && !label) problems.push(`${el.id || el.name} has no label`);
    if (label && label.getBoundingClientRect().bottom > r.top + 1) problems.push(`the label of ${el.id} is not above it`);
  }
}
return problems;
"#;

impl Journey<'_> {
    pub(super) async fn manage(&mut self) -> Result<()> {
        self.setup().await?;
        self.import()?;
        self.register_manager().await?;
        self.overview().await?;
        self.unit_reports().await?;
        self.citizens().await?;
        self.monthly().await?;
        self.roles().await?;
        self.certificates().await?;
        self.sessions_and_facilitators().await
    }

    fn manager(&self) -> (&'static str, &'static str) {
        match self.run {
            Run::Js => ("quanly.js", "H'Linh Niê\u{306}"),
            Run::NoJs => ("quanly.nojs", "Nguyễn Thị Quản Lý"),
        }
    }

    fn import(&mut self) -> Result<()> {
        self.step = "import the sample units and staff with the CLI";
        let units = repo("content/_orgs/SAMPLE-units.csv");
        let staff = repo("content/_orgs/SAMPLE-staff.csv");
        let out = cli(self.server, &["org", "import", &units.to_string_lossy()])?;
        ensure!(out.contains("added"), "org import: {out}");
        let out = cli(
            self.server,
            &["org", "import-staff", &staff.to_string_lossy()],
        )?;
        ensure!(out.contains("added"), "org import-staff: {out}");
        Ok(())
    }

    async fn register_manager(&mut self) -> Result<()> {
        self.step = "register the manager's account in the browser";
        let (username, name) = self.manager();
        self.register_account(username, name, "Lan#2024ab").await?;

        self.step = "grant the account admin with the CLI; the header offers management";
        cli(self.server, &["user", "grant", username, "admin"])?;
        self.c
            .goto(&format!("{}/vi/learning/", self.server.base))
            .await?;
        let link = r#"nav.account a[href="/vi/manage/"]"#;
        self.expect_text(link, &t("vi", "nav-manage", &[])).await?;
        self.tap(link).await?;
        self.wait_path("/vi/manage/").await?;

        self.learn_sheets().await?;
        self.wait_path("/vi/manage/").await
    }

    async fn overview(&mut self) -> Result<()> {
        self.step = "the management overview";
        self.expect_text("h1", &t("vi", "manage-title", &[]))
            .await?;
        self.el(&format!(r#"li.card a[href="/vi/manage/units/{ROOT}/"]"#))
            .await?;
        self.checkpoint("manage", true).await
    }

    async fn unit_reports(&mut self) -> Result<()> {
        self.step = "the province's report: one card per unit under it";
        self.tap(&format!(r#"li.card a[href="/vi/manage/units/{ROOT}/"]"#))
            .await?;
        self.wait_path(&format!("/vi/manage/units/{ROOT}/")).await?;
        self.expect_text("h1", "[MẪU] Tỉnh Đắk Lắk").await?;
        self.expect_card_labels().await?;
        self.checkpoint("unit-province", true).await?;

        self.step = "an agency's report; assign it a course with the one-hand form";
        self.tap(&format!(
            r#"table.stack a[href="/vi/manage/units/{AGENCY}/"]"#
        ))
        .await?;
        self.wait_path(&format!("/vi/manage/units/{AGENCY}/"))
            .await?;
        let due = self.el("#due").await?;
        // A date field's typing depends on the browser's locale: set its value directly.
        self.c
            .execute(
                "arguments[0].value = '2026-12-31'",
                vec![serde_json::to_value(&due)?],
            )
            .await?;
        self.tap(r#"form[action$="/assignments"] button[type=submit]"#)
            .await?;
        let reasons = r#"td.act input[name="reason"]"#;
        wait_until(WAIT, || async {
            Ok(!self.c.find_all(Locator::Css(reasons)).await?.is_empty())
        })
        .await
        .map_err(|e| e.context("the assignment did not show its people"))?;
        self.wait_path(&format!("/vi/manage/units/{AGENCY}/"))
            .await?;
        self.expect_card_labels().await?;
        let problems = self.c.execute(ONE_HAND_JS, vec![]).await?;
        ensure!(
            problems.as_array().is_some_and(Vec::is_empty),
            "the unit page's forms are not for one hand at 360 px: {problems}"
        );
        self.checkpoint("unit-agency-people", true).await?;

        self.step = "exempt one person, reason typed in the card";
        let before = self.c.find_all(Locator::Css(reasons)).await?.len();
        self.type_into(reasons, "Nghỉ hưu").await?;
        self.tap("td.act form button[type=submit]").await?;
        wait_until(WAIT, || async {
            Ok(self.c.find_all(Locator::Css(reasons)).await?.len() < before)
        })
        .await
        .map_err(|e| e.context("the exemption did not take"))?;
        self.el("td.status-exempt").await?;
        self.checkpoint("unit-agency-exempted", false).await?;

        self.step = "print activation codes for the agency";
        self.tap(r#"form[action$="/codes"] button[type=submit]"#)
            .await?;
        self.wait_path(&format!("/vi/manage/units/{AGENCY}/codes"))
            .await?;
        self.el("section.sheet-card .cert-code strong").await?;
        self.checkpoint("codes", true).await
    }

    /// Every card figure is labelled with its column's header, shown by CSS on a phone.
    async fn expect_card_labels(&self) -> Result<()> {
        let cells = self.c.execute(CARD_LABELS_JS, vec![]).await?;
        let cells = cells.as_array().cloned().unwrap_or_default();
        ensure!(!cells.is_empty(), "no labelled cells in a table.stack");
        for cell in &cells {
            let s = |k: &str| cell[k].as_str().unwrap_or("").to_string();
            ensure!(
                s("label") == s("head"),
                "a card label {:?} is not its column header {:?}",
                s("label"),
                s("head")
            );
            ensure!(
                s("before") == format!("\"{}\"", s("label")),
                "at 360 px a card should show {:?} before the figure, shows {}",
                s("label"),
                s("before")
            );
            ensure!(
                s("thead") == "absolute",
                "at 360 px the header row should be out of the way: position {}",
                s("thead")
            );
        }
        Ok(())
    }

    async fn back_to_overview_and_tap(&mut self, path: &str) -> Result<()> {
        self.c
            .goto(&format!("{}/vi/manage/", self.server.base))
            .await?;
        self.wait_path("/vi/manage/").await?;
        self.tap(&format!(r#"ul.actions a[href="{path}"]"#)).await?;
        self.wait_path(path).await
    }

    async fn citizens(&mut self) -> Result<()> {
        self.step = "citizens by commune";
        self.back_to_overview_and_tap("/vi/manage/citizens/")
            .await?;
        self.expect_text("h1", &t("vi", "citizens-title", &[]))
            .await?;
        self.expect_text("table.stack tfoot th", &t("vi", "citizens-total", &[]))
            .await?;
        self.expect_card_labels().await?;
        self.checkpoint("citizens", true).await
    }

    async fn monthly(&mut self) -> Result<()> {
        self.step = "the monthly report and its trend chart";
        self.back_to_overview_and_tap("/vi/manage/monthly/").await?;
        self.el("svg.trend").await?;
        self.expect_chart().await?;
        self.expect_card_labels().await?;
        self.checkpoint("monthly", true).await?;
        if let (Some((_, large)), Run::Js) = (self.sheets.clone(), self.run) {
            self.use_sheet(&large).await?;
            let checked = self.expect_chart().await;
            let normal = self.sheets.clone().map(|s| s.0).unwrap_or_default();
            self.use_sheet(&normal).await?;
            checked?;
        }
        Ok(())
    }

    /// The chart fills its column, its text is at least 12 CSS px, labels apart and inside.
    async fn expect_chart(&self) -> Result<()> {
        let c: Value = self.c.execute(CHART_JS, vec![]).await?;
        if let Some(e) = c["error"].as_str() {
            bail!("{e}");
        }
        let num = |k: &str| c[k].as_f64().unwrap_or(f64::NAN);
        ensure!(
            (num("width") - num("parent")).abs() < 1.0,
            "the chart should fill its column: {c}"
        );
        ensure!(num("smallest") >= 12.0, "chart text under 12 CSS px: {c}");
        ensure!(num("labels") >= 2.0, "too few month labels: {c}");
        ensure!(c["overlap"] == json!(false), "month labels overlap: {c}");
        ensure!(
            c["outside"] == json!(false),
            "a month label leaves the chart: {c}"
        );
        ensure!(num("legend") == 3.0, "the legend should list 3 series: {c}");
        Ok(())
    }

    async fn roles(&mut self) -> Result<()> {
        self.step = "roles: the admin's own role and the grant form";
        self.back_to_overview_and_tap("/vi/manage/roles/").await?;
        self.expect_text("h1", &t("vi", "roles-title", &[])).await?;
        let (_, name) = self.manager();
        let rows = self
            .c
            .find_all(Locator::Css("table.stack tbody th"))
            .await?;
        let mut found = false;
        for row in rows {
            found |= row.text().await?.contains(name);
        }
        ensure!(found, "the roles page does not list {name}");
        self.expect_card_labels().await?;
        self.checkpoint("roles", true).await
    }

    async fn certificates(&mut self) -> Result<()> {
        self.step = "certificates: look up a mistyped code";
        self.back_to_overview_and_tap("/vi/manage/certificates/")
            .await?;
        self.expect_text("h1", &t("vi", "certadmin-title", &[]))
            .await?;
        self.type_into("#code", "ABCD-EFGH").await?;
        self.tap("form.inline-form button[type=submit]").await?;
        self.el("p.verdict").await?;
        self.checkpoint("certificates", true).await
    }

    async fn sessions_and_facilitators(&mut self) -> Result<()> {
        self.step = "classes and village sessions against the targets: one card per commune";
        self.c
            .goto(&format!("{}/vi/manage/units/{ROOT}/", self.server.base))
            .await?;
        self.tap(&format!(
            r#"ul.actions a[href="/vi/manage/units/{ROOT}/sessions/"]"#
        ))
        .await?;
        self.wait_path(&format!("/vi/manage/units/{ROOT}/sessions/"))
            .await?;
        self.expect_card_labels().await?;
        self.checkpoint("unit-sessions", true).await?;

        self.step = "the unit's facilitators and the form to add one";
        self.c
            .goto(&format!("{}/vi/manage/units/{ROOT}/", self.server.base))
            .await?;
        self.tap(&format!(
            r#"ul.actions a[href="/vi/manage/units/{ROOT}/facilitators/"]"#
        ))
        .await?;
        self.wait_path(&format!("/vi/manage/units/{ROOT}/facilitators/"))
            .await?;
        self.el("form.stack-form #username").await?;
        self.checkpoint("facilitators", true).await
    }
}
