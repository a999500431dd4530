//! Certificates: median time to sign one certificate's claims and to verify a token, beside raw
//! Ed25519 sign/verify of the same bytes; and to render each picture, beside encoding a blank
//! canvas of the same size as PNG (the floor). Run: `cargo bench --bench certificates`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark should stop loudly

use ed25519_dalek::{Signer, SigningKey, Verifier};
use hocvu_certs::{CertCode, CertificateClaims, CertificateView, KeyRing, Layout};
use std::time::Instant;

fn median_us(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[runs / 2]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let ring = KeyRing::open_or_create(dir.path().join("keys")).unwrap();
    let jwks = ring.jwks();
    let code = CertCode::generate().unwrap();
    let claims = CertificateClaims {
        jti: code.as_str().to_string(),
        iss: "Sở Khoa học và Công nghệ tỉnh Đắk Lắk".into(),
        iat: 1_795_345_200,
        name: "H\u{2019}Ngơ\u{306} Êñuôl".into(),
        course_id: "vneid".into(),
        course_title: "Ba yua ứng dụng VNeID".into(),
        course_title_vi: "Dùng ứng dụng VNeID".into(),
        course_version: "1.0.0".into(),
        bundle_hash: "bd7630de465697eb6dc143248e1d9871d73eb8684c7cf4c69e3fc905e1fe6c82".into(),
        completed_on: "2026-11-22".into(),
        lang: "rad".into(),
    };
    let token = hocvu_certs::sign(&ring, &claims).unwrap();
    let sign = median_us(2001, || {
        hocvu_certs::sign(&ring, &claims).unwrap();
    });
    let verify = median_us(2001, || {
        hocvu_certs::verify(&token, &jwks).unwrap();
    });
    let raw_key = SigningKey::from_bytes(&[7; 32]);
    let message = token.rsplit_once('.').unwrap().0.as_bytes().to_vec();
    let raw_sig = raw_key.sign(&message);
    let raw_sign = median_us(2001, || {
        raw_key.sign(&message);
    });
    let raw_verify = median_us(2001, || {
        raw_key.verifying_key().verify(&message, &raw_sig).unwrap();
    });
    let view = CertificateView {
        heading: "Giấy chứng nhận hoàn thành".into(),
        name: claims.name.clone(),
        completed_label: "đã hoàn thành khoá học".into(),
        course_title: claims.course_title.clone(),
        course_title_vi: Some(claims.course_title_vi.clone()),
        date_line: "Ngày 22/11/2026".into(),
        code_line: format!("Mã: {}", code.grouped()),
        issuer: claims.iss.clone(),
        verify_label: "Kiểm tra giấy chứng nhận tại".into(),
        verify_url: format!("https://hocvu.example/verify/{}", code.as_str()),
    };
    println!("| operation | median | reference (same run) | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| sign claims (JWS, EdDSA) | {sign:.1} µs | raw Ed25519 sign {raw_sign:.1} µs | {:.2}× |",
        sign / raw_sign
    );
    println!(
        "| verify token against JWKS | {verify:.1} µs | raw Ed25519 verify {raw_verify:.1} µs | {:.2}× |",
        verify / raw_verify
    );
    for layout in [Layout::Print, Layout::Share] {
        let (w, h) = layout.size();
        let mut bytes = 0;
        let render = median_us(21, || {
            bytes = hocvu_certs::render_png(&view, layout).unwrap().len();
        });
        let blank = median_us(21, || {
            let img = image::RgbImage::from_pixel(w, h, image::Rgb([0xfb, 0xf8, 0xf2]));
            let mut out = std::io::Cursor::new(Vec::new());
            img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        });
        println!(
            "| render {layout:?} PNG {w}×{h} ({} KB) | {:.1} ms | blank canvas PNG {:.1} ms | {:.2}× |",
            bytes / 1024,
            render / 1000.0,
            blank / 1000.0,
            render / blank
        );
    }
}
