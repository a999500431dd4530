use super::*;
use crate::diag::Diagnostic;

struct NoImages;

impl ImageResolver for NoImages {
    fn resolve(&mut self, path: &str) -> Result<ImageRef, (Code, String)> {
        if path == "images/ok.png" {
            Ok(ImageRef {
                variants: vec![
                    ("abc-360.png".into(), 360, 180),
                    ("abc-720.png".into(), 720, 360),
                ],
            })
        } else {
            Err((
                Code::ImageMissing,
                format!("image `{path}` cannot be read: no such file"),
            ))
        }
    }
}

fn render_str(body: &str) -> (Rendered, Vec<Diagnostic>) {
    let file = SourceFile::new("c/01.md", body.to_string());
    let slugs: BTreeSet<String> = ["01-a", "02-b"].iter().map(|s| s.to_string()).collect();
    let mut diags = Diagnostics::default();
    let out = render(
        &RenderInput {
            file: &file,
            body,
            body_offset: 0,
            lesson_slugs: &slugs,
        },
        &mut NoImages,
        &mut diags,
    );
    (out, diags.into_sorted())
}

/// 1-based column of the n-th occurrence of `needle` on line 1.
fn col(body: &str, needle: &str, nth: usize) -> usize {
    let (at, _) = body.match_indices(needle).nth(nth).unwrap();
    body[..at].chars().count() + 1
}

fn codes(diags: &[Diagnostic]) -> Vec<(usize, usize, &'static str)> {
    diags
        .iter()
        .map(|d| (d.line, d.col, d.code.as_str()))
        .collect()
}

const LESSON: &str = "Mở ứng dụng **VNeID**.

## Các bước

1. Mở điện thoại.
2. Bấm vào biểu tượng.

> [!TIP]
> Hỏi con cháu nếu cần.

> [!SCAM]
> Công an không gọi điện bắt cài ứng dụng.

> Trích dẫn thường.

![Màn hình đăng nhập](images/ok.png)

Xem [bài sau](02-b.md#buoc-1) hoặc <https://dichvucong.gov.vn>.

| Mức | Làm ở đâu |
|---|---|
| 2 | Công an xã |

## Các bước

Ê̆ ê̆ ơ̆ ư̆ ƀ č ñ H'Hen Niê.
";

#[test]
fn lesson_html_snapshot() {
    let (out, diags) = render_str(LESSON);
    assert!(diags.is_empty(), "{diags:?}");
    insta::assert_snapshot!(out.html);
}

#[test]
fn ede_letters_pass_through_unchanged() {
    let (out, _) = render_str("ê̆ ô̆ ơ̆ ư̆ Ƀ ƀ\n");
    assert!(out.html.contains("ê̆ ô̆ ơ̆ ư̆ Ƀ ƀ"));
}

const QUIZ: &str = "Nội dung.

## ? Tải ứng dụng VNeID thật ở đâu?

- [x] App Store hoặc **Google Play**
  Đúng: chỉ cửa hàng chính thức.
- [ ] Đường link gửi qua Zalo
  Sai: đây là lừa đảo.

## ?? Điều nào không được nói cho người khác?

Bạn nhận tin nhắn: *\"Gửi mã để nhận quà\"*.

- [x] Mã OTP

  Đúng: mã OTP là chìa khoá.

- [x] Mật khẩu

  Đúng.
- [ ] Tên của bạn

  Sai: tên không phải bí mật.
";

#[test]
fn quiz_is_parsed_with_feedback_and_kinds() {
    let (out, diags) = render_str(QUIZ);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(out.html, "<p>Nội dung.</p>\n");
    assert_eq!(out.quiz.len(), 2);
    let q1 = &out.quiz[0];
    assert_eq!((q1.id.as_str(), q1.kind), ("q1", QuestionKind::Single));
    assert_eq!(q1.prompt_html, "Tải ứng dụng VNeID thật ở đâu?");
    assert_eq!(
        q1.options[0].html,
        "App Store hoặc <strong>Google Play</strong>"
    );
    assert_eq!(
        q1.options[0].feedback_html,
        "Đúng: chỉ cửa hàng chính thức."
    );
    assert!(q1.options[0].correct && !q1.options[1].correct);
    let q2 = &out.quiz[1];
    assert_eq!(q2.kind, QuestionKind::Multiple);
    assert!(q2.intro_html.contains("<em>"), "{}", q2.intro_html);
    let ids: Vec<&str> = q2.options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(q2.options[0].html, "Mã OTP");
    assert_eq!(
        q2.options[0].feedback_html,
        "<p>Đúng: mã OTP là chìa khoá.</p>"
    );
    assert_eq!(
        q2.options[2].feedback_html,
        "<p>Sai: tên không phải bí mật.</p>"
    );
}

#[test]
fn raw_html_is_rejected_and_never_emitted() {
    let body = "Trước\n\n<script>alert(1)</script>\n\nChữ <img src=x onerror=alert(1)> giữa.\n";
    let (out, diags) = render_str(body);
    assert_eq!(codes(&diags), vec![(3, 1, "E013"), (5, 5, "E013")]);
    assert!(!out.html.contains("<script"), "{}", out.html);
    assert!(!out.html.contains("onerror"), "{}", out.html);
}

#[test]
fn dangerous_links_are_rejected_and_dropped() {
    let body = "[a](javascript:alert(1)) [b](java&#x09;script:x) [c](//evil.example) [d](data:text/html,x) [e](vbscript:x) [f](JaVaScRiPt:x)\n";
    let (out, diags) = render_str(body);
    let expected: Vec<_> = ["[a]", "[b]", "[c]", "[d]", "[e]", "[f]"]
        .iter()
        .map(|n| (1, col(body, n, 0), "E014"))
        .collect();
    assert_eq!(codes(&diags), expected);
    assert!(!out.html.contains("href"), "{}", out.html);
    assert!(
        out.html.contains(">a ") || out.html.contains("a b"),
        "{}",
        out.html
    );
}

#[test]
fn lesson_links_resolve_or_fail() {
    let body = "[x](01-a.md) [y](./02-b.md#s) [z](09-z.md) [w](ghi-chu.txt)\n";
    let (out, diags) = render_str(body);
    assert_eq!(
        codes(&diags),
        vec![
            (1, col(body, "[z]", 0), "E015"),
            (1, col(body, "[w]", 0), "E015")
        ]
    );
    assert!(out.html.contains("href=\"../01-a/\""), "{}", out.html);
    assert!(out.html.contains("href=\"../02-b/#s\""), "{}", out.html);
}

#[test]
fn images_need_alt_and_a_file() {
    let (out, diags) = render_str("![](images/ok.png)\n\n![Ảnh](images/khong-co.png)\n");
    assert_eq!(codes(&diags), vec![(1, 1, "E018"), (3, 1, "E016")]);
    assert!(out.html.contains("width=\"720\" height=\"360\""));
    assert!(out.html.contains("loading=\"lazy\""));
}

#[test]
fn malformed_quizzes_are_pinned_to_their_line() {
    let body = "## ? Không có đáp án đúng

- [ ] A
  x
- [ ] B
  y

## ? Hai đáp án đúng

- [x] A
  x
- [x] B
  y

## ?? Lựa chọn trùng và rỗng

- [x] Giống nhau
  x
- [ ] giống nhau
  y
- [ ]
  z

## ? Chỉ một lựa chọn

- [x] A
  x

Đoạn văn sau câu hỏi.

## ? Thiếu dấu

- A
- [x] B
  y
- [ ] C
";
    let (_, diags) = render_str(body);
    assert_eq!(
        codes(&diags),
        vec![
            (1, 1, "E019"),
            (8, 1, "E019"),
            (19, 1, "E021"),
            (21, 1, "E020"),
            (24, 1, "E029"),
            (29, 1, "E022"),
            (33, 1, "E029"),
            (36, 1, "W106"),
        ]
    );
}

#[test]
fn heading_ids_are_unique_and_keep_letters() {
    let (out, _) = render_str("## Mức 2\n\n## Mức 2\n\n## Ê̆ đê\n");
    assert!(out.html.contains("id=\"mức-2\""), "{}", out.html);
    assert!(out.html.contains("id=\"mức-2-2\""), "{}", out.html);
    assert!(out.html.contains("id=\"ê̆-đê\""), "{}", out.html);
}

#[test]
fn plain_text_covers_body_and_quiz_one_block_a_line() {
    let (out, _) = render_str(QUIZ);
    let lines: Vec<&str> = out.text.lines().collect();
    assert_eq!(lines[0], "Nội dung.");
    assert_eq!(lines[1], "? Tải ứng dụng VNeID thật ở đâu?");
    assert!(lines.contains(&"Mã OTP"), "{lines:?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
    #[test]
    fn arbitrary_markdown_never_panics(body in "(?s)[-#?>*\\[\\]()!x <>\n a-zê̆:/.|`\\\\]{0,300}") {
        let _ = render_str(&body);
    }
}
