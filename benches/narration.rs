//! Narration benchmark: one course of 100 lessons, each with a 5-minute Vietnamese narration
//! (espeak-ng speech looped by ffmpeg, Opus 24 kbit/s mono by opusenc, then remuxed with a
//! per-lesson tag so every file differs); cold compile + bundle encoding with and without the
//! audio, and the bytes it adds. Run: `cargo bench --bench narration` (see BENCHMARKS.md).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark should stop loudly

use hocvu_content::CompileOptions;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const LESSONS: usize = 100;
const RUNS: usize = 5;
const SECONDS: u32 = 300;

fn tool(program: &str, args: &[&str]) {
    let ok = Command::new(program)
        .args(args)
        .status()
        .unwrap_or_else(|e| {
            panic!("{program} is needed (apt-get install espeak-ng opus-tools ffmpeg): {e}")
        });
    assert!(ok.success(), "{program} {args:?}");
}

fn generate(root: &Path, work: &Path) {
    let dir = root.join("doc");
    std::fs::create_dir_all(&dir).unwrap();
    let (wav, long, opus) = (
        work.join("s.wav"),
        work.join("long.wav"),
        work.join("long.opus"),
    );
    tool(
        "espeak-ng",
        &[
            "-v",
            "vi",
            "-w",
            wav.to_str().unwrap(),
            "Chỉ tải ứng dụng VNeID thật từ cửa hàng chính thức. Không bấm vào đường link lạ. Không đưa mã OTP cho ai.",
        ],
    );
    let t = SECONDS.to_string();
    tool(
        "ffmpeg",
        &[
            "-loglevel",
            "error",
            "-y",
            "-stream_loop",
            "-1",
            "-i",
            wav.to_str().unwrap(),
            "-t",
            &t,
            long.to_str().unwrap(),
        ],
    );
    tool(
        "opusenc",
        &[
            "--quiet",
            "--bitrate",
            "24",
            "--downmix-mono",
            long.to_str().unwrap(),
            opus.to_str().unwrap(),
        ],
    );
    let mut manifest = "id = \"doc\"\nversion = \"1.0.0\"\naudience = \"citizen\"\npass_mark = 60\n\n[title]\nvi = \"Đọc\"\n".to_string();
    for l in 0..LESSONS {
        manifest.push_str(&format!(
            "\n[[lessons]]\nslug = \"bai-{l:03}\"\nminutes = 5\n"
        ));
        let source = format!(
            "+++\ntitle = \"Bài {l}\"\nchecked = 2026-12-01\n+++\n\nBài {l}: chỉ tải ứng dụng thật.\n\n## ? Tải ở đâu?\n\n- [x] Cửa hàng chính thức\n  Đúng.\n- [ ] Đường link lạ\n  Sai.\n"
        );
        std::fs::write(dir.join(format!("bai-{l:03}.md")), &source).unwrap();
        let hash = hocvu_content::source::text_hash(&source);
        std::fs::write(
            dir.join(format!("bai-{l:03}.vi.narration.toml")),
            format!("source_hash = \"{hash}\"\nnarrator = \"Bench\"\n"),
        )
        .unwrap();
        let tagged = dir.join(format!("bai-{l:03}.vi.opus"));
        let tag = format!("lesson={l}");
        tool(
            "ffmpeg",
            &[
                "-loglevel",
                "error",
                "-y",
                "-i",
                opus.to_str().unwrap(),
                "-c",
                "copy",
                "-metadata",
                &tag,
                tagged.to_str().unwrap(),
            ],
        );
    }
    std::fs::write(dir.join("course.toml"), manifest).unwrap();
}

/// Compiles and encodes the bundle; returns the time and the bundle's bytes.
fn build(content: &Path) -> (Duration, usize) {
    let start = Instant::now();
    let (courses, diags) = hocvu_content::compile_all(content, &CompileOptions::default()).unwrap();
    assert!(!diags.has_errors(), "{:?}", diags.items());
    let bytes = hocvu_content::bundle::encode(&courses[0].bundle).unwrap();
    (start.elapsed(), bytes.len())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    generate(&content, tmp.path());
    let audio: u64 = std::fs::read_dir(content.join("doc"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "opus"))
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    let narrated: Vec<(Duration, usize)> = (0..RUNS).map(|_| build(&content)).collect();
    let bare = tmp.path().join("bare");
    std::fs::create_dir_all(bare.join("doc")).unwrap();
    for e in std::fs::read_dir(content.join("doc")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !name.contains(".vi.") {
            std::fs::copy(&p, bare.join("doc").join(name)).unwrap();
        }
    }
    let plain: Vec<(Duration, usize)> = (0..RUNS).map(|_| build(&bare)).collect();
    let with_audio = narrated[0].1;
    let without = plain[0].1;
    println!(
        "{LESSONS} lessons, {SECONDS} s of Opus 24 kbit/s mono each: {:.1} MB of audio",
        audio as f64 / 1e6
    );
    println!(
        "build + encode, narrated (median of {RUNS}): {:?}",
        median(narrated.iter().map(|r| r.0).collect())
    );
    println!(
        "build + encode, no narration (median of {RUNS}): {:?}",
        median(plain.iter().map(|r| r.0).collect())
    );
    println!(
        "bundle: {:.1} MB narrated, {:.2} MB without; {:.0} KB added per lesson ({:.0} KB per minute)",
        with_audio as f64 / 1e6,
        without as f64 / 1e6,
        (with_audio - without) as f64 / LESSONS as f64 / 1e3,
        (with_audio - without) as f64 / LESSONS as f64 / 1e3 / (f64::from(SECONDS) / 60.0)
    );
}
