//! The names journey (issue 22) at 360 px: the registration page's letter bar. With
//! JavaScript, tapping ƀ types it at the cursor (focus stays in the field, one `input` event),
//! a selection is replaced, the capitals toggle gives Ê̆; the name is registered with those
//! letters and corrected on "My details" with the bar again. Without JavaScript the hint under
//! the field shows the same letters as text to copy, and no buttons. Screenshots in
//! `names-{js,nojs}/`; the JavaScript run checks every screen in both themes with axe-core, the
//! run without JavaScript walks in large text.

use anyhow::{Result, ensure};
use serde_json::{Value, json};

use super::{Journey, Run, driver, run_journey, t};
use crate::support::Server;

/// The hint's letters, lower case then capitals, as the template lists them (NFC).
const LETTERS: &str = "ƀ č ñ ă ĕ ê\u{306} ĭ ŏ ô\u{306} ơ\u{306} ŭ ư\u{306} đ";
const CAPITALS: &str = "Ƀ Č Ñ Ă Ĕ Ê\u{306} Ĭ Ŏ Ô\u{306} Ơ\u{306} Ŭ Ư\u{306} Đ";

/// The field's value, cursor, focus and the `input` events counted since [`WATCH_JS`].
const STATE_JS: &str = r#"
const f = document.getElementById('display_name');
return { value: f.value, start: f.selectionStart, end: f.selectionEnd,
         focused: document.activeElement === f, inputs: window.__inputs || 0 };
"#;
/// Puts the cursor (or a selection) where the arguments say and counts `input` events.
const WATCH_JS: &str = r#"
const f = document.getElementById('display_name');
f.focus();
f.setSelectionRange(arguments[0], arguments[1]);
window.__inputs = 0;
if (!window.__watching) { f.addEventListener('input', () => window.__inputs++); window.__watching = true; }
return true;
"#;

pub(super) fn journey(run: Run) {
    let Some(tools) = driver::tools() else {
        return;
    };
    let server = Server::start(&[]);
    let dir = format!("names-{}", run.name());
    run_journey(&tools, &dir, "names", run, &server, async |j| {
        j.names().await
    });
}

impl Journey<'_> {
    async fn names(&mut self) -> Result<()> {
        self.setup().await?;
        self.c
            .goto(&format!("{}/vi/account/register", self.server.base))
            .await?;
        self.learn_sheets().await?;
        self.step = "the registration page's letter hint";
        self.expect_text("h1", &t("vi", "account-register-title", &[]))
            .await?;
        let name = match self.run {
            Run::Js => self.type_with_the_bar().await?,
            Run::NoJs => self.copy_from_the_hint().await?,
        };
        self.step = "register with the name";
        self.type_into("#username", &format!("ten.{}", self.run.name()))
            .await?;
        self.type_into("#password", "Lan#2024ab").await?;
        self.type_into("#password2", "Lan#2024ab").await?;
        self.set_checked("fieldset.consent label.opt", "input[name=consent]", true)
            .await?;
        self.tap("form.account-form button[type=submit]").await?;
        self.wait_path("/vi/learning/").await?;
        self.my_details(&name).await
    }

    async fn state(&self) -> Result<Value> {
        Ok(self.c.execute(STATE_JS, vec![]).await?)
    }

    async fn watch(&self, start: usize, end: usize) -> Result<()> {
        self.c
            .execute(WATCH_JS, vec![json!(start), json!(end)])
            .await?;
        Ok(())
    }

    /// The `n`th letter button (1 = ƀ) of the bar under `field`.
    fn letter(field: &str, n: usize) -> String {
        format!("#{field}-letters + .letter-bar button.letter:nth-child({n})")
    }

    async fn type_with_the_bar(&mut self) -> Result<String> {
        self.step = "the letter bar types ƀ at the cursor";
        self.el("#display_name-letters + .letter-bar").await?;
        ensure!(
            !self
                .el("#display_name-letters")
                .await?
                .is_displayed()
                .await?,
            "with JavaScript the letters are buttons, the copy hint is hidden"
        );
        self.type_into("#display_name", "Y hăm").await?;
        self.watch(2, 2).await?;
        self.tap(&Self::letter("display_name", 1)).await?;
        let s = self.state().await?;
        ensure!(
            s == json!({"value": "Y ƀhăm", "start": 3, "end": 3, "focused": true, "inputs": 1}),
            "after tapping ƀ with the cursor after «Y »: {s}"
        );
        self.checkpoint("register-letter-bar", true).await?;

        self.step = "a selection is replaced; the capitals toggle gives Ê̆";
        self.watch(2, 6).await?;
        self.tap("#display_name-letters + .letter-bar .letter-caps")
            .await?;
        self.expect_text(&Self::letter("display_name", 6), "Ê\u{306}")
            .await?;
        self.tap(&Self::letter("display_name", 6)).await?;
        let s = self.state().await?;
        ensure!(
            s["value"] == "Y Ê\u{306}" && s["start"] == 4 && s["focused"] == true,
            "after selecting «ƀhăm» and tapping Ê̆: {s}"
        );
        self.checkpoint("register-capitals", false).await?;

        self.step = "type a name with the bar's letters";
        self.type_into("#display_name", "H'").await?;
        self.tap(&Self::letter("display_name", 6)).await?;
        self.tap("#display_name-letters + .letter-bar .letter-caps")
            .await?;
        let field = self.el("#display_name").await?;
        field.send_keys(" Niê").await?;
        let name = "H'Ê\u{306} Niê".to_string();
        let s = self.state().await?;
        ensure!(s["value"] == name.as_str(), "the name typed: {s}");
        Ok(name)
    }

    async fn copy_from_the_hint(&mut self) -> Result<String> {
        self.step = "without JavaScript the hint shows the letters to copy";
        self.expect_absent(".letter-bar").await?;
        let hint = "#display_name-letters";
        ensure!(
            self.el(hint).await?.is_displayed().await?,
            "the hint is shown"
        );
        self.expect_text(&format!("{hint} .letters-list"), LETTERS)
            .await?;
        self.expect_text(&format!("{hint} .letters-capitals"), CAPITALS)
            .await?;
        self.expect_text(
            &format!("{hint} .letters-copy"),
            &t("vi", "letters-copy", &[]),
        )
        .await?;
        self.expect_attr(
            "#display_name",
            "aria-describedby",
            Some("display_name-letters"),
        )
        .await?;
        self.checkpoint("register-letter-hint", false).await?;
        // What a phone pastes after copying Ƀ and ê̆ from the hint.
        let name = "Y Ƀhăm Niê\u{306}".to_string();
        self.type_into("#display_name", &name).await?;
        Ok(name)
    }

    async fn my_details(&mut self, name: &str) -> Result<()> {
        self.step = "My details shows the name as registered";
        self.c
            .goto(&format!("{}/vi/account/", self.server.base))
            .await?;
        self.expect_text("#details h2", &t("vi", "account-details-title", &[]))
            .await?;
        let value = self.el("#display_name").await?.prop("value").await?;
        ensure!(
            value.as_deref() == Some(name),
            "stored {value:?}, registered {name:?}"
        );
        self.checkpoint("account-details", true).await?;

        self.step = "correct the name on My details";
        let corrected = match self.run {
            Run::Js => {
                let len = name.encode_utf16().count();
                self.watch(len, len).await?;
                let field = self.el("#display_name").await?;
                field.send_keys(" ").await?;
                self.tap(&Self::letter("display_name", 1)).await?;
                field.send_keys("uôn").await?;
                format!("{name} ƀuôn")
            }
            Run::NoJs => {
                let corrected = format!("{name} Ƀuôn");
                self.type_into("#display_name", &corrected).await?;
                corrected
            }
        };
        self.tap("#details button[type=submit]").await?;
        self.expect_text(".result.passed", &t("vi", "account-details-saved", &[]))
            .await?;
        let value = self.el("#display_name").await?.prop("value").await?;
        ensure!(
            value.as_deref() == Some(corrected.as_str()),
            "after the correction the field holds {value:?}, expected {corrected:?}"
        );
        self.checkpoint("account-details-saved", false).await
    }
}
