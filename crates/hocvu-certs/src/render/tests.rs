use super::*;
use rustybuzz::ttf_parser::GlyphId;
use unicode_normalization::UnicodeNormalization;

const URL: &str = "https://hocvu.example/verify/ABCDE-FGHJK";

pub(crate) fn view() -> CertificateView {
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
        verify_url: URL.into(),
    }
}

fn decode(png: &[u8]) -> image::DynamicImage {
    image::load_from_memory_with_format(png, image::ImageFormat::Png).unwrap()
}

fn read_qr(img: &image::DynamicImage) -> Vec<String> {
    let mut prepared = rqrr::PreparedImage::prepare(img.to_luma8());
    prepared
        .detect_grids()
        .iter()
        .map(|g| g.decode().unwrap().1)
        .collect()
}

#[test]
fn both_layouts_have_the_exact_size_and_a_readable_qr_code() {
    for layout in [Layout::Print, Layout::Share] {
        let png = render_png(&view(), layout).unwrap();
        let img = decode(&png);
        let (w, h) = layout.size();
        assert_eq!((img.width(), img.height()), (w, h));
        assert_eq!(read_qr(&img), vec![URL.to_owned()], "{layout:?}");
    }
}

#[test]
fn qr_modules_are_big_enough_and_the_url_is_encoded_exactly() {
    let long = format!("{URL}?lang=rad&ref=share&x={}", "y".repeat(80));
    for layout in [Layout::Print, Layout::Share] {
        for url in [URL.to_owned(), long.clone()] {
            let qr = plan_qr(&url, layout).unwrap();
            assert!(qr.module >= layout.min_module(), "{layout:?} {}", qr.module);
            let mut v = view();
            v.verify_url = url.clone();
            let img = decode(&render_png(&v, layout).unwrap());
            assert_eq!(read_qr(&img), vec![url], "{layout:?}");
        }
        assert!(matches!(
            plan_qr(&format!("{URL}?{}", "z".repeat(2000)), layout),
            Err(RenderError::UrlTooLong { .. })
        ));
        assert!(matches!(plan_qr("", layout), Err(RenderError::EmptyUrl)));
    }
}

#[test]
fn rendering_is_deterministic() {
    for layout in [Layout::Print, Layout::Share] {
        let a = render_png(&view(), layout).unwrap();
        let b = render_png(&view(), layout).unwrap();
        assert!(a == b, "{layout:?} differs between runs");
    }
}

fn vietnamese_letters() -> String {
    let vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
    let tones = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];
    let mut s = String::from("abcdefghijklmnopqrstuvwxyzđ");
    for v in vowels {
        for t in tones {
            let letter: String = format!("{v}{t}").nfc().collect();
            assert_eq!(letter.chars().count(), 1, "{letter:?} is not precomposed");
            s.push_str(&letter);
        }
    }
    let upper = s.to_uppercase();
    s + &upper
}

#[test]
fn the_font_has_every_letter_we_need() {
    let vi = vietnamese_letters();
    assert_eq!(vi.chars().count(), 2 * (27 + 72));
    let ede = "ă ĕ ê̆ ĭ ŏ ô̆ ơ̆ ŭ ư̆ ƀ Ƀ č Č ñ Ñ đ Đ Ă Ĕ Ê̆ Ĭ Ŏ Ô̆ Ơ̆ Ŭ Ư̆ ĕ̆";
    let en = "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 .,:;!?-–—/()…“”‘’";
    let apostrophes = "\u{27}\u{2019}\u{2BC}";
    let names = "H'Hen Niê Y Ƀhăm Êban H’Ngơ̆ Êñuôl";
    for text in [vi.as_str(), ede, en, apostrophes, names] {
        assert_eq!(missing_glyphs(text), Vec::<char>::new(), "in {text:?}");
    }
    // It does report what is missing, once each, in order.
    assert_eq!(missing_glyphs("a 中 b 中 😀"), vec!['中', '😀']);
}

#[test]
fn a_breve_after_circumflex_is_stacked_above_it() {
    let fonts = Fonts::load().unwrap();
    for face in [&fonts.regular, &fonts.bold] {
        // Shaped: ê + U+0306 gives two glyphs; the mark is moved up onto the
        // circumflex's anchor instead of staying at its default height.
        let stacked = shape(face, "ê\u{306}");
        assert_eq!(stacked.glyphs.len(), 2);
        let (base, _, _, _) = stacked.glyphs[0];
        let (mark, _, _, mark_dy) = stacked.glyphs[1];
        let base_box = face.glyph_bounding_box(GlyphId(base)).unwrap();
        let mark_box = face.glyph_bounding_box(GlyphId(mark)).unwrap();
        assert!(mark_dy > 0, "mark not raised: {mark_dy}");
        // Unshaped (offset 0) the breve would collide with the circumflex;
        // shaped, it sits on top (a small overlap of the outlines is normal).
        assert!(i32::from(mark_box.y_min) < i32::from(base_box.y_max));
        assert!(
            i32::from(mark_box.y_min) + mark_dy > i32::from(base_box.y_max) - 60,
            "breve bottom {} vs circumflex top {}",
            i32::from(mark_box.y_min) + mark_dy,
            base_box.y_max
        );

        // The same breve after plain e (ĕ) or another letter sits lower.
        let after_x = shape(face, "x\u{306}");
        assert!(
            mark_dy > after_x.glyphs[1].3,
            "{mark_dy} vs {}",
            after_x.glyphs[1].3
        );
        let top = |s: &str| ink(face, &shape(face, s)).unwrap().3;
        assert!(
            top("ê\u{306}") > top("ĕ") + 100,
            "{} vs {}",
            top("ê\u{306}"),
            top("ĕ")
        );
        assert!(top("ê\u{306}") > top("ê") + 100);
        // Same for the other circumflex letters, lower and upper case.
        for (stacked, plain) in [("ô\u{306}", "ŏ"), ("Ê\u{306}", "Ĕ"), ("Ô\u{306}", "Ŏ")] {
            assert!(top(stacked) > top(plain) + 100, "{stacked} vs {plain}");
        }
        // The horn is beside the letter, so there the breve keeps its usual
        // height above the letter (and is not pushed into it).
        for (horned, plain) in [("ơ\u{306}", "ŏ"), ("ư\u{306}", "ŭ"), ("Ơ\u{306}", "Ŏ")] {
            assert!((top(horned) - top(plain)).abs() < 40, "{horned} vs {plain}");
        }
    }
}

fn assert_inside(boxes: &[TextBox], layout: Layout) {
    let (w, h) = layout.size();
    let m = layout.margin();
    for b in boxes {
        assert!(
            b.x >= m && b.y >= m && b.x + b.w <= w as f32 - m && b.y + b.h <= h as f32 - m,
            "{layout:?}: {b:?} outside the margins"
        );
        assert!(b.w > 0.0 && b.h > 0.0, "{b:?}");
    }
    // Different fields never overlap.
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            if a.field == b.field {
                continue;
            }
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "{layout:?}: {a:?} overlaps {b:?}");
        }
    }
}

fn lines_of(boxes: &[TextBox], field: Field) -> usize {
    boxes.iter().filter(|b| b.field == field).count()
}

#[test]
fn long_names_and_titles_stay_inside_the_margins() {
    let long_name: String = "Y Ƀhăm Êban H’Ngơ̆ Êñuôl "
        .chars()
        .cycle()
        .take(200)
        .collect::<String>()
        .trim()
        .to_owned();
    assert!(long_name.chars().count() >= 199);
    let long_title: String = "Mblang klei yua điện thoại mơ̆ng ƀuôn sang, Ê̆ Ô̆ Ơ̆ Ư̆ "
        .chars()
        .cycle()
        .take(300)
        .collect();
    let unbroken_name = "Ƀ".repeat(200);
    for layout in [Layout::Print, Layout::Share] {
        let normal = layout_boxes(&view(), layout).unwrap();
        assert_inside(&normal, layout);
        assert_eq!(lines_of(&normal, Field::Name), 1);
        for f in [
            Field::Heading,
            Field::CompletedLabel,
            Field::CourseTitle,
            Field::CourseTitleVi,
            Field::Date,
            Field::Issuer,
            Field::Code,
            Field::VerifyLabel,
            Field::VerifyUrl,
            Field::Qr,
        ] {
            assert!(lines_of(&normal, f) >= 1, "{layout:?} {f:?} missing");
        }

        let mut v = view();
        v.name = long_name.clone();
        v.course_title = long_title.clone();
        v.course_title_vi = Some(long_title.clone());
        v.issuer = long_title.clone();
        let boxes = layout_boxes(&v, layout).unwrap();
        assert_inside(&boxes, layout);
        assert_eq!(lines_of(&boxes, Field::Name), 2, "{layout:?}");
        assert_eq!(lines_of(&boxes, Field::CourseTitle), 3, "{layout:?}");
        // Still rendered and scannable.
        let img = decode(&render_png(&v, layout).unwrap());
        assert_eq!(read_qr(&img), vec![URL.to_owned()]);

        // No spaces to wrap at, absurd lengths, odd whitespace: still inside.
        v.name = unbroken_name.clone();
        v.course_title = "x".repeat(5000);
        v.course_title_vi = None;
        v.heading = "\t Giấy\n\nchứng   nhận \u{7}".into();
        let boxes = layout_boxes(&v, layout).unwrap();
        assert_inside(&boxes, layout);
        assert!(lines_of(&boxes, Field::Name) <= 2);
        assert!(lines_of(&boxes, Field::CourseTitle) <= 3);
        assert_eq!(lines_of(&boxes, Field::CourseTitleVi), 0);
        render_png(&v, layout).unwrap();
    }
}

#[test]
fn wrapping_and_shrinking_prefers_whole_words() {
    let fonts = Fonts::load().unwrap();
    let (slots, _) = slots(Layout::Share, true);
    let name_slot = slots.iter().find(|s| s.field == Field::Name).unwrap();
    let short = fit(&fonts.bold, "H'Hen Niê", name_slot);
    assert_eq!(short.len(), 1);
    // Short names are drawn at the largest size.
    assert!((short[0].scale * 1000.0 - name_slot.max_px).abs() < 0.01);
    let long = fit(
        &fonts.bold,
        "Y Ƀhăm Êban Mlô H’Ngơ̆ Êñuôl Niê Kdăm Adrơng",
        name_slot,
    );
    assert_eq!(long.len(), 2);
    assert!(long[0].scale * 1000.0 < name_slot.max_px);
    // Wrapped at a space: every word survives intact.
    let joined: Vec<&str> = long.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        joined.join(" "),
        "Y Ƀhăm Êban Mlô H’Ngơ̆ Êñuôl Niê Kdăm Adrơng"
    );
    assert!(clean("a\u{0}b\u{202E}").contains("ab"));
    assert_eq!(clean("  a \t\n b  "), "a b");
    // Far too long and unbreakable: broken inside the word, cut with "…".
    let cut = fit(&fonts.bold, &"Ƀ".repeat(2000), name_slot);
    assert_eq!(cut.len(), 2);
    assert!(cut[1].text.ends_with('…'), "{}", cut[1].text);
    assert!((cut[0].scale * 1000.0 - name_slot.min_px).abs() < 0.01);
}
