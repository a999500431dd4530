//! Narration end to end, on a copy of the shipped content with recordings made here by
//! espeak-ng and opusenc (installed by .ci/run; skipped without them outside CI): the Listen
//! control with its duration and size, the Vietnamese fallback marked, byte ranges and
//! immutable caching, and a narrator's upload accepted by a reviewer into the content folder,
//! bad uploads leaving nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use support::{Server, cli, copy_dir, get, register, repo, session_cookie};

const COURSE: &str = "vneid";
const LESSON: &str = "01-tai-ung-dung-that";

/// Runs a fixture tool; `None` when it is missing outside CI (the test is skipped).
fn run(program: &str, args: &[&str]) -> Option<()> {
    match std::process::Command::new(program).args(args).output() {
        Ok(out) if out.status.success() => Some(()),
        Ok(out) => panic!("{program}: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: {program} is not installed ({e}); .ci/run installs it");
            None
        }
        Err(e) => panic!("{program} is needed in CI: {e}"),
    }
}

/// Vietnamese speech as Ogg Opus at 24 kbit/s mono; `seconds` of silence are added at the end.
fn speech(dir: &Path, name: &str, text: &str, seconds: u32) -> Option<Vec<u8>> {
    let wav = dir.join(format!("{name}.wav"));
    let opus = dir.join(format!("{name}.opus"));
    run(
        "espeak-ng",
        &["-v", "vi", "-s", "150", "-w", wav.to_str()?, text],
    )?;
    if seconds > 0 {
        let long = dir.join(format!("{name}-long.wav"));
        let pad = format!("apad=pad_dur={seconds}");
        run(
            "ffmpeg",
            &[
                "-loglevel",
                "error",
                "-y",
                "-i",
                wav.to_str()?,
                "-af",
                &pad,
                long.to_str()?,
            ],
        )?;
        std::fs::rename(&long, &wav).ok()?;
    }
    run(
        "opusenc",
        &[
            "--quiet",
            "--bitrate",
            "24",
            "--downmix-mono",
            wav.to_str()?,
            opus.to_str()?,
        ],
    )?;
    std::fs::read(opus).ok()
}

fn hocvu(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A multipart form as a browser sends it; `cut` bytes are dropped from the end (a lost signal).
fn multipart(
    server: &Server,
    cookie: &str,
    path: &str,
    part: &str,
    audio: &[u8],
    cut: usize,
) -> support::Resp {
    let boundary = "----hocvu-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"part\"\r\n\r\n{part}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"recording.opus\"\r\nContent-Type: audio/ogg\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(audio);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body.truncate(body.len() - cut);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let result = agent
        .post(format!("{}{path}", server.base))
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("Origin", server.base.as_str())
        .header("Cookie", cookie)
        .send(&body[..]);
    match result {
        Ok(mut resp) => {
            let status = resp.status().as_u16();
            let body = resp.body_mut().read_to_vec().unwrap_or_default();
            support::Resp {
                status,
                headers: Vec::new(),
                body,
            }
        }
        // The server may close the connection on a cut-off body: nothing was accepted either way.
        Err(_) => support::Resp {
            status: 400,
            headers: Vec::new(),
            body: Vec::new(),
        },
    }
}

fn narration_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join(COURSE))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".opus") || n.contains(".narration") || n.contains(".partial"))
        .collect();
    names.sort();
    names
}

fn wait_for(server: &Server, path: &str, wanted: &str) -> String {
    for _ in 0..100 {
        let page = get(server, None, path).decoded();
        if page.contains(wanted) {
            return page;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("{path} never showed {wanted}");
}

/// The label the learner sees, from the compiled clip (the rule in `site/render/listen.rs`).
fn label(ms: u64, bytes: u64) -> String {
    let seconds = ms.div_ceil(1000);
    assert!(
        seconds < 60 && bytes < 100_000,
        "fixture is short: {ms} ms, {bytes} B"
    );
    format!("Nghe · {seconds} giây · {} KB", bytes.div_ceil(1000))
}

fn scenario(db: support::Db) {
    let work = tempfile::tempdir().unwrap();
    let Some(vi) = speech(
        work.path(),
        "vi",
        "Chỉ tải ứng dụng VNeID thật từ cửa hàng chính thức.",
        0,
    ) else {
        return;
    };
    let q1 = speech(work.path(), "q1", "Bạn tải ứng dụng VNeID thật ở đâu?", 0).unwrap();
    let rad = speech(
        work.path(),
        "rad",
        "Bài học bằng tiếng Ê Đê, bản ghi thử.",
        0,
    )
    .unwrap();
    let too_long = speech(work.path(), "long", "Câu hỏi.", 200).unwrap();
    let content = work.path().join("content");
    copy_dir(&repo("content"), &content);
    let dir: PathBuf = content.join(COURSE);
    let hash = hocvu(&[
        "i18n",
        "hash",
        dir.join(format!("{LESSON}.md")).to_str().unwrap(),
    ]);
    std::fs::write(dir.join(format!("{LESSON}.vi.opus")), &vi).unwrap();
    std::fs::write(dir.join(format!("{LESSON}.vi.q1.opus")), &q1).unwrap();
    std::fs::write(
        dir.join(format!("{LESSON}.vi.narration.toml")),
        format!(
            "source_hash = \"{}\"\nnarrator = \"Người đọc thử\"\n",
            hash.trim()
        ),
    )
    .unwrap();
    let content_arg = content.to_str().unwrap().to_string();
    hocvu(&["check", "--content", &content_arg]);
    let (courses, _) = hocvu_content::compile_all(&content, &Default::default()).unwrap();
    let bundle = &courses
        .iter()
        .find(|c| c.bundle.course.id == COURSE)
        .unwrap()
        .bundle;
    let n = &bundle.lessons[0].narrations[&hocvu_content::Locale::Vi];
    let clip = n.lesson.clone().unwrap();
    assert_eq!(clip.bytes, vi.len() as u64);
    let Some(server) = Server::start_on(db, &["--content", &content_arg]) else {
        return;
    };

    // The learner's page: the control, labelled with duration and size, at the top and at q1.
    let page_vi = format!("/vi/courses/{COURSE}/{LESSON}/");
    let page = get(&server, None, &page_vi).decoded();
    assert!(page.contains("<audio controls preload=\"none\""), "{page}");
    assert!(
        page.contains(&label(clip.duration_ms, clip.bytes)),
        "{page}"
    );
    let q = &n.questions["q1"];
    assert!(
        page.contains(&format!(
            "Nghe câu hỏi · {} giây",
            q.duration_ms.div_ceil(1000)
        )),
        "{page}"
    );
    assert!(page.contains(&format!("src=\"/audio/{}\"", clip.file)));
    assert!(!page.contains("đây là bản đọc tiếng Việt"));
    // In Ê Đê there is no recording yet: the Vietnamese one, marked (in the draft's words).
    let page_rad = format!("/rad/courses/{COURSE}/{LESSON}/");
    let page = get(&server, None, &page_rad).decoded();
    assert!(page.contains("đây là bản đọc tiếng Việt"), "{page}");
    assert!(page.contains("lang=\"vi\"><source"), "{page}");
    let en = get(&server, None, &format!("/en/courses/{COURSE}/{LESSON}/")).decoded();
    assert!(
        en.contains("this is the Vietnamese one") && en.contains("Listen ·"),
        "{en}"
    );

    // Byte ranges and caching.
    let audio = format!("/audio/{}", clip.file);
    let whole = server.get_with(&audio, &[]);
    assert_eq!(whole.status, 200);
    assert_eq!(whole.body, vi);
    assert_eq!(
        whole.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(whole.header("content-type"), Some("audio/ogg"));
    assert_eq!(whole.header("accept-ranges"), Some("bytes"));
    let part = server.get_with(&audio, &[("Range", "bytes=100-199")]);
    assert_eq!(part.status, 206);
    assert_eq!(
        part.header("content-range"),
        Some(format!("bytes 100-199/{}", vi.len()).as_str())
    );
    assert_eq!(part.body, &vi[100..200]);
    let tail = server.get_with(&audio, &[("Range", "bytes=-10")]);
    assert_eq!((tail.status, &tail.body[..]), (206, &vi[vi.len() - 10..]));
    assert_eq!(
        server
            .get_with(&audio, &[("Range", "bytes=999999-")])
            .status,
        416
    );
    assert_eq!(server.get_with("/audio/nothing.opus", &[]).status, 404);

    // A narrator of Ê Đê records; a reviewer of Ê Đê accepts.
    let narrator = session_cookie(&register(&server, None, "narrator1", "H'Ngọc Niê"));
    let reviewer = session_cookie(&register(&server, None, "reviewer1", "Y Bhim Êban"));
    cli(
        &server,
        &["user", "grant", "narrator1", "narrator", "--locale", "rad"],
    );
    cli(
        &server,
        &["user", "grant", "reviewer1", "reviewer", "--locale", "rad"],
    );
    let outsider = session_cookie(&register(&server, None, "learner1", "Người học"));
    let signed_in = get(&server, Some(&outsider), &page_vi).decoded();
    assert!(
        signed_in.contains(&label(clip.duration_ms, clip.bytes)),
        "a learner's own page has the control too: {signed_in}"
    );
    assert_eq!(get(&server, Some(&outsider), "/vi/narrate/").status, 403);
    let overview = get(&server, Some(&narrator), "/vi/narrate/").decoded();
    assert!(
        overview.contains(&format!("/vi/narrate/rad/{COURSE}/{LESSON}/")),
        "{overview}"
    );
    let desk = format!("/vi/narrate/rad/{COURSE}/{LESSON}/");
    let form = get(&server, Some(&narrator), &desk).decoded();
    assert!(
        form.contains("enctype=\"multipart/form-data\"") && form.contains("capture"),
        "{form}"
    );
    assert!(form.contains("/static/record-"), "the recorder script");

    // Bad uploads: refused at the field, nothing stored, nothing written.
    let before = narration_files(&content);
    let r = multipart(
        &server,
        &narrator,
        &desk,
        "lesson",
        b"%PDF-1.4 renamed, not audio",
        0,
    );
    assert_eq!(r.status, 422);
    assert!(
        r.text().contains("không phải bản ghi âm đọc được"),
        "{}",
        r.text()
    );
    let r = multipart(&server, &narrator, &desk, "q2", &too_long, 0);
    assert_eq!(r.status, 422);
    assert!(r.text().contains("Bản ghi quá dài"), "{}", r.text());
    let r = multipart(&server, &narrator, &desk, "lesson", &rad, 2000);
    assert_eq!(r.status, 400, "{}", r.text());
    let mut cut = rad.clone();
    cut.truncate(rad.len() / 2);
    assert_eq!(
        multipart(&server, &narrator, &desk, "lesson", &cut, 0).status,
        422
    );
    let form = get(&server, Some(&narrator), &desk).decoded();
    assert!(!form.contains("chờ duyệt"), "nothing was kept: {form}");
    assert_eq!(narration_files(&content), before);

    // A good one: waiting for review, played back with ranges, only to the workspace.
    let r = multipart(&server, &narrator, &desk, "lesson", &rad, 0);
    assert_eq!(r.status, 303, "{}", r.text());
    let form = get(&server, Some(&narrator), &desk).decoded();
    assert!(
        form.contains("Ngọc Niê") && form.contains("đang chờ duyệt"),
        "{form}"
    );
    let pending = format!("{desk}pending/lesson");
    let back = server.get_with(
        &pending,
        &[("Cookie", narrator.as_str()), ("Range", "bytes=0-3")],
    );
    assert_eq!((back.status, &back.body[..]), (206, &b"OggS"[..]));
    assert_eq!(back.header("cache-control"), Some("private, no-store"));
    assert_eq!(get(&server, Some(&outsider), &pending).status, 403);
    assert_eq!(
        narration_files(&content),
        before,
        "not in the content folder before review"
    );
    // The narrator may not accept; nor may anyone their own.
    let review = format!("{desk}review");
    let r = support::post(
        &server,
        Some(&narrator),
        &review,
        "part=lesson&action=accept",
    );
    assert_eq!(r.status, 403);
    let r = support::post(
        &server,
        Some(&reviewer),
        &review,
        "part=lesson&action=return&comment=",
    );
    assert_eq!(r.status, 422);
    let r = support::post(
        &server,
        Some(&reviewer),
        &review,
        "part=lesson&action=accept",
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let written = std::fs::read(dir.join(format!("{LESSON}.rad.opus"))).unwrap();
    assert_eq!(written, rad);
    let sidecar =
        std::fs::read_to_string(dir.join(format!("{LESSON}.rad.narration.toml"))).unwrap();
    assert!(
        sidecar.contains("narrator = \"H'Ngọc Niê\"")
            && sidecar.contains("reviewed_by = \"Y Bhim Êban\""),
        "{sidecar}"
    );
    let rad_hash = hocvu(&[
        "i18n",
        "hash",
        dir.join(format!("{LESSON}.rad.md")).to_str().unwrap(),
    ]);
    assert!(
        sidecar.contains(rad_hash.trim()),
        "the Ê Đê text was read: {sidecar}"
    );
    assert!(
        !narration_files(&content)
            .iter()
            .any(|n| n.contains(".partial"))
    );

    // The learner's Ê Đê page now plays the Ê Đê recording, without the fallback mark.
    let page = wait_for(&server, &page_rad, "Ngọc Niê");
    let lesson_part = &page[..page.find("id=\"quiz\"").unwrap()];
    assert!(
        !lesson_part.contains("đây là bản đọc tiếng Việt"),
        "{lesson_part}"
    );
    assert!(
        lesson_part.contains("lang=\"rad\"><source"),
        "{lesson_part}"
    );
    let status = hocvu(&[
        "i18n",
        "status",
        "--content",
        &content_arg,
        "--format",
        "json",
    ]);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    let vneid = status["courses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["course"] == COURSE)
        .unwrap();
    assert_eq!(vneid["narration"]["rad"]["narrated"], 1);
    assert_eq!(vneid["narration"]["vi"]["narrated"], 1);
    assert_eq!(vneid["narration"]["vi"]["questions"], 1);
    assert_eq!(vneid["narration"]["jra"]["missing"], 6);
}

#[test]
fn sqlite_listen_record_review() {
    scenario(support::Db::Sqlite);
}

#[test]
fn postgres_listen_record_review() {
    scenario(support::Db::Postgres);
}

/// An author's machine-voice draft: written beside the lesson, labelled "giọng máy" for
/// learners, never counted as narrated, and never written over a person's recording.
#[test]
fn a_machine_voice_draft_is_labelled_and_not_counted() {
    let work = tempfile::tempdir().unwrap();
    if run("espeak-ng", &["--version"]).is_none() || run("opusenc", &["--version"]).is_none() {
        return;
    }
    let content = work.path().join("content");
    copy_dir(&repo("content"), &content);
    let lesson = content.join(COURSE).join(format!("{LESSON}.md"));
    let out = hocvu(&["i18n", "voice-draft", lesson.to_str().unwrap()]);
    assert!(out.contains("giọng máy"), "{out}");
    let (courses, diags) = hocvu_content::compile_all(&content, &Default::default()).unwrap();
    assert!(!diags.has_errors(), "{:?}", diags.items());
    let bundle = &courses
        .iter()
        .find(|c| c.bundle.course.id == COURSE)
        .unwrap()
        .bundle;
    let n = &bundle.lessons[0].narrations[&hocvu_content::Locale::Vi];
    assert!(n.machine && !n.stale && n.lesson.as_ref().unwrap().duration_ms > 10_000);
    let counts = hocvu_content::narration::counts(&bundle.lessons);
    let vi = &counts[&hocvu_content::Locale::Vi];
    assert_eq!((vi.narrated, vi.machine, vi.missing), (0, 1, 6));
    let server = Server::start(&["--content", content.to_str().unwrap()]);
    let page = get(&server, None, &format!("/vi/courses/{COURSE}/{LESSON}/")).decoded();
    assert!(page.contains("<strong>giọng máy</strong>"), "{page}");
    // A person's recording is never replaced by a machine voice.
    let sidecar = content
        .join(COURSE)
        .join(format!("{LESSON}.vi.narration.toml"));
    std::fs::write(&sidecar, "source_hash = \"x\"\nnarrator = \"Người đọc\"\n").unwrap();
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .args(["i18n", "voice-draft", lesson.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("person's recording"));
}
