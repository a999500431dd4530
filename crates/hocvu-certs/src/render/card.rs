//! Share cards: the 1200×630 picture a link preview (Open Graph) shows for a course or the
//! catalogue, drawn with the certificates' shaping, fonts, fitting and QR code: the title in
//! the page's language (Ê Đê marks stacked by rustybuzz), its lessons and minutes, the
//! programme's name and a QR code to the page's short link.

use super::*;

/// Width and height of a share card in pixels (what Facebook and Zalo previews expect).
pub const SHARE_CARD_SIZE: (u32, u32) = (1200, 630);

/// Everything printed on a share card, already localised by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShareCardView {
    /// The programme, e.g. "Bình dân học vụ số · Đắk Lắk".
    pub programme: String,
    pub title: String,
    /// e.g. "6 bài học · 36 phút".
    pub meta: String,
    /// Printed under the QR code and encoded in it, exactly.
    pub url: String,
}

impl ShareCardView {
    /// A name that changes whenever the picture would: a hash of everything drawn and of
    /// this drawing code's version, for immutable URLs.
    pub fn fingerprint(&self) -> String {
        use sha2::Digest as _;
        let mut h = sha2::Sha256::new();
        for part in [
            CARD_VERSION,
            &self.programme,
            &self.title,
            &self.meta,
            &self.url,
        ] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        hex::encode(&h.finalize()[..8])
    }
}

/// Bump when the drawing changes, so cached previews get a new URL.
const CARD_VERSION: &str = "card-1";

const MARGIN: f32 = 64.0;
const QR_BOX: (f32, f32, f32) = (824.0, 120.0, 312.0);

fn card_slots() -> Vec<Slot> {
    let left = (MARGIN, 720.0);
    vec![
        slot(Field::Issuer, left, 72.0, 70.0, 34.0, 14.0, 2, true, TEAL),
        slot(
            Field::CourseTitle,
            left,
            160.0,
            280.0,
            72.0,
            20.0,
            3,
            true,
            INK,
        ),
        slot(
            Field::CompletedLabel,
            left,
            452.0,
            60.0,
            36.0,
            14.0,
            1,
            false,
            MUTED,
        ),
        slot(
            Field::VerifyUrl,
            (QR_BOX.0 - 40.0, QR_BOX.2 + 80.0),
            QR_BOX.1 + QR_BOX.2 + 12.0,
            60.0,
            24.0,
            10.0,
            2,
            false,
            MUTED,
        ),
    ]
}

struct CardPlan {
    lines: Vec<LaidLine>,
    qr: QrPlan,
}

fn card_plan(view: &ShareCardView, fonts: &Fonts) -> Result<CardPlan, RenderError> {
    if view.url.is_empty() {
        return Err(RenderError::EmptyUrl);
    }
    let too_long = || RenderError::UrlTooLong {
        len: view.url.len(),
    };
    let code = qrcode::QrCode::with_error_correction_level(view.url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|_| too_long())?;
    let width = code.width();
    let total = u32::try_from(width + 2 * QUIET_ZONE).map_err(|_| too_long())?;
    let (qx, qy, side) = QR_BOX;
    let module = (side as u32) / total;
    if module < 4 {
        return Err(too_long());
    }
    let offset = (side as u32 - module * total) / 2;
    let qr = QrPlan {
        x: qx as u32 + offset,
        y: qy as u32 + offset,
        module,
        width,
        dark: code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect(),
    };
    let mut lines = Vec::new();
    for s in card_slots() {
        let text = match s.field {
            Field::Issuer => &view.programme,
            Field::CourseTitle => &view.title,
            Field::CompletedLabel => &view.meta,
            _ => &view.url,
        };
        let face = if s.bold { &fonts.bold } else { &fonts.regular };
        lines.extend(fit(face, text, &s));
    }
    Ok(CardPlan { lines, qr })
}

/// Draws a share card and returns PNG bytes; the same view always gives the same bytes.
pub fn render_share_card(view: &ShareCardView) -> Result<Vec<u8>, RenderError> {
    let fonts = Fonts::load()?;
    let plan = card_plan(view, &fonts)?;
    let (w, h) = SHARE_CARD_SIZE;
    let mut pixmap = Pixmap::new(w, h).ok_or(RenderError::Canvas(w, h))?;
    pixmap.fill(color(PAPER));
    // A teal band down the left edge and a gold rule: the certificates' colours.
    for (x, width, rgb) in [(0.0, 24.0, TEAL), (24.0, 6.0, GOLD)] {
        if let Some(rect) = tiny_skia::Rect::from_xywh(x, 0.0, width, h as f32) {
            pixmap.fill_rect(
                rect,
                &paint(rgb, false),
                tiny_skia::Transform::identity(),
                None,
            );
        }
    }
    for line in &plan.lines {
        let face = if line.bold {
            &fonts.bold
        } else {
            &fonts.regular
        };
        draw_line(&mut pixmap, face, line);
    }
    draw_qr(&mut pixmap, &plan.qr);
    encode_png(&pixmap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustybuzz::ttf_parser::GlyphId;

    fn view() -> ShareCardView {
        ShareCardView {
            programme: "Bình dân học vụ số · Đắk Lắk".into(),
            title: "Mblang klei yua điện thoại mơ̆ng ƀuôn sang, ê̆ leh anăn ô̆".into(),
            meta: "6 bài học · 36 phút".into(),
            url: "https://hocvu.example/c/vneid".into(),
        }
    }

    #[test]
    fn the_card_has_its_size_and_a_readable_qr_code() {
        let png = render_share_card(&view()).unwrap();
        let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png).unwrap();
        assert_eq!((img.width(), img.height()), SHARE_CARD_SIZE);
        let mut prepared = rqrr::PreparedImage::prepare(img.to_luma8());
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(
            grids[0].decode().unwrap().1,
            "https://hocvu.example/c/vneid"
        );
        assert!(png == render_share_card(&view()).unwrap(), "deterministic");
    }

    #[test]
    fn every_line_stays_inside_the_card_and_the_breve_sits_above_the_circumflex() {
        let fonts = Fonts::load().unwrap();
        let plan = card_plan(&view(), &fonts).unwrap();
        let (w, h) = SHARE_CARD_SIZE;
        for l in &plan.lines {
            let b = l.bounds;
            assert!(b.x >= 30.0 && b.y >= 0.0 && b.x + b.w <= w as f32 && b.y + b.h <= h as f32);
        }
        let title: Vec<&LaidLine> = plan
            .lines
            .iter()
            .filter(|l| l.bounds.field == Field::CourseTitle)
            .collect();
        assert!(!title.is_empty());
        // The laid-out line holding ê̆: the breve glyph is raised onto the circumflex.
        let line = title.iter().find(|l| l.text.contains("ê\u{306}")).unwrap();
        let face = &fonts.bold;
        let base = face.glyph_index('ê').unwrap().0;
        let at = line.shaped.glyphs.iter().position(|g| g.0 == base).unwrap();
        let (mark, _, _, raised) = line.shaped.glyphs[at + 1];
        let base_top = i32::from(face.glyph_bounding_box(GlyphId(base)).unwrap().y_max);
        let mark_bottom = i32::from(face.glyph_bounding_box(GlyphId(mark)).unwrap().y_min);
        assert!(raised > 0, "the breve is moved up by shaping");
        assert!(
            mark_bottom + raised > base_top - 60,
            "{mark_bottom} + {raised} vs {base_top}"
        );
    }

    #[test]
    fn the_fingerprint_follows_the_content() {
        let mut other = view();
        other.meta = "7 bài học · 40 phút".into();
        assert_ne!(view().fingerprint(), other.fingerprint());
        assert_eq!(view().fingerprint(), view().fingerprint());
        assert!(matches!(
            render_share_card(&ShareCardView {
                url: String::new(),
                ..view()
            }),
            Err(RenderError::EmptyUrl)
        ));
    }
}
