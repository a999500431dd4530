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

use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use rustybuzz::{Face, UnicodeBuffer};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Stroke, Transform};

static REGULAR_TTF: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

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

/// A shaped run in font units.
#[derive(Debug, Clone)]
struct Shaped {
    /// (glyph, pen x, x offset, y offset) per glyph.
    glyphs: Vec<(u16, i32, i32, i32)>,
    advance: i32,
}

fn shape(face: &Face, text: &str) -> Shaped {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    let out = rustybuzz::shape(face, &[], buffer);
    let mut pen = 0i32;
    let mut glyphs = Vec::with_capacity(out.len());
    for (info, pos) in out.glyph_infos().iter().zip(out.glyph_positions()) {
        let id = u16::try_from(info.glyph_id).unwrap_or(0);
        glyphs.push((id, pen, pos.x_offset, pos.y_offset));
        pen = pen.saturating_add(pos.x_advance);
    }
    Shaped {
        glyphs,
        advance: pen,
    }
}

/// Ink extents in font units (y up): (x_min, y_min, x_max, y_max).
fn ink(face: &Face, shaped: &Shaped) -> Option<(i32, i32, i32, i32)> {
    let mut acc: Option<(i32, i32, i32, i32)> = None;
    for &(id, pen, dx, dy) in &shaped.glyphs {
        let Some(b) = face.glyph_bounding_box(GlyphId(id)) else {
            continue;
        };
        let r = (
            pen + dx + i32::from(b.x_min),
            dy + i32::from(b.y_min),
            pen + dx + i32::from(b.x_max),
            dy + i32::from(b.y_max),
        );
        acc = Some(match acc {
            None => r,
            Some(a) => (a.0.min(r.0), a.1.min(r.1), a.2.max(r.2), a.3.max(r.3)),
        });
    }
    acc
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
fn clean(text: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() {
            continue;
        }
        if count >= MAX_FIELD_CHARS && !is_mark(c) {
            out.push('…');
            return out;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
        count += 1;
    }
    out
}

/// Combining marks and joiners that belong to the preceding character.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{200C}'..='\u{200D}')
}

/// Splits text into clusters: a base character with its marks.
fn clusters(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i > start && !is_mark(c) {
            out.push(&text[start..i]);
            start = i;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Lays out `text` in `slot`: wrap, shrink, and as a last resort break and cut.
fn fit(face: &Face, text: &str, slot: &Slot) -> Vec<LaidLine> {
    let text = clean(text);
    if text.is_empty() {
        return Vec::new();
    }
    let upem = face.units_per_em() as f32;
    let words: Vec<&str> = text.split(' ').collect();
    let widths: Vec<i32> = words.iter().map(|w| shape(face, w).advance).collect();
    let space = shape(face, " ").advance;

    let mut size = slot.max_px.max(slot.min_px);
    loop {
        let scale = size / upem;
        if let Some(lines) = wrap_words(&words, &widths, space, scale, slot)
            && let Some(laid) = place(face, &lines, size, slot)
        {
            return laid;
        }
        if size <= slot.min_px {
            break;
        }
        size = (size * SHRINK).max(slot.min_px);
    }

    // Does not fit even at the smallest size: break inside words, cut the rest.
    let mut size = slot.min_px;
    while size >= 2.0 {
        let lines = wrap_hard(face, &text, size / upem, slot);
        if let Some(laid) = place(face, &lines, size, slot) {
            return laid;
        }
        size *= 0.85;
    }
    Vec::new()
}

/// Wrapping at spaces into at most `max_lines` lines of at most the slot
/// width; `None` when a word is too wide or lines run out. Lines are then
/// balanced (no lone last word) by finding the narrowest width that still
/// needs no more lines.
fn wrap_words(
    words: &[&str],
    widths: &[i32],
    space: i32,
    scale: f32,
    slot: &Slot,
) -> Option<Vec<String>> {
    let limit = slot.w / scale;
    let lines = greedy(words, widths, space, limit, slot.max_lines)?;
    if lines.len() < 2 {
        return Some(lines);
    }
    let (mut lo, mut hi) = (0.0f32, limit);
    for _ in 0..16 {
        let mid = (lo + hi) / 2.0;
        match greedy(words, widths, space, mid, lines.len()) {
            Some(_) => hi = mid,
            None => lo = mid,
        }
    }
    greedy(words, widths, space, hi, lines.len()).or(Some(lines))
}

/// First-fit line filling with a width limit in font units.
fn greedy(
    words: &[&str],
    widths: &[i32],
    space: i32,
    limit: f32,
    max_lines: usize,
) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_w = 0i32;
    for (word, &w) in words.iter().zip(widths) {
        if w as f32 > limit {
            return None;
        }
        if current.is_empty() {
            current.push_str(word);
            current_w = w;
        } else if (current_w + space + w) as f32 <= limit {
            current.push(' ');
            current.push_str(word);
            current_w += space + w;
        } else {
            lines.push(std::mem::take(&mut current));
            if lines.len() >= max_lines {
                return None;
            }
            current.push_str(word);
            current_w = w;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    Some(lines)
}

/// Wrapping that may break anywhere between clusters; the last allowed line
/// ends in "…" if text remains.
fn wrap_hard(face: &Face, text: &str, scale: f32, slot: &Slot) -> Vec<String> {
    let fits = |s: &str| shape(face, s).advance as f32 * scale <= slot.w;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let parts = clusters(text);
    let mut i = 0;
    while i < parts.len() {
        let candidate = format!("{current}{}", parts[i]);
        if current.is_empty() || fits(&candidate) {
            current = candidate;
            i += 1;
            continue;
        }
        // Prefer breaking at the last space of the line.
        let (line, carry) = match current.rfind(' ') {
            Some(p) if p > 0 => (current[..p].to_owned(), current[p + 1..].to_owned()),
            _ => (current.clone(), String::new()),
        };
        lines.push(line);
        current = carry;
        if lines.len() == slot.max_lines {
            break;
        }
    }
    let cut = i < parts.len() || lines.len() == slot.max_lines && !current.is_empty();
    if lines.len() < slot.max_lines && !current.is_empty() {
        lines.push(current);
    } else if cut && let Some(last) = lines.last_mut() {
        let mut kept: Vec<String> = clusters(last).iter().map(|s| (*s).to_owned()).collect();
        loop {
            let candidate = format!("{}…", kept.concat().trim_end());
            if fits(&candidate) || kept.is_empty() {
                *last = candidate;
                break;
            }
            kept.pop();
        }
    }
    lines
}

/// Positions lines centred in the slot; `None` if anything sticks out.
fn place(face: &Face, lines: &[String], size: f32, slot: &Slot) -> Option<Vec<LaidLine>> {
    if lines.is_empty() || lines.len() > slot.max_lines {
        return None;
    }
    let scale = size / face.units_per_em() as f32;
    let ascender = f32::from(face.ascender()) * scale;
    let descender = f32::from(face.descender()) * scale; // negative
    let pitch = ascender - descender + f32::from(face.line_gap()) * scale;
    let block = pitch * lines.len() as f32;
    let top = slot.y + (slot.h - block) / 2.0;
    let mut laid = Vec::with_capacity(lines.len());
    for (i, text) in lines.iter().enumerate() {
        let shaped = shape(face, text);
        let width = shaped.advance as f32 * scale;
        let x = slot.x + (slot.w - width) / 2.0;
        let baseline = top + i as f32 * pitch + ascender;
        let (mut x0, mut y0, mut x1, mut y1) =
            (x, baseline - ascender, x + width, baseline - descender);
        if let Some((ix0, iy0, ix1, iy1)) = ink(face, &shaped) {
            x0 = x0.min(x + ix0 as f32 * scale);
            x1 = x1.max(x + ix1 as f32 * scale);
            y0 = y0.min(baseline - iy1 as f32 * scale);
            y1 = y1.max(baseline - iy0 as f32 * scale);
        }
        let inside = x0 >= slot.x && x1 <= slot.x + slot.w && y0 >= slot.y && y1 <= slot.y + slot.h;
        if !inside || !width.is_finite() {
            return None;
        }
        laid.push(LaidLine {
            text: text.clone(),
            shaped,
            scale,
            x,
            baseline,
            bold: slot.bold,
            color: slot.color,
            bounds: TextBox {
                field: slot.field,
                x: x0,
                y: y0,
                w: x1 - x0,
                h: y1 - y0,
            },
        });
    }
    Some(laid)
}

fn color([r, g, b]: [u8; 3]) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

fn paint(rgb: [u8; 3], anti_alias: bool) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(color(rgb));
    paint.anti_alias = anti_alias;
    paint
}

fn draw_border(pixmap: &mut Pixmap, layout: Layout) {
    let (w, h) = layout.size();
    let (w, h) = (w as f32, h as f32);
    let (outer, inner) = match layout {
        Layout::Print => (40.0, 56.0),
        Layout::Share => (26.0, 40.0),
    };
    for (inset, width, rgb) in [(outer, 6.0, TEAL), (inner, 2.0, GOLD)] {
        if let Some(rect) = Rect::from_xywh(inset, inset, w - 2.0 * inset, h - 2.0 * inset) {
            let path = PathBuilder::from_rect(rect);
            let stroke = Stroke {
                width,
                ..Stroke::default()
            };
            pixmap.stroke_path(
                &path,
                &paint(rgb, true),
                &stroke,
                Transform::identity(),
                None,
            );
        }
    }
}

/// Feeds glyph outlines (font units, y up) into a path in pixels (y down).
struct Outline<'a> {
    path: &'a mut PathBuilder,
    x: f32,
    y: f32,
    scale: f32,
}

impl Outline<'_> {
    fn p(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.y - y * self.scale)
    }
}

impl OutlineBuilder for Outline<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.p(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.p(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.p(x1, y1);
        let (x, y) = self.p(x, y);
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.p(x1, y1);
        let (x2, y2) = self.p(x2, y2);
        let (x, y) = self.p(x, y);
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

fn draw_line(pixmap: &mut Pixmap, face: &Face, line: &LaidLine) {
    let mut path = PathBuilder::new();
    for &(id, pen, dx, dy) in &line.shaped.glyphs {
        let mut outline = Outline {
            path: &mut path,
            x: line.x + (pen + dx) as f32 * line.scale,
            y: line.baseline - dy as f32 * line.scale,
            scale: line.scale,
        };
        face.outline_glyph(GlyphId(id), &mut outline);
    }
    if let Some(path) = path.finish() {
        pixmap.fill_path(
            &path,
            &paint(line.color, true),
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
}

fn draw_qr(pixmap: &mut Pixmap, qr: &QrPlan) {
    let m = qr.module as f32;
    let side = (qr.module * qr.total_modules()) as f32;
    let (x0, y0) = (qr.x as f32, qr.y as f32);
    if let Some(rect) = Rect::from_xywh(x0, y0, side, side) {
        pixmap.fill_rect(rect, &paint(WHITE, false), Transform::identity(), None);
    }
    let mut path = PathBuilder::new();
    for (i, _) in qr.dark.iter().enumerate().filter(|(_, d)| **d) {
        let (row, col) = (i / qr.width, i % qr.width);
        if let Some(rect) = Rect::from_xywh(
            x0 + (col + QUIET_ZONE) as f32 * m,
            y0 + (row + QUIET_ZONE) as f32 * m,
            m,
            m,
        ) {
            path.push_rect(rect);
        }
    }
    if let Some(path) = path.finish() {
        pixmap.fill_path(
            &path,
            &paint(BLACK, false),
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
}

fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>, RenderError> {
    use image::ImageEncoder as _;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    // The page is opaque, so premultiplied RGBA is plain RGBA: drop alpha.
    // (Converted by `image`, which is built optimised even in dev builds.)
    let rgba = image::RgbaImage::from_raw(pixmap.width(), pixmap.height(), pixmap.data().to_vec())
        .ok_or_else(|| RenderError::Encode("pixel buffer has the wrong size".to_owned()))?;
    let rgb = image::DynamicImage::ImageRgba8(rgba).into_rgb8();
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive)
        .write_image(
            rgb.as_raw(),
            pixmap.width(),
            pixmap.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| RenderError::Encode(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests;
