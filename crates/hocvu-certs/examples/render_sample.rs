//! Writes sample certificate pictures and prints their sizes and render times.
//!
//! `cargo run -p hocvu-certs --example render_sample -- /tmp/certs`

use std::time::Instant;

use hocvu_certs::{CertificateView, Layout, render_png};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).unwrap_or_else(|| ".".to_owned());
    std::fs::create_dir_all(&out)?;
    let views = [
        (
            "rad",
            CertificateView {
                heading: "Giấy chứng nhận hoàn thành".into(),
                name: "H’Ngơ̆ Êñuôl".into(),
                completed_label: "đã hoàn thành khoá học".into(),
                course_title: "Mblang klei yua điện thoại mơ̆ng ƀuôn sang".into(),
                course_title_vi: Some("Sử dụng điện thoại thông minh an toàn".into()),
                date_line: "Ngày 22/11/2026".into(),
                code_line: "Mã: ABCDE-FGHJK".into(),
                issuer: "Sở Khoa học và Công nghệ tỉnh Đắk Lắk".into(),
                verify_label: "Kiểm tra giấy chứng nhận tại".into(),
                verify_url: "https://hocvu.example/verify/ABCDE-FGHJK".into(),
            },
        ),
        (
            "long",
            CertificateView {
                heading: "Giấy chứng nhận hoàn thành".into(),
                name: "Y Ƀhăm Êban Ê̆ Ô̆ Ơ̆ Ư̆ ê̆ ô̆ ơ̆ ư̆ H'Hen Niê Kdăm Adrơng Mlô H’Ngơ̆ Êñuôl Ƀuôn Ya Wâm".repeat(2),
                completed_label: "đã hoàn thành khoá học".into(),
                course_title: "Sử dụng điện thoại thông minh an toàn, tìm thông tin, gọi video và thanh toán trực tuyến cho bà con các buôn làng ".repeat(3),
                course_title_vi: None,
                date_line: "Ngày 22/11/2026".into(),
                code_line: "Mã: ABCDE-FGHJK".into(),
                issuer: "Sở Khoa học và Công nghệ tỉnh Đắk Lắk".into(),
                verify_label: "Kiểm tra giấy chứng nhận tại".into(),
                verify_url: "https://hocvu.example/verify/ABCDE-FGHJK".into(),
            },
        ),
    ];
    for (tag, view) in &views {
        for (layout, lname) in [(Layout::Print, "print"), (Layout::Share, "share")] {
            let mut times = Vec::new();
            let mut png = Vec::new();
            for _ in 0..20 {
                let start = Instant::now();
                png = render_png(view, layout)?;
                times.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            let path = format!("{out}/{tag}-{lname}.png");
            std::fs::write(&path, &png)?;
            println!(
                "{path}: {} bytes, median {:.1} ms (min {:.1}, max {:.1})",
                png.len(),
                times[times.len() / 2],
                times[0],
                times[times.len() - 1]
            );
        }
    }
    Ok(())
}
