//! Painting: the border, shaped lines of glyph outlines, the QR code, PNG encoding.

use super::*;
use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Rect, Stroke, Transform};

pub(super) fn color([r, g, b]: [u8; 3]) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

pub(super) fn paint(rgb: [u8; 3], anti_alias: bool) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(color(rgb));
    paint.anti_alias = anti_alias;
    paint
}

pub(super) fn draw_border(pixmap: &mut Pixmap, layout: Layout) {
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
pub(super) struct Outline<'a> {
    pub(super) path: &'a mut PathBuilder,
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) scale: f32,
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

pub(super) fn draw_line(pixmap: &mut Pixmap, face: &Face, line: &LaidLine) {
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

pub(super) fn draw_qr(pixmap: &mut Pixmap, qr: &QrPlan) {
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

pub(super) fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>, RenderError> {
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
