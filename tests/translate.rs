//! The translators' workspace end to end, on a copy of the shipped content: a lesson brought
//! from missing to reviewed in the browser's forms, staleness after a Vietnamese change shown
//! as exactly that paragraph's diff, and who may not do what. Texts are obviously-test strings.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{Db, Server, cli, copy_dir, get, post, register, repo, session_cookie, urlencode};

const COURSE: &str = "ai-cong-vu";
const LESSON: &str = "01-ai-ho-tro-cong-viec";

#[test]
fn sqlite_missing_to_reviewed() {
    missing_to_reviewed(Db::Sqlite);
}

#[test]
fn postgres_missing_to_reviewed() {
    missing_to_reviewed(Db::Postgres);
}

/// The value of `name="NAME" value="…"` in a page.
fn hidden(page: &str, name: &str) -> String {
    let at = page
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no {name} in {page}"));
    let rest = &page[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// The unit ids of an editor page, in order.
fn unit_ids(page: &str) -> Vec<String> {
    page.match_indices("name=\"u.")
        .map(|(i, _)| {
            let rest = &page[i + 8..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// A form body filling every unit with `TEST <tag> <id>`.
fn filled(page: &str, tag: &str, action: &str) -> String {
    let mut body = format!(
        "version={}&source_version={}&title={}&action={action}",
        hidden(page, "version"),
        hidden(page, "source_version"),
        urlencode(&format!("TEST {tag} title"))
    );
    for id in unit_ids(page) {
        body.push_str(&format!(
            "&u.{id}={}",
            urlencode(&format!("TEST {tag} {id}"))
        ));
    }
    body
}

/// `hocvu ARGS` without a server's data directory (check, i18n status); must succeed.
fn hocvu(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{args:?}: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn wait_for(server: &Server, cookie: Option<&str>, path: &str, wanted: &str) -> String {
    for _ in 0..100 {
        let page = get(server, cookie, path).text();
        if page.contains(wanted) {
            return page;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("{path} never showed {wanted:?}");
}

fn missing_to_reviewed(db: Db) {
    let content = tempfile::tempdir().unwrap();
    copy_dir(&repo("content"), content.path());
    let dir = content.path().to_str().unwrap().to_string();
    let Some(server) = Server::start_on(db, &["--content", &dir, "--watch"]) else {
        return;
    };
    let people = [
        ("dich1", "Dịch Một"),
        ("duyet1", "Duyệt Một"),
        ("duyet2", "Duyệt Hai"),
        ("hocvien", "Học Viên"),
    ];
    let cookies: Vec<String> = people
        .iter()
        .map(|(u, n)| session_cookie(&register(&server, None, u, n)))
        .collect();
    let [translator, reviewer, other_reviewer, learner] =
        [0, 1, 2, 3].map(|i| Some(cookies[i].as_str()));
    cli(
        &server,
        &["user", "grant", "dich1", "translator", "--locale", "rad"],
    );
    cli(
        &server,
        &["user", "grant", "duyet1", "reviewer", "--locale", "rad"],
    );
    cli(
        &server,
        &["user", "grant", "duyet2", "reviewer", "--locale", "jra"],
    );

    // The overview lists the lesson as missing; a learner may not come in.
    let overview = get(&server, translator, "/vi/translate/");
    assert_eq!(overview.status, 200);
    let link = format!("/vi/translate/rad/{COURSE}/{LESSON}/");
    assert!(overview.text().contains(&link));
    assert_eq!(get(&server, learner, "/vi/translate/").status, 403);
    assert_eq!(
        get(&server, translator, "/vi/translate/xx/a/b/").status,
        404
    );
    assert_eq!(
        get(
            &server,
            translator,
            &format!("/vi/translate/jra/{COURSE}/{LESSON}/")
        )
        .status,
        403
    );

    // Text pasted into the wrong field: refused at the field, typed text kept, nothing written.
    let editor = get(&server, translator, &link).text();
    assert!(editor.contains("data-letters"));
    let ids = unit_ids(&editor);
    assert!(ids.len() > 10, "{ids:?}");
    let wrong = filled(&editor, "rad", "draft").replace(
        &format!(
            "u.{}={}",
            ids[0],
            urlencode(&format!("TEST rad {}", ids[0]))
        ),
        &format!("u.{}={}", ids[0], urlencode("## TEST heading pasted")),
    );
    let refused = post(&server, translator, &link, &wrong);
    assert_eq!(refused.status, 422);
    assert!(refused.text().contains("TEST heading pasted"));
    assert!(refused.text().contains(&format!("id=\"err-{}\"", ids[0])));
    // An oversized paste (past the site's usual form limit) is told at its field, not lost.
    let long = "TEST ê̆ ".repeat(3000);
    let oversized = filled(&editor, "rad", "draft").replace(
        &format!(
            "u.{}={}",
            ids[0],
            urlencode(&format!("TEST rad {}", ids[0]))
        ),
        &format!("u.{}={}", ids[0], urlencode(&long)),
    );
    let refused = post(&server, translator, &link, &oversized);
    assert_eq!(refused.status, 422);
    assert!(refused.text().contains("quá dài") && refused.text().contains("TEST rad p2"));
    let file = content.path().join(COURSE).join(format!("{LESSON}.rad.md"));
    assert!(!file.exists());

    // Preview, then submit: the file is in the compiler's format and `hocvu check` passes.
    let preview = post(
        &server,
        translator,
        &link,
        &filled(&editor, "rad", "preview"),
    );
    assert_eq!(preview.status, 200);
    assert!(preview.text().contains("TEST rad p1"));
    let saved = post(
        &server,
        translator,
        &link,
        &filled(&editor, "rad", "submit"),
    );
    assert_eq!(saved.status, 303, "{}", saved.text());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("+++\ntitle = \"TEST rad title\"\nstatus = \"draft\"\n"),
        "{text}"
    );
    assert!(text.contains("translator = \"Dịch Một\""));
    hocvu(&["check", "--content", &dir]);
    let lesson_page = format!("/rad/courses/{COURSE}/{LESSON}/");
    let page = wait_for(&server, None, &lesson_page, "TEST rad p1");
    assert!(page.contains("notice-draft"));

    // A second save from the page opened before the first one is told, not written.
    let stale_form = post(
        &server,
        translator,
        &link,
        &filled(&editor, "again", "draft"),
    );
    assert_eq!(stale_form.status, 409);
    assert!(stale_form.text().contains("TEST again p1"));
    assert!(!std::fs::read_to_string(&file).unwrap().contains("again"));

    // One Vietnamese paragraph changes: the lesson is stale with exactly that diff.
    let source = content.path().join(COURSE).join(format!("{LESSON}.md"));
    let vi = std::fs::read_to_string(&source).unwrap();
    let (_, body) = hocvu_content::translation_file::split_front(&vi).unwrap();
    let first = hocvu_content::units::split(body)[0].text.clone();
    std::fs::write(
        &source,
        vi.replacen(&first, &format!("{first} Câu thêm."), 1),
    )
    .unwrap();
    wait_for(&server, translator, "/vi/translate/", "Cần cập nhật");
    let editor = get(&server, translator, &link).text();
    assert_eq!(editor.matches("Tiếng Việt đã đổi:").count(), 1, "{editor}");
    assert!(editor.contains("<ins>Câu thêm.</ins>") || editor.contains("<ins> Câu thêm.</ins>"));
    assert!(
        editor.contains("TEST rad p1"),
        "the old translation is offered"
    );
    let updated = post(
        &server,
        translator,
        &link,
        &filled(&editor, "rad", "submit"),
    );
    assert_eq!(updated.status, 303);

    // Refused: a reviewer of another locale; the translator reviewing their own text.
    let editor = get(&server, reviewer, &link).text();
    let accept = filled(&editor, "rad", "accept");
    assert_eq!(post(&server, other_reviewer, &link, &accept).status, 403);
    cli(
        &server,
        &["user", "grant", "dich1", "reviewer", "--locale", "rad"],
    );
    let own = post(&server, translator, &link, &accept);
    assert_eq!(own.status, 403);
    assert!(own.text().contains("chính mình"));
    let returned = post(
        &server,
        reviewer,
        &link,
        &format!("{accept}&comment=").replace("action=accept", "action=return"),
    );
    assert_eq!(returned.status, 422, "a return needs a comment");

    // The reviewer accepts: reviewed, named on the course page, no draft notice.
    let accepted = post(&server, reviewer, &link, &accept);
    assert_eq!(accepted.status, 303, "{}", accepted.text());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("status = \"reviewed\"") && text.contains("reviewed_by = \"Duyệt Một\""));
    hocvu(&["check", "--content", &dir]);
    let course_page = wait_for(
        &server,
        None,
        &format!("/rad/courses/{COURSE}/"),
        "Duyệt Một",
    );
    assert!(course_page.contains("Duyệt Một"));
    let page = get(&server, None, &lesson_page).text();
    assert!(page.contains("TEST rad p1") && !page.contains("notice-draft"));
    let status = hocvu(&["i18n", "status", "--content", &dir, "--format", "json"]);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    let reviewed = status.to_string();
    assert!(reviewed.contains("\"reviewed\":1"), "{reviewed}");

    // `hocvu i18n export` writes what the store holds, as the compiler's files.
    let out = tempfile::tempdir().unwrap();
    cli(
        &server,
        &["i18n", "export", "--out", out.path().to_str().unwrap()],
    );
    let exported =
        std::fs::read_to_string(out.path().join(COURSE).join(format!("{LESSON}.rad.md"))).unwrap();
    assert_eq!(exported, text);
}

/// `hocvu serve --watch`: a saved lesson is served within a second; a broken save keeps the
/// last good page and reports the error with its position; the page carries the reload script.
#[test]
fn watch_recompiles_on_save_and_keeps_the_last_good_version() {
    // One course: the figure is the time to recompile and serve the course being edited.
    let content = tempfile::tempdir().unwrap();
    copy_dir(&repo("content").join(COURSE), &content.path().join(COURSE));
    copy_dir(
        &repo("content/_glossary"),
        &content.path().join("_glossary"),
    );
    let dir = content.path().to_str().unwrap().to_string();
    let server = Server::start(&["--content", &dir, "--watch"]);
    let path = format!("/vi/courses/{COURSE}/{LESSON}/");
    let page = get(&server, None, &path).text();
    let script = page
        .split("src=\"/static/watch-")
        .nth(1)
        .map(|s| s.split('"').next().unwrap().to_string());
    assert!(script.is_some(), "the watch script is linked under --watch");
    let source = content.path().join(COURSE).join(format!("{LESSON}.md"));
    let vi = std::fs::read_to_string(&source).unwrap();
    let (_, body) = hocvu_content::translation_file::split_front(&vi).unwrap();
    let first = hocvu_content::units::split(body)[0].text.clone();
    let started = std::time::Instant::now();
    std::fs::write(
        &source,
        vi.replacen(&first, &format!("{first} WATCHTEST1"), 1),
    )
    .unwrap();
    wait_for(&server, None, &path, "WATCHTEST1");
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_secs(1), "{took:?}");
    let broken = vi.replacen(&first, &format!("{first} WATCHTEST2 <b>x</b>"), 1);
    std::fs::write(&source, &broken).unwrap();
    let line = broken
        .lines()
        .position(|l| l.contains("WATCHTEST2"))
        .unwrap()
        + 1;
    let state = wait_for(&server, None, "/_watch", "E013");
    let at = format!("{LESSON}.md:{line}:");
    assert!(
        state.contains(&at) && state.contains("error[E013]"),
        "{state}"
    );
    let page = get(&server, None, &path).text();
    assert!(page.contains("WATCHTEST1") && !page.contains("WATCHTEST2"));
    // Without --watch there is no script and no /_watch; --watch refuses --bundles.
    std::fs::write(&source, &vi).unwrap();
    let plain = Server::start(&["--content", &dir]);
    assert!(!get(&plain, None, &path).text().contains("/static/watch-"));
    assert_eq!(get(&plain, None, "/_watch").status, 404);
    let refused = Server::try_start(&["--bundles", &dir, "--watch"])
        .err()
        .unwrap();
    assert!(refused.contains("bundles"), "{refused}");
}

/// Interface strings one message at a time: a `[one]` variant refused for Ê Đê with the typed
/// text kept, a valid message written into the locales folder's file in place and served.
#[test]
fn an_interface_message_is_translated_in_the_workspace() {
    let locales = tempfile::tempdir().unwrap();
    copy_dir(&repo("locales"), locales.path());
    let server = Server::start(&["--locales-dir", locales.path().to_str().unwrap()]);
    let cookie = session_cookie(&register(&server, None, "dich3", "Dịch Ba"));
    let me = Some(cookie.as_str());
    let learner = session_cookie(&register(&server, None, "hocvien3", "Học Viên"));
    cli(
        &server,
        &["user", "grant", "dich3", "translator", "--locale", "rad"],
    );
    let list = get(&server, me, "/vi/translate/rad/strings/");
    assert_eq!(list.status, 200);
    assert_eq!(
        get(&server, Some(&learner), "/vi/translate/rad/strings/").status,
        403
    );
    let key = "translate-strings-title";
    let path = format!("/vi/translate/rad/strings/{key}");
    let form = get(&server, me, &path).text();
    assert!(form.contains("Chữ trên giao diện") && form.contains("Interface strings"));
    let version = hidden(&form, "version");
    let plural = "{ $n ->\n[one] TEST one\n*[other] TEST other\n}";
    let refused = post(
        &server,
        me,
        &path,
        &format!("version={version}&text={}", urlencode(plural)),
    );
    assert_eq!(refused.status, 422);
    assert!(refused.text().contains("TEST one"));
    let saved = post(
        &server,
        me,
        &path,
        &format!("version={version}&text=TEST+rad+saved"),
    );
    assert_eq!(saved.status, 303);
    let file = std::fs::read_to_string(locales.path().join("rad/main.ftl")).unwrap();
    assert_eq!(
        file.matches(&format!("{key} = TEST rad saved\n")).count(),
        1,
        "{file}"
    );
    let again = post(
        &server,
        me,
        &path,
        &format!("version={version}&text=TEST+again"),
    );
    assert_eq!(again.status, 409, "saved meanwhile: told, not overwritten");
    // The server serves the new message (after its reload) where the key is used.
    let page = wait_for(
        &server,
        me,
        "/rad/translate/rad/strings/",
        "<h1>TEST rad saved",
    );
    assert!(page.contains("TEST rad saved"));
}
