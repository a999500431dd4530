//! Fixtures are made here from Debian's espeak-ng, opus-tools and ffmpeg (installed by
//! `.ci/run`): skipped on a machine without them, a failure under CI.

use super::*;
use crate::course::{CompileOptions, compile_course};
use crate::glossary::Glossaries;
use std::process::Command;

const MANIFEST: &str = "id = \"t\"\nversion = \"1.0.0\"\naudience = \"citizen\"\npass_mark = 50\n[title]\nvi = \"T\"\n[[lessons]]\nslug = \"01-a\"\nminutes = 2\n";
const LESSON: &str = "+++\ntitle = \"Tải ứng dụng\"\nchecked = 2026-12-01\n+++\nChỉ tải ứng dụng từ cửa hàng chính thức.\n\n## ? Tải ở đâu?\n\n- [x] Cửa hàng chính thức\n  Đúng.\n- [ ] Đường link lạ\n  Sai.\n";

/// Runs a fixture tool; `None` (test skipped) when it is missing outside CI.
fn run(program: &str, args: &[&str]) -> Option<()> {
    match Command::new(program).args(args).output() {
        Ok(out) if out.status.success() => Some(()),
        Ok(out) => panic!(
            "{program} {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: {program} is not installed ({e}); .ci/run installs it");
            None
        }
        Err(e) => panic!("{program} is needed in CI: {e}"),
    }
}

/// Vietnamese speech from espeak-ng as WAV, and its exact duration in ms (from the header).
fn speech_wav(dir: &Path, text: &str) -> Option<(PathBuf, u64)> {
    let wav = dir.join("speech.wav");
    run(
        "espeak-ng",
        &["-v", "vi", "-s", "150", "-w", wav.to_str()?, text],
    )?;
    let bytes = std::fs::read(&wav).ok()?;
    let rate = u32::from_le_bytes(bytes[24..28].try_into().ok()?);
    let block = u16::from_le_bytes(bytes[32..34].try_into().ok()?);
    let data = bytes.windows(4).position(|w| w == b"data")?;
    let len = u32::from_le_bytes(bytes[data + 4..data + 8].try_into().ok()?);
    let ms = u64::from(len) * 1000 / (u64::from(rate) * u64::from(block));
    Some((wav, ms))
}

fn opus(wav: &Path, out: &Path, kbit: u32) -> Option<()> {
    run(
        "opusenc",
        &[
            "--quiet",
            "--bitrate",
            &kbit.to_string(),
            "--downmix-mono",
            wav.to_str()?,
            out.to_str()?,
        ],
    )
}

fn ffmpeg(wav: &Path, out: &Path, codec: &[&str]) -> Option<()> {
    let mut args = vec!["-loglevel", "error", "-y", "-i", wav.to_str()?];
    args.extend_from_slice(codec);
    args.push(out.to_str()?);
    run("ffmpeg", &args)
}

const SENTENCE: &str =
    "Chỉ tải ứng dụng VNeID từ cửa hàng chính thức. Không bấm vào đường link lạ.";

#[test]
fn probe_figures_of_every_format_within_50_ms() {
    let dir = tempfile::tempdir().unwrap();
    let Some((wav, ms)) = speech_wav(dir.path(), SENTENCE) else {
        return;
    };
    let cases: [(&str, &[&str], Codec); 4] = [
        ("webm", &["-c:a", "libopus", "-b:a", "24k"], Codec::Opus),
        ("m4a", &["-c:a", "aac", "-b:a", "32k"], Codec::Aac),
        ("mp3", &["-c:a", "libmp3lame", "-b:a", "32k"], Codec::Mp3),
        ("ogg", &["-c:a", "libvorbis", "-q:a", "0"], Codec::Vorbis),
    ];
    let out = dir.path().join("a.opus");
    opus(&wav, &out, 24).unwrap();
    let p = probe(&std::fs::read(&out).unwrap(), "opus").unwrap();
    assert_eq!((p.codec, p.container), (Codec::Opus, Container::Ogg));
    assert!(p.duration_ms.abs_diff(ms) <= 50, "opus {p:?} vs {ms} ms");
    assert_eq!((p.sample_rate, p.channels), (48_000, 1));
    assert!(p.kbit_per_s() <= 32, "{p:?}");
    for (ext, args, codec) in cases {
        let out = dir.path().join(format!("a.{ext}"));
        ffmpeg(&wav, &out, args).unwrap();
        let p = probe(&std::fs::read(&out).unwrap(), ext).unwrap();
        assert_eq!(p.codec, codec, "{ext}");
        assert!(p.duration_ms.abs_diff(ms) <= 50, "{ext}: {p:?} vs {ms} ms");
        assert!(p.channels >= 1 && p.sample_rate >= 8000, "{ext}: {p:?}");
    }
}

#[test]
fn damaged_cut_off_and_renamed_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let Some((wav, _)) = speech_wav(dir.path(), SENTENCE) else {
        return;
    };
    let out = dir.path().join("a.opus");
    opus(&wav, &out, 24).unwrap();
    let good = std::fs::read(&out).unwrap();
    let cut = &good[..good.len() * 2 / 3];
    assert!(matches!(probe(cut, "opus"), Err(ProbeError::Undecodable(m)) if m.contains("cut off")));
    assert!(matches!(
        probe(b"%PDF-1.4 not audio", "opus"),
        Err(ProbeError::Undecodable(_))
    ));
    assert!(matches!(probe(&good, "mp3"), Err(ProbeError::Mislabelled(m)) if m.contains(".opus")));
    let mp3 = dir.path().join("a.mp3");
    ffmpeg(&wav, &mp3, &["-c:a", "libmp3lame", "-b:a", "32k"]).unwrap();
    let mp3 = std::fs::read(&mp3).unwrap();
    assert!(matches!(
        probe(&mp3, "opus"),
        Err(ProbeError::Mislabelled(_))
    ));
    let vorbis = dir.path().join("v.ogg");
    ffmpeg(&wav, &vorbis, &["-c:a", "libvorbis"]).unwrap();
    let vorbis = std::fs::read(&vorbis).unwrap();
    assert!(probe(&vorbis, "ogg").is_ok());
    assert!(
        matches!(probe(&vorbis, "opus"), Err(ProbeError::Mislabelled(m)) if m.contains(".ogg"))
    );
}

/// A one-lesson course in a temp folder; `files` are written beside the lesson.
fn course(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("course.toml"), MANIFEST).unwrap();
    std::fs::write(dir.path().join("01-a.md"), LESSON).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn compile(dir: &Path) -> (Option<crate::CompiledCourse>, Vec<crate::Diagnostic>) {
    let mut diags = Diagnostics::default();
    let c = compile_course(
        dir,
        &CompileOptions::default(),
        &Glossaries::new(),
        &mut diags,
    );
    (c, diags.into_sorted())
}

fn sidecar(hash: &str) -> Vec<u8> {
    format!("source_hash = \"{hash}\"\nnarrator = \"H'Hen Niê\"\n").into_bytes()
}

/// (code, file name) of every diagnostic.
fn found(diags: &[crate::Diagnostic]) -> Vec<(&'static str, String)> {
    diags
        .iter()
        .map(|d| {
            let name = d.path.file_name().unwrap().to_string_lossy().into_owned();
            (d.code.as_str(), name)
        })
        .collect()
}

struct Fixtures {
    _dir: tempfile::TempDir,
    opus: Vec<u8>,
    loud: Vec<u8>,
    long: Vec<u8>,
}

fn fixtures() -> Option<Fixtures> {
    let dir = tempfile::tempdir().unwrap();
    let (wav, _) = speech_wav(dir.path(), SENTENCE)?;
    let (a, b, c) = (
        dir.path().join("a.opus"),
        dir.path().join("b.opus"),
        dir.path().join("c.opus"),
    );
    opus(&wav, &a, 24)?;
    opus(&wav, &b, 160)?;
    // 3 min 20 s of near-silence: longer than a question's clip may last.
    run(
        "ffmpeg",
        &[
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "anullsrc=r=48000:cl=mono",
            "-t",
            "200",
            "-c:a",
            "libopus",
            "-b:a",
            "6k",
            c.to_str()?,
        ],
    )?;
    Some(Fixtures {
        opus: std::fs::read(a).ok()?,
        loud: std::fs::read(b).ok()?,
        long: std::fs::read(c).ok()?,
        _dir: dir,
    })
}

#[test]
fn every_narration_error_code_names_its_file() {
    let Some(f) = fixtures() else {
        return;
    };
    let hash = crate::source::text_hash(LESSON);
    let dir = course(&[
        ("01-a.vi.narration.toml", sidecar(&hash)),
        ("01-a.vi.opus", b"renamed text file, not audio".to_vec()),
        ("01-a.vi.q1.mp3", f.opus.clone()),
        ("02-b.vi.opus", f.opus.clone()),
        ("01-a.xx.opus", f.opus.clone()),
        ("01-a.vi.q9.opus", f.opus.clone()),
        ("01-a.rad.opus", f.opus.clone()),
        ("01-a.en.narration.toml", sidecar(&hash)),
        ("01-a.jra.wav", b"RIFF".to_vec()),
    ]);
    let (_, diags) = compile(dir.path());
    let mut got = found(&diags);
    got.sort();
    let mut want: Vec<(&str, String)> = vec![
        ("E030", "01-a.vi.opus".into()),
        ("E031", "01-a.vi.q1.mp3".into()),
        ("E032", "02-b.vi.opus".into()),
        ("E007", "01-a.xx.opus".into()),
        ("E032", "01-a.vi.q9.opus".into()),
        ("E034", "01-a.rad.opus".into()),
        ("E034", "01-a.en.narration.toml".into()),
        ("E031", "01-a.jra.wav".into()),
    ];
    want.sort();
    assert_eq!(got, want, "{diags:#?}");
    for d in &diags {
        let line = d.to_string();
        assert!(
            line.contains(&format!("error[{}]", d.code.as_str())),
            "{line}"
        );
        assert!(line.starts_with(&d.path.display().to_string()), "{line}");
    }

    let dir = course(&[
        ("01-a.vi.narration.toml", sidecar(&hash)),
        ("01-a.vi.opus", f.loud.clone()),
        ("01-a.vi.q1.opus", f.long.clone()),
    ]);
    let (c, diags) = compile(dir.path());
    assert_eq!(
        found(&diags),
        vec![
            ("W112", "01-a.vi.opus".to_string()),
            ("E033", "01-a.vi.q1.opus".to_string())
        ]
    );
    let n = &c.unwrap().bundle.lessons[0].narrations[&Locale::Vi];
    assert!(n.lesson.is_some() && n.questions.is_empty());
}

#[test]
fn a_narration_goes_stale_when_its_text_changes() {
    let Some(f) = fixtures() else {
        return;
    };
    let hash = crate::source::text_hash(LESSON);
    let dir = course(&[
        ("01-a.vi.narration.toml", sidecar(&hash)),
        ("01-a.vi.opus", f.opus.clone()),
        ("01-a.vi.q1.opus", f.opus.clone()),
    ]);
    let (c, diags) = compile(dir.path());
    assert!(diags.is_empty(), "{diags:#?}");
    let bundle = c.unwrap().bundle;
    let n = &bundle.lessons[0].narrations[&Locale::Vi];
    assert!(!n.stale && !n.machine);
    assert_eq!(n.narrator, "H'Hen Niê");
    let clip = n.lesson.as_ref().unwrap();
    assert_eq!(clip.bytes, f.opus.len() as u64);
    assert_eq!(clip.content_type, "audio/ogg");
    assert!(clip.file.ends_with(".opus"));
    assert_eq!(n.questions["q1"].file, clip.file, "one file, stored once");
    assert_eq!(bundle.audio.len(), 1);
    let tally = counts(&bundle.lessons);
    assert_eq!(
        (tally[&Locale::Vi].narrated, tally[&Locale::Vi].questions),
        (1, 1)
    );
    assert_eq!(tally[&Locale::Rad].missing, 1);

    std::fs::write(
        dir.path().join("01-a.md"),
        LESSON.replace("Chỉ tải", "Hãy chỉ tải"),
    )
    .unwrap();
    let (c, diags) = compile(dir.path());
    assert_eq!(
        found(&diags),
        vec![("W113", "01-a.vi.narration.toml".to_string())]
    );
    let bundle = c.unwrap().bundle;
    assert!(bundle.lessons[0].narrations[&Locale::Vi].stale);
    let tally = counts(&bundle.lessons);
    assert_eq!(tally[&Locale::Vi].stale, 1);
    assert_eq!(tally[&Locale::Vi].stale_lessons, vec!["01-a".to_string()]);

    // A machine voice is never counted as narrated.
    let new_hash = crate::source::text_hash(&LESSON.replace("Chỉ tải", "Hãy chỉ tải"));
    let machine =
        format!("source_hash = \"{new_hash}\"\nnarrator = \"espeak-ng\"\nvoice = \"machine\"\n");
    std::fs::write(dir.path().join("01-a.vi.narration.toml"), machine).unwrap();
    let (c, diags) = compile(dir.path());
    assert!(diags.is_empty(), "{diags:#?}");
    let tally = counts(&c.unwrap().bundle.lessons);
    assert_eq!(
        (
            tally[&Locale::Vi].narrated,
            tally[&Locale::Vi].machine,
            tally[&Locale::Vi].missing
        ),
        (0, 1, 1)
    );
}

#[test]
fn bundles_with_audio_are_deterministic_and_keep_the_bytes() {
    let Some(f) = fixtures() else {
        return;
    };
    let hash = crate::source::text_hash(LESSON);
    let files = [
        ("01-a.vi.narration.toml", sidecar(&hash)),
        ("01-a.vi.opus", f.opus.clone()),
    ];
    let a = course(&files);
    let b = course(&files);
    let encode = |d: &Path| crate::bundle::encode(&compile(d).0.unwrap().bundle).unwrap();
    let (first, second) = (encode(a.path()), encode(b.path()));
    assert_eq!(first, second);
    let decoded = crate::bundle::decode(Path::new("t.hocvu"), &first).unwrap();
    assert_eq!(&decoded.audio[0].bytes[..], &f.opus[..]);
    assert_eq!(decoded.audio[0].content_type, "audio/ogg");
}

#[test]
fn names() {
    assert_eq!(
        parse_name("01-a.vi.q2.opus").unwrap().unwrap(),
        (
            "01-a".into(),
            Locale::Vi,
            Part::Question("q2".into()),
            "opus".into()
        )
    );
    assert_eq!(parse_name("01-a.rad.m4a").unwrap().unwrap().2, Part::Lesson);
    assert!(parse_name("01-a.md").is_none());
    assert!(parse_name("01-a.rad.source.txt").is_none());
    assert_eq!(
        parse_name("01-a.opus").unwrap().unwrap_err().0,
        Code::UnsupportedLocale
    );
    assert_eq!(
        parse_name("01-a.mnw.opus").unwrap().unwrap_err().0,
        Code::UnsupportedLocale
    );
}
