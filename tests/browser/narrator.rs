//! Narration (issue 17) at 360 px, on a copy of the shipped content with a Vietnamese recording
//! made by espeak-ng + opusenc: the learner's Listen control (the browser reads the audio's
//! duration through the server's byte ranges), then a narrator of Ê Đê registered in the
//! browser records the lesson — with JavaScript from Chromium's fake microphone (MediaRecorder;
//! a refused microphone first shows its message), without it by choosing a file — and sends
//! it: it waits for review. Screenshots in `narrator-{js,nojs}/`.

use anyhow::{Context, Result, ensure};
use serde_json::json;

use super::{Journey, Run, cli, driver, run_journey, t};
use crate::support::{Server, copy_dir, repo};

const COURSE: &str = "vneid";
const LESSON: &str = "01-tai-ung-dung-that";

/// `opusenc` output of espeak-ng's Vietnamese; `None` (skipped) without the tools outside CI.
fn speech(dir: &std::path::Path, text: &str) -> Option<std::path::PathBuf> {
    let (wav, opus) = (dir.join("speech.wav"), dir.join("speech.opus"));
    let tools: [(&str, Vec<&str>); 2] = [
        ("espeak-ng", vec!["-v", "vi", "-w", wav.to_str()?, text]),
        (
            "opusenc",
            vec![
                "--quiet",
                "--bitrate",
                "24",
                "--downmix-mono",
                wav.to_str()?,
                opus.to_str()?,
            ],
        ),
    ];
    for (program, args) in tools {
        match std::process::Command::new(program).args(&args).status() {
            Ok(s) if s.success() => {}
            Ok(s) => panic!("{program} failed: {s}"),
            Err(e) if std::env::var_os("CI").is_none() => {
                driver::say(&format!(
                    "narrator journey skipped: {program} missing ({e})"
                ));
                return None;
            }
            Err(e) => panic!("{program} is needed in CI: {e}"),
        }
    }
    Some(opus)
}

pub(super) fn journey(run: Run) {
    let Some(tools) = driver::tools() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let Some(recording) = speech(
        work.path(),
        "Chỉ tải ứng dụng VNeID thật từ cửa hàng chính thức.",
    ) else {
        return;
    };
    let content = work.path().join("content");
    copy_dir(&repo("content"), &content);
    let dir = content.join(COURSE);
    let text = std::fs::read_to_string(dir.join(format!("{LESSON}.md"))).unwrap();
    std::fs::copy(&recording, dir.join(format!("{LESSON}.vi.opus"))).unwrap();
    std::fs::write(
        dir.join(format!("{LESSON}.vi.narration.toml")),
        format!(
            "source_hash = \"{}\"\nnarrator = \"Người đọc thử\"\n",
            hocvu_content::source::text_hash(&text)
        ),
    )
    .unwrap();
    let (courses, _) = hocvu_content::compile_all(&content, &Default::default()).unwrap();
    let clip = courses
        .iter()
        .find(|c| c.bundle.course.id == COURSE)
        .and_then(|c| {
            c.bundle.lessons[0]
                .narrations
                .get(&hocvu_content::Locale::Vi)
        })
        .and_then(|n| n.lesson.clone())
        .unwrap();
    let server = Server::start(&["--content", content.to_str().unwrap()]);
    let shots = format!("narrator-{}", run.name());
    run_journey(&tools, &shots, "narrator", run, &server, async |j| {
        j.narrate(clip.duration_ms, &recording).await
    });
}

impl Journey<'_> {
    async fn narrate(&mut self, duration_ms: u64, file: &std::path::Path) -> Result<()> {
        self.setup().await?;
        self.step = "the learner's lesson page: Listen, with its length and size";
        let lesson = format!("/vi/courses/{COURSE}/{LESSON}/");
        self.c
            .goto(&format!("{}{lesson}", self.server.base))
            .await?;
        let label = self.text("#listen-lesson").await?;
        ensure!(
            label.starts_with("Nghe · ") && label.contains(" KB"),
            "{label:?}"
        );
        self.el(".listen audio[controls][preload=none]").await?;
        if self.run == Run::Js {
            let got = self
                .c
                .execute_async(
                    "const [done] = [arguments[arguments.length - 1]]; const a = document.querySelector('.listen audio'); a.addEventListener('loadedmetadata', () => done(a.duration)); a.addEventListener('error', () => done(-1)); a.preload = 'metadata'; a.load();",
                    vec![],
                )
                .await?;
            let seconds = got.as_f64().context("no duration")?;
            ensure!(
                (seconds * 1000.0 - duration_ms as f64).abs() < 300.0,
                "the browser reads {seconds} s, the bundle says {duration_ms} ms"
            );
        }
        self.checkpoint("listen", true).await?;

        self.step = "a narrator of Ê Đê, registered in the browser, granted with the CLI";
        let username = format!("doc.{}", self.run.name());
        self.register_account(&username, "H'Ngọc Niê", "Doc#2026ab")
            .await?;
        self.learn_sheets().await?;
        cli(
            self.server,
            &["user", "grant", &username, "narrator", "--locale", "rad"],
        )?;
        self.c
            .goto(&format!("{}/vi/narrate/", self.server.base))
            .await?;
        self.expect_text("h1", &t("vi", "narrate-title", &[]))
            .await?;
        let desk = format!("/vi/narrate/rad/{COURSE}/{LESSON}/");
        self.el(&format!(r#"a[href="{desk}"]"#)).await?;
        self.checkpoint("overview", true).await?;
        self.tap(&format!(r#"a[href="{desk}"]"#)).await?;
        self.wait_path(&desk).await?;
        self.el("#audio-lesson[capture]").await?;
        self.checkpoint("desk", true).await?;

        if self.run == Run::Js {
            self.step = "a refused microphone says so";
            self.c
                .execute(
                    "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));",
                    vec![],
                )
                .await?;
            self.tap("#part-lesson button.record").await?;
            self.expect_text(
                "#part-lesson .record-status",
                &t("vi", "narrate-no-mic", &[]),
            )
            .await?;
            self.c.goto(&format!("{}{desk}", self.server.base)).await?;
            self.step = "record from the (fake) microphone, stop, listen back";
            self.tap("#part-lesson button.record").await?;
            self.expect_text(
                "#part-lesson .record-status",
                &t("vi", "narrate-recording", &[]),
            )
            .await?;
            tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
            self.tap("#part-lesson button.record").await?;
            self.expect_text(
                "#part-lesson .record-status",
                &t("vi", "narrate-ready", &[]),
            )
            .await?;
            let ready = self
                .c
                .execute(
                    "const f = document.querySelector('#audio-lesson').files; const p = document.querySelector('#part-lesson .record-box audio'); return [f.length, f.length ? f[0].size : 0, !p.hidden];",
                    vec![],
                )
                .await?;
            ensure!(
                ready[0] == json!(1)
                    && ready[1].as_u64().unwrap_or(0) > 1000
                    && ready[2] == json!(true),
                "after recording: {ready}"
            );
            self.checkpoint("recorded", true).await?;
        } else {
            self.step = "choose a recording file";
            self.el("#audio-lesson")
                .await?
                .send_keys(file.to_str().context("path")?)
                .await?;
        }
        self.step = "send it: it waits for review";
        self.tap("#part-lesson form.recorder button[type=submit]")
            .await?;
        self.wait_path(&desk).await?;
        self.expect_text(".result.passed", &t("vi", "narrate-saved-submitted", &[]))
            .await?;
        let pending = self.text("#pend-lesson").await?;
        ensure!(
            pending.contains("Ngọc Niê") && pending.contains("chờ duyệt"),
            "{pending:?}"
        );
        self.el("#part-lesson audio[src*='/pending/lesson']")
            .await?;
        self.checkpoint("submitted", true).await?;
        Ok(())
    }
}
