//! Certificate pictures (PNG): shaped text, a border and a QR code.
//!
//! Every line of text is shaped with `rustybuzz` (a HarfBuzz port), so
//! combining marks are placed by the font's mark-attachment rules: the breve
//! of Ê Đê ê̆ (U+00EA U+0306) sits *above* the circumflex, not on top of it.
//! Each shaped glyph outline is then filled with `tiny-skia`'s anti-aliasing
//! rasteriser at its shaped position and offset.
//!
//! The embedded font is Noto Sans 2.004 (Regular and Bold, SIL OFL 1.1; see
//! `fonts/README.md`). All wording comes from the caller in a
//! [`CertificateView`]: localisation lives in the web crate.
//!
//! Layout: each field has a fixed box on the page. Text is centred in its
//! box; too-long text first wraps at spaces (up to 2 lines for the name,
//! 3 for the title) and the font shrinks step by step until the lines —
//! including the ink of marks above capitals — fit the box. Text that does
//! not fit even at the smallest size is broken inside words and, as a last
//! resort, cut with "…". Nothing is ever drawn outside the page margins;
//! [`layout_boxes`] exposes the boxes so tests can check that.

mod card;
mod draw;
mod text;

pub use card::{SHARE_CARD_SIZE, ShareCardView, render_share_card};

use draw::*;
use rustybuzz::Face;
use text::*;
use tiny_skia::Pixmap;

static REGULAR_TTF: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");

/// Longest text (in characters) laid out per field; more is cut with "…".
const MAX_FIELD_CHARS: usize = 1000;
/// Each shrink step multiplies the font size by this.
const SHRINK: f32 = 0.94;
/// QR quiet zone, in modules (the QR standard asks for 4).
const QUIET_ZONE: usize = 4;

const PAPER: [u8; 3] = [0xFB, 0xF8, 0xF1];
const INK: [u8; 3] = [0x1F, 0x23, 0x28];
const MUTED: [u8; 3] = [0x4A, 0x51, 0x59];
const TEAL: [u8; 3] = [0x1E, 0x4D, 0x5C];
const GOLD: [u8; 3] = [0xB0, 0x84, 0x2C];
const WHITE: [u8; 3] = [0xFF, 0xFF, 0xFF];
const BLACK: [u8; 3] = [0x00, 0x00, 0x00];

/// Which picture to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// A4 landscape at 150 dpi: 1754×1240 px.
    Print,
    /// Portrait picture for sharing from a phone: 1080×1350 px.
    Share,
}

impl Layout {
    /// Width and height in pixels.
    pub fn size(self) -> (u32, u32) {
        match self {
            Layout::Print => (1754, 1240),
            Layout::Share => (1080, 1350),
        }
    }

    /// Distance from every page edge that text and QR code stay clear of.
    pub fn margin(self) -> f32 {
        match self {
            Layout::Print => 96.0,
            Layout::Share => 64.0,
        }
    }

    /// Smallest QR module size allowed, in pixels.
    fn min_module(self) -> u32 {
        match self {
            Layout::Print => 5,
            Layout::Share => 4,
        }
    }
}

/// Everything printed on a certificate, already localised by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CertificateView {
    /// e.g. "Giấy chứng nhận hoàn thành".
    pub heading: String,
    pub name: String,
    /// e.g. "đã hoàn thành khoá học".
    pub completed_label: String,
    pub course_title: String,
    /// The Vietnamese title, shown smaller under the title; pass `None`
    /// when the title is already Vietnamese (the title then gets its room).
    pub course_title_vi: Option<String>,
    /// e.g. "Ngày 22/11/2026".
    pub date_line: String,
    /// e.g. "Mã: ABCDE-FGHJK".
    pub code_line: String,
    pub issuer: String,
    pub verify_label: String,
    /// Encoded, exactly, in the QR code.
    pub verify_url: String,
}

/// The part of the certificate a [`TextBox`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Heading,
    Name,
    CompletedLabel,
    CourseTitle,
    CourseTitleVi,
    Date,
    Issuer,
    Code,
    VerifyLabel,
    VerifyUrl,
    /// The QR code including its quiet zone.
    Qr,
}

/// A laid-out rectangle in pixels: one line of text (its advance box joined
/// with its ink box) or the QR code.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    pub field: Field,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// Why a picture could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the embedded {0} font cannot be read; the crate was built with a damaged font file")]
    Font(&'static str),
    #[error("the verify URL is empty; the QR code must lead to the certificate's verify page")]
    EmptyUrl,
    #[error(
        "the verify URL is too long ({len} bytes) for a QR code that still scans from paper and phone screens; use a shorter URL (under about 200 characters)"
    )]
    UrlTooLong { len: usize },
    #[error("could not allocate a {0}×{1} picture")]
    Canvas(u32, u32),
    #[error("could not encode the PNG: {0}")]
    Encode(String),
}

/// Draws the certificate and returns PNG bytes. The same input always gives
/// the same bytes.
pub fn render_png(view: &CertificateView, layout: Layout) -> Result<Vec<u8>, RenderError> {
    let fonts = Fonts::load()?;
    let plan = plan(view, layout, &fonts)?;
    let (w, h) = layout.size();
    let mut pixmap = Pixmap::new(w, h).ok_or(RenderError::Canvas(w, h))?;
    pixmap.fill(color(PAPER));
    draw_border(&mut pixmap, layout);
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

/// The boxes [`render_png`] would draw into, one per text line plus the QR code.
pub fn layout_boxes(view: &CertificateView, layout: Layout) -> Result<Vec<TextBox>, RenderError> {
    let fonts = Fonts::load()?;
    let plan = plan(view, layout, &fonts)?;
    let mut boxes: Vec<TextBox> = plan.lines.iter().map(|l| l.bounds).collect();
    let side = (plan.qr.module * plan.qr.total_modules()) as f32;
    boxes.push(TextBox {
        field: Field::Qr,
        x: plan.qr.x as f32,
        y: plan.qr.y as f32,
        w: side,
        h: side,
    });
    Ok(boxes)
}

/// Characters of `text` (whitespace aside) that the embedded fonts cannot
/// draw, in order of first appearance. Use it to check locale files.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let mut missing = Vec::new();
    let fonts = Fonts::load().ok();
    for c in text.chars() {
        if c.is_whitespace() || missing.contains(&c) {
            continue;
        }
        let drawable = fonts
            .as_ref()
            .is_some_and(|f| f.regular.glyph_index(c).is_some() && f.bold.glyph_index(c).is_some());
        if !drawable {
            missing.push(c);
        }
    }
    missing
}

struct Fonts {
    regular: Face<'static>,
    bold: Face<'static>,
}

impl Fonts {
    fn load() -> Result<Fonts, RenderError> {
        Ok(Fonts {
            regular: Face::from_slice(REGULAR_TTF, 0).ok_or(RenderError::Font("regular"))?,
            bold: Face::from_slice(BOLD_TTF, 0).ok_or(RenderError::Font("bold"))?,
        })
    }
}

/// Where a field goes and how big its text may be.
#[derive(Debug, Clone, Copy)]
struct Slot {
    field: Field,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    max_px: f32,
    min_px: f32,
    max_lines: usize,
    bold: bool,
    color: [u8; 3],
}

#[allow(clippy::too_many_arguments)]
fn slot(
    field: Field,
    (x, w): (f32, f32),
    y: f32,
    h: f32,
    max_px: f32,
    min_px: f32,
    max_lines: usize,
    bold: bool,
    color: [u8; 3],
) -> Slot {
    Slot {
        field,
        x,
        y,
        w,
        h,
        max_px,
        min_px,
        max_lines,
        bold,
        color,
    }
}

/// Field boxes and the QR box (x, y, side) of a layout.
fn slots(layout: Layout, with_vi: bool) -> (Vec<Slot>, (f32, f32, f32)) {
    use Field::*;
    let (mut s, qr) = match layout {
        Layout::Print => {
            let full = (96.0, 1562.0);
            let left = (96.0, 1222.0);
            (
                vec![
                    slot(Heading, full, 104.0, 96.0, 56.0, 18.0, 2, true, TEAL),
                    slot(Name, full, 208.0, 214.0, 104.0, 16.0, 2, true, INK),
                    slot(
                        CompletedLabel,
                        full,
                        426.0,
                        62.0,
                        34.0,
                        12.0,
                        2,
                        false,
                        MUTED,
                    ),
                    slot(CourseTitle, full, 492.0, 196.0, 56.0, 11.0, 3, true, TEAL),
                    slot(
                        CourseTitleVi,
                        full,
                        690.0,
                        80.0,
                        34.0,
                        11.0,
                        2,
                        false,
                        MUTED,
                    ),
                    slot(Date, left, 796.0, 54.0, 32.0, 11.0, 1, false, INK),
                    slot(Issuer, left, 852.0, 96.0, 32.0, 11.0, 2, false, INK),
                    slot(Code, left, 952.0, 58.0, 36.0, 11.0, 1, true, INK),
                    slot(VerifyLabel, left, 1014.0, 48.0, 26.0, 10.0, 1, false, MUTED),
                    slot(VerifyUrl, left, 1064.0, 78.0, 26.0, 9.0, 2, false, MUTED),
                ],
                (1318.0, 796.0, 340.0),
            )
        }
        Layout::Share => {
            let full = (64.0, 952.0);
            (
                vec![
                    slot(Heading, full, 72.0, 88.0, 50.0, 16.0, 2, true, TEAL),
                    slot(Name, full, 166.0, 200.0, 92.0, 14.0, 2, true, INK),
                    slot(
                        CompletedLabel,
                        full,
                        370.0,
                        56.0,
                        30.0,
                        11.0,
                        2,
                        false,
                        MUTED,
                    ),
                    slot(CourseTitle, full, 430.0, 170.0, 46.0, 10.0, 3, true, TEAL),
                    slot(
                        CourseTitleVi,
                        full,
                        602.0,
                        64.0,
                        28.0,
                        10.0,
                        2,
                        false,
                        MUTED,
                    ),
                    slot(Date, full, 668.0, 44.0, 28.0, 10.0, 1, false, INK),
                    slot(Issuer, full, 714.0, 76.0, 26.0, 10.0, 2, false, INK),
                    slot(Code, full, 1100.0, 52.0, 32.0, 10.0, 1, true, INK),
                    slot(VerifyLabel, full, 1154.0, 42.0, 22.0, 9.0, 1, false, MUTED),
                    slot(VerifyUrl, full, 1198.0, 84.0, 22.0, 8.0, 2, false, MUTED),
                ],
                (390.0, 796.0, 300.0),
            )
        }
    };
    if !with_vi {
        // The title may use the Vietnamese title's room.
        let vi_h = s
            .iter()
            .find(|x| x.field == CourseTitleVi)
            .map_or(0.0, |x| x.h);
        s.retain(|x| x.field != CourseTitleVi);
        for x in s.iter_mut().filter(|x| x.field == CourseTitle) {
            x.h += vi_h;
        }
    }
    (s, qr)
}

struct LaidLine {
    #[cfg_attr(not(test), allow(dead_code))]
    text: String,
    shaped: Shaped,
    scale: f32,
    /// Pen origin of the line, pixels.
    x: f32,
    baseline: f32,
    bold: bool,
    color: [u8; 3],
    bounds: TextBox,
}

struct QrPlan {
    x: u32,
    y: u32,
    module: u32,
    width: usize,
    dark: Vec<bool>,
}

impl QrPlan {
    fn total_modules(&self) -> u32 {
        u32::try_from(self.width + 2 * QUIET_ZONE).unwrap_or(u32::MAX)
    }
}

struct Plan {
    lines: Vec<LaidLine>,
    qr: QrPlan,
}

fn plan(view: &CertificateView, layout: Layout, fonts: &Fonts) -> Result<Plan, RenderError> {
    let qr_code = plan_qr(&view.verify_url, layout)?;
    let with_vi = view
        .course_title_vi
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty());
    let (slots, _) = slots(layout, with_vi);
    let mut lines = Vec::new();
    for s in &slots {
        let text = match s.field {
            Field::Heading => view.heading.as_str(),
            Field::Name => view.name.as_str(),
            Field::CompletedLabel => view.completed_label.as_str(),
            Field::CourseTitle => view.course_title.as_str(),
            Field::CourseTitleVi => view.course_title_vi.as_deref().unwrap_or(""),
            Field::Date => view.date_line.as_str(),
            Field::Issuer => view.issuer.as_str(),
            Field::Code => view.code_line.as_str(),
            Field::VerifyLabel => view.verify_label.as_str(),
            Field::VerifyUrl => view.verify_url.as_str(),
            Field::Qr => "",
        };
        let face = if s.bold { &fonts.bold } else { &fonts.regular };
        lines.extend(fit(face, text, s));
    }
    Ok(Plan { lines, qr: qr_code })
}

fn plan_qr(url: &str, layout: Layout) -> Result<QrPlan, RenderError> {
    if url.is_empty() {
        return Err(RenderError::EmptyUrl);
    }
    let too_long = || RenderError::UrlTooLong { len: url.len() };
    let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|_| too_long())?;
    let width = code.width();
    let dark: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    let (_, (qx, qy, side)) = slots(layout, true);
    let total = u32::try_from(width + 2 * QUIET_ZONE).map_err(|_| too_long())?;
    // Whole pixels per module keep the modules crisp for scanners.
    let module = (side as u32) / total;
    if module < layout.min_module() {
        return Err(too_long());
    }
    let px = module * total;
    let offset = (side as u32 - px) / 2;
    Ok(QrPlan {
        x: qx as u32 + offset,
        y: qy as u32 + offset,
        module,
        width,
        dark,
    })
}

/// Collapses whitespace, drops control characters and caps the length.
#[cfg(test)]
mod tests;
