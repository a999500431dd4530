//! `hocvu i18n voice-draft LESSON.md`: a machine-voice reading of a Vietnamese lesson (Debian's
//! espeak-ng, encoded by opusenc), for authors to hear its length and pace before a person
//! records it. Written as `<slug>.vi.opus` with `voice = "machine"`: learners see it labelled
//! "giọng máy" and it never counts as narrated. A person's recording is never replaced.

use anyhow::{Context, bail};
use hocvu_content::CompileOptions;
use hocvu_content::narration::SIDECAR_SUFFIX;
use std::path::Path;
use std::process::{Command, ExitCode};

pub fn draft(lesson: &Path) -> anyhow::Result<ExitCode> {
    let slug = lesson
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".md"))
        .filter(|s| !s.contains('.'))
        .context("give a Vietnamese lesson file, e.g. content/vneid/01-tai-ung-dung-that.md")?;
    let dir = lesson.parent().context("the lesson's folder")?;
    let content = dir.parent().context("the content folder")?;
    let sidecar = dir.join(format!("{slug}.vi{SIDECAR_SUFFIX}"));
    if let Ok(text) = std::fs::read_to_string(&sidecar)
        && !text.contains("voice = \"machine\"")
    {
        bail!(
            "{} describes a person's recording: a machine voice never replaces it",
            sidecar.display()
        );
    }
    let (courses, _) = hocvu_content::compile_all(content, &CompileOptions::default())?;
    let course = courses
        .iter()
        .find(|c| c.dir == dir)
        .with_context(|| format!("{} is not a course folder that compiles", dir.display()))?;
    let text = course
        .source_text
        .get(slug)
        .with_context(|| format!("lesson `{slug}` is not in {}", dir.display()))?;
    let mut diags = hocvu_content::Diagnostics::default();
    let source = hocvu_content::source::read_text(lesson, &mut diags)
        .with_context(|| format!("cannot read {}", lesson.display()))?;
    let hash = hocvu_content::source::text_hash(&source.text);
    let wav = std::env::temp_dir().join(format!("hocvu-voice-{}-{slug}.wav", std::process::id()));
    let opus = dir.join(format!("{slug}.vi.opus"));
    let wav_path = wav
        .to_str()
        .context("the temporary folder's path is not UTF-8")?;
    let opus_path = opus.to_str().context("the lesson's path is not UTF-8")?;
    run(
        "espeak-ng",
        &["-v", "vi", "-s", "130", "-w", wav_path, text.as_str()],
    )?;
    let encoded = run(
        "opusenc",
        &[
            "--quiet",
            "--bitrate",
            "24",
            "--downmix-mono",
            wav_path,
            opus_path,
        ],
    );
    let _ = std::fs::remove_file(&wav);
    encoded?;
    std::fs::write(
        &sidecar,
        format!("source_hash = \"{hash}\"\nnarrator = \"espeak-ng\"\nvoice = \"machine\"\n"),
    )?;
    println!(
        "{}: machine voice (giọng máy), not a narration; a narrator's recording replaces it",
        opus.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn run(program: &str, args: &[&str]) -> anyhow::Result<()> {
    let out = Command::new(program)
        .args(args)
        .output()
        .with_context(|| format!("{program} is needed: apt-get install espeak-ng opus-tools"))?;
    if !out.status.success() {
        bail!("{program}: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}
