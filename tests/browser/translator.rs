//! The translator's journey (issue 16) on a copy of the shipped content: an account registered
//! in the browser and made a translator of Ê Đê with the CLI, then at 360 px the workspace's
//! overview, a lesson's editor (the Vietnamese above each field, `data-letters` on every field),
//! a test text typed into the title and the first paragraph, the preview, a field refused with
//! its message and the typed text kept, and the whole lesson saved as a draft. Screenshots in
//! `translator-{js,nojs}/`; the JavaScript run checks each screen in both themes with axe-core.

use anyhow::{Result, ensure};
use fantoccini::Locator;

use super::{Journey, Run, cli, driver, run_journey, t};
use crate::support::{Server, copy_dir, repo};

const COURSE: &str = "ai-cong-vu";
const LESSON: &str = "01-ai-ho-tro-cong-viec";

pub(super) fn journey(run: Run) {
    let Some(tools) = driver::tools() else {
        return;
    };
    let content = tempfile::tempdir().unwrap();
    copy_dir(&repo("content"), content.path());
    let server = Server::start(&["--content", content.path().to_str().unwrap()]);
    let dir = format!("translator-{}", run.name());
    run_journey(&tools, &dir, "translator", run, &server, async |j| {
        j.translate(content.path()).await
    });
}

impl Journey<'_> {
    async fn translate(&mut self, content: &std::path::Path) -> Result<()> {
        self.setup().await?;
        self.step = "register the translator's account in the browser";
        let username = format!("dich.{}", self.run.name());
        self.register_account(&username, "H'Ngân Byă", "Dich#2026ab")
            .await?;
        self.learn_sheets().await?;
        self.step = "grant the account translator of Ê Đê with the CLI";
        cli(
            self.server,
            &["user", "grant", &username, "translator", "--locale", "rad"],
        )?;

        self.step = "the workspace's overview";
        self.c
            .goto(&format!("{}/vi/translate/", self.server.base))
            .await?;
        self.expect_text("h1", &t("vi", "translate-title", &[]))
            .await?;
        let link = format!("/vi/translate/rad/{COURSE}/{LESSON}/");
        self.el(&format!(r#"a[href="{link}"]"#)).await?;
        self.checkpoint("overview", true).await?;

        self.step = "the lesson's editor";
        self.tap(&format!(r#"a[href="{link}"]"#)).await?;
        self.wait_path(&link).await?;
        self.el("#u-title[data-letters]").await?;
        self.el("#u-p1[data-letters]").await?;
        self.checkpoint("editor", true).await?;

        self.step = "a test text in the title and the first paragraph, then the preview";
        self.type_into("#u-title", "TEST title").await?;
        self.type_into("#u-p1", "TEST p1 ê̆").await?;
        self.tap(r#"button[value="preview"]"#).await?;
        self.expect_text("#preview", &t("vi", "translate-preview", &[]))
            .await?;
        let typed = self
            .el("#u-p1")
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        ensure!(typed == "TEST p1 ê̆", "the preview kept {typed:?}");
        self.checkpoint("preview", true).await?;

        self.step = "saving with empty fields is refused at the fields, the text kept";
        self.tap(r#"button[value="draft"]"#).await?;
        self.el("#err-h1").await?;
        let typed = self
            .el("#u-p1")
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        ensure!(
            typed == "TEST p1 ê̆",
            "after the refusal the field holds {typed:?}"
        );
        self.checkpoint("refused", true).await?;

        self.step = "fill every field and save the draft";
        let ids: Vec<String> = {
            let fields = self.c.find_all(Locator::Css("[name^='u.']")).await?;
            let mut ids = Vec::new();
            for f in fields {
                ids.push(f.attr("id").await?.unwrap_or_default());
            }
            ids
        };
        for id in ids.iter().filter(|id| id.as_str() != "u-p1") {
            self.type_into(
                &format!("#{}", id.replace('.', "\\.")),
                &format!("TEST {id}"),
            )
            .await?;
        }
        self.tap(r#"button[value="draft"]"#).await?;
        self.wait_path(&link).await?;
        self.expect_text(".result.passed", &t("vi", "translate-saved-draft", &[]))
            .await?;
        self.checkpoint("saved", true).await?;
        let file = content.join(COURSE).join(format!("{LESSON}.rad.md"));
        let text = std::fs::read_to_string(&file)?;
        ensure!(
            text.contains("status = \"draft\"") && text.contains("TEST p1 ê̆"),
            "{text}"
        );

        self.step = "the interface strings of Ê Đê and one message's form";
        self.c
            .goto(&format!("{}/vi/translate/rad/strings/", self.server.base))
            .await?;
        let title = format!("{} — Ê Đê", t("vi", "translate-strings-title", &[]));
        self.expect_text("h1", &title).await?;
        self.checkpoint("strings", true).await?;
        self.tap(r#"ul.cards a[href^="/vi/translate/rad/strings/"]"#)
            .await?;
        self.el("#text[data-letters]").await?;
        self.checkpoint("message", true).await?;
        Ok(())
    }
}
