//! Compile benchmark: 1,000 generated lessons (~2 KB, 3 quiz questions each) × 3 locales
//! (vi source + rad + en translations) in 10 courses; cold build and one-lesson rebuild.
//! Run: `cargo bench --bench compile` (prints medians; see BENCHMARKS.md).

#![allow(clippy::unwrap_used)] // a benchmark should stop loudly at the first failure

use hocvu_content::CompileOptions;
use std::path::Path;
use std::time::{Duration, Instant};

const COURSES: usize = 10;
const LESSONS: usize = 100;
const RUNS: usize = 7;

fn lesson_body(course: usize, lesson: usize, lang: &str) -> String {
    let mut s = String::new();
    for section in 0..4 {
        s.push_str(&format!("## Phần {section} ({lang})\n\n"));
        s.push_str(&format!(
            "Bài {lesson} của khoá {course}: ứng dụng **VNeID** giúp bạn làm thủ tục trên điện thoại, \
             không cần mang giấy tờ. Hãy đọc chậm và làm theo từng bước, ê̆ ô̆ ơ̆ ư̆ ƀ č ñ.\n\n"
        ));
        s.push_str("1. Mở điện thoại và tìm ứng dụng.\n2. Bấm vào biểu tượng.\n3. Nhập mật khẩu của bạn.\n\n");
        s.push_str("> [!TIP]\n> Hỏi con cháu hoặc tổ công nghệ số cộng đồng nếu cần giúp đỡ.\n\n");
    }
    for q in 0..3 {
        s.push_str(&format!(
            "## ? Câu hỏi {q}: làm gì khi có người xin mã OTP?\n\n"
        ));
        s.push_str("- [ ] Đọc mã cho họ\n  Sai: mã OTP là chìa khoá tài khoản.\n");
        s.push_str(
            "- [x] Không đưa mã, gọi số chính thức\n  Đúng: không ai được xin mã OTP của bạn.\n",
        );
        s.push_str("- [ ] Gửi mã qua Zalo\n  Sai: kẻ gian đọc được tin nhắn.\n\n");
    }
    s
}

fn generate(root: &Path) {
    for c in 0..COURSES {
        let dir = root.join(format!("khoa-{c:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut manifest = format!(
            "id = \"khoa-{c:02}\"\nversion = \"1.0.0\"\naudience = \"citizen\"\npass_mark = 80\n\n[title]\nvi = \"Khoá {c}\"\n"
        );
        for l in 0..LESSONS {
            manifest.push_str(&format!(
                "\n[[lessons]]\nslug = \"bai-{l:03}\"\nminutes = 5\n"
            ));
        }
        std::fs::write(dir.join("course.toml"), manifest).unwrap();
        for l in 0..LESSONS {
            let source = format!(
                "+++\ntitle = \"Bài {l}\"\n+++\n\n{}",
                lesson_body(c, l, "vi")
            );
            let path = dir.join(format!("bai-{l:03}.md"));
            std::fs::write(&path, &source).unwrap();
            let hash = hocvu_content::source::text_hash(&source);
            for lang in ["rad", "en"] {
                let t = format!(
                    "+++\ntitle = \"Bài {l} {lang}\"\nstatus = \"draft\"\nsource_hash = \"{hash}\"\n+++\n\n{}",
                    lesson_body(c, l, lang)
                );
                std::fs::write(dir.join(format!("bai-{l:03}.{lang}.md")), t).unwrap();
            }
        }
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    generate(&content);
    let bytes: u64 = walk_bytes(&content);
    let options = CompileOptions::default();
    let mut cold = Vec::new();
    for i in 0..RUNS {
        let out = tmp.path().join(format!("cold-{i}"));
        let t = Instant::now();
        hocvu_content::build(&content, &out, &options).unwrap();
        cold.push(t.elapsed());
    }
    let out = tmp.path().join("warm");
    hocvu_content::build(&content, &out, &options).unwrap();
    let mut rebuild = Vec::new();
    for i in 0..RUNS {
        let lesson = content.join("khoa-03/bai-042.md");
        let text = std::fs::read_to_string(&lesson).unwrap().replacen(
            "## Phần 0",
            &format!("Thêm một câu {i}.\n\n## Phần 0"),
            1,
        );
        std::fs::write(&lesson, text).unwrap();
        let t = Instant::now();
        hocvu_content::build(&content, &out, &options).unwrap();
        rebuild.push(t.elapsed());
    }
    // Reference in the same run: raw pulldown-cmark parse + render of the same Markdown.
    let mut sources = Vec::new();
    for c in 0..COURSES {
        for l in 0..LESSONS {
            for suffix in ["", ".rad", ".en"] {
                sources.push(
                    std::fs::read_to_string(
                        content.join(format!("khoa-{c:02}/bai-{l:03}{suffix}.md")),
                    )
                    .unwrap(),
                );
            }
        }
    }
    let mut raw = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let mut total = 0;
        for s in &sources {
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(s));
            total += html.len();
        }
        std::hint::black_box(total);
        raw.push(t.elapsed());
    }
    let (cold, rebuild, raw) = (median(cold), median(rebuild), median(raw));
    println!(
        "input: {} lessons x 3 locales, {:.1} MB of Markdown",
        COURSES * LESSONS,
        bytes as f64 / 1e6
    );
    println!(
        "cold build        median {:>8.1} ms  ({RUNS} runs)",
        cold.as_secs_f64() * 1e3
    );
    println!(
        "one-lesson rebuild median {:>8.1} ms  ({RUNS} runs)",
        rebuild.as_secs_f64() * 1e3
    );
    println!(
        "raw pulldown-cmark median {:>8.1} ms  (reference, same files)",
        raw.as_secs_f64() * 1e3
    );
    println!(
        "ratio cold/raw: {:.1}x",
        cold.as_secs_f64() / raw.as_secs_f64()
    );
}

fn walk_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk_bytes(&p)
            } else {
                p.metadata().unwrap().len()
            }
        })
        .sum()
}
