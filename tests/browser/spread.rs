//! Sharing and printing (issue 21) at 360 px: the share page from a lesson's "Chia sẻ" link
//! (the short link as text, the QR code large on the screen), then the course poster and the
//! lesson handout in print media (CDP `Emulation.setEmulatedMedia`): no header, footer,
//! navigation or form on paper, nothing wider than the page. Screenshots in `spread-{js,nojs}/`;
//! the JavaScript run checks every screen in both themes with axe-core, the other walks in
//! large text.

use anyhow::{Result, ensure};
use serde_json::{Value, json};

use super::{Journey, Run, driver, run_journey};
use crate::support::Server;

const COURSE: &str = "vneid";
const PUBLIC_URL: &str = "https://hocvu.example";

pub(super) fn journey(run: Run) {
    let Some(tools) = driver::tools() else {
        return;
    };
    let server = Server::start(&["--public-url", PUBLIC_URL]);
    let dir = format!("spread-{}", run.name());
    run_journey(&tools, &dir, "spread", run, &server, async |j| {
        j.spread().await
    });
}

/// In print media: how each of the screen-only parts is displayed, and whether the page fits.
const PRINTED_JS: &str = "return { hidden: ['header.top', 'footer.foot', 'nav', 'form', '.no-print']\
    .map(s => [...document.querySelectorAll(s)].every(el => getComputedStyle(el).display === 'none')), \
    fits: document.documentElement.scrollWidth <= window.innerWidth };";

impl Journey<'_> {
    async fn spread(&mut self) -> Result<()> {
        self.setup().await?;
        let lesson = self.lesson(COURSE, 2);
        let lesson_path = format!("/vi/courses/{COURSE}/{}/", lesson.slug);

        self.step = "a lesson's share link";
        self.c
            .goto(&format!("{}{lesson_path}", self.server.base))
            .await?;
        // The JavaScript run checks each screen in both themes; the other walks in large text.
        self.learn_sheets().await?;
        self.wait_path(&lesson_path).await?;
        self.step = "a lesson's share link";
        self.tap(&format!(r#"a[href="/vi/courses/{COURSE}/share?lesson=3"]"#))
            .await?;
        self.wait_path(&format!("/vi/courses/{COURSE}/share"))
            .await?;
        let code = self.text(".short-link code").await?;
        ensure!(
            code == format!("{PUBLIC_URL}/l/{COURSE}/3"),
            "the short link to copy: {code}"
        );
        let qr: Value = self
            .c
            .execute(
                "const q = document.querySelector('.qr-screen svg.qr'); \
                 return q ? q.getBoundingClientRect().width : 0;",
                vec![],
            )
            .await?;
        ensure!(
            qr.as_f64().unwrap_or(0.0) >= 250.0,
            "the QR code should be large enough to scan from the screen: {qr} px"
        );
        self.checkpoint("share", true).await?;

        self.step = "the poster";
        self.tap(&format!(r#"a[href="/vi/courses/{COURSE}/poster"]"#))
            .await?;
        self.wait_path(&format!("/vi/courses/{COURSE}/poster"))
            .await?;
        self.checkpoint("poster", true).await?;
        self.printed("poster-print").await?;

        self.step = "the handout";
        self.c
            .goto(&format!("{}{lesson_path}print", self.server.base))
            .await?;
        self.wait_path(&format!("{lesson_path}print")).await?;
        self.checkpoint("handout", true).await?;
        self.printed("handout-print").await
    }

    /// The page in print media: screenshot, then the screen-only parts must be hidden.
    async fn printed(&mut self, name: &str) -> Result<()> {
        self.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" }))?;
        let printed: Value = self.c.execute(PRINTED_JS, vec![]).await?;
        self.screenshot(name).await?;
        self.cdp("Emulation.setEmulatedMedia", json!({ "media": "" }))?;
        ensure!(
            printed["hidden"] == json!([true, true, true, true, true]),
            "printed, the header, footer, navigation, forms and screen notes should be hidden: {printed}"
        );
        ensure!(
            printed["fits"] == json!(true),
            "printed, the page scrolls sideways"
        );
        Ok(())
    }
}
