//! The home-screen icons Android asks for (192 and 512 px, and a maskable 512 px one whose
//! mark stays inside the safe circle), drawn once at start from the same shapes as the theme's
//! `icon.svg`: the green tile with the white "M" of học vụ (mở, minh…) — a mark, not text.

use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

const GREEN: (u8, u8, u8) = (0x0b, 0x6e, 0x4f);
/// The mark of icon.svg (viewBox 32×32): `M7 22V10h4l5 7 5-7h4v12h-4v-6l-5 6-5-6v6z`.
const MARK: [(f32, f32); 12] = [
    (7.0, 22.0),
    (7.0, 10.0),
    (11.0, 10.0),
    (16.0, 17.0),
    (21.0, 10.0),
    (25.0, 10.0),
    (25.0, 22.0),
    (21.0, 22.0),
    (21.0, 16.0),
    (16.0, 22.0),
    (11.0, 16.0),
    (11.0, 22.0),
];

pub struct AppIcon {
    pub size: u32,
    /// `any` (rounded tile) or `maskable` (full bleed; the launcher cuts its own shape).
    pub purpose: &'static str,
    pub png: Vec<u8>,
}

pub fn all() -> Vec<AppIcon> {
    [(192, "any"), (512, "any"), (512, "maskable")]
        .into_iter()
        .filter_map(|(size, purpose)| {
            let png = draw(size, purpose == "maskable")?;
            Some(AppIcon { size, purpose, png })
        })
        .collect()
}

fn draw(size: u32, maskable: bool) -> Option<Vec<u8>> {
    let mut pixmap = Pixmap::new(size, size)?;
    let s = size as f32;
    let mut green = Paint::default();
    green.set_color_rgba8(GREEN.0, GREEN.1, GREEN.2, 255);
    green.anti_alias = true;
    let tile = if maskable {
        PathBuilder::from_rect(Rect::from_xywh(0.0, 0.0, s, s)?)
    } else {
        rounded_square(s, s * 6.0 / 32.0)?
    };
    pixmap.fill_path(
        &tile,
        &green,
        FillRule::Winding,
        Transform::identity(),
        None,
    );
    // The maskable icon's mark is shrunk into the central 80% safe zone.
    let scale = if maskable { s / 32.0 * 0.72 } else { s / 32.0 };
    let offset = (s - 32.0 * scale) / 2.0;
    let mut pb = PathBuilder::new();
    for (i, (x, y)) in MARK.iter().enumerate() {
        let (x, y) = (offset + x * scale, offset + y * scale);
        if i == 0 {
            pb.move_to(x, y);
        } else {
            pb.line_to(x, y);
        }
    }
    pb.close();
    let mut white = Paint::default();
    white.set_color_rgba8(255, 255, 255, 255);
    white.anti_alias = true;
    pixmap.fill_path(
        &pb.finish()?,
        &white,
        FillRule::Winding,
        Transform::identity(),
        None,
    );
    encode(&pixmap)
}

fn rounded_square(s: f32, r: f32) -> Option<tiny_skia::Path> {
    let mut pb = PathBuilder::new();
    pb.move_to(r, 0.0);
    pb.line_to(s - r, 0.0);
    pb.quad_to(s, 0.0, s, r);
    pb.line_to(s, s - r);
    pb.quad_to(s, s, s - r, s);
    pb.line_to(r, s);
    pb.quad_to(0.0, s, 0.0, s - r);
    pb.line_to(0.0, r);
    pb.quad_to(0.0, 0.0, r, 0.0);
    pb.close();
    pb.finish()
}

fn encode(pixmap: &Pixmap) -> Option<Vec<u8>> {
    use image::ImageEncoder as _;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut out = Vec::new();
    // Premultiplied RGBA equals RGBA where pixels are opaque; the rounded corners' edge
    // pixels are close enough for an icon.
    PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive)
        .write_image(
            pixmap.data(),
            pixmap.width(),
            pixmap.height(),
            image::ExtendedColorType::Rgba8,
        )
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_are_pngs_of_the_sizes_android_asks_for() {
        let icons = all();
        assert_eq!(icons.len(), 3);
        for icon in &icons {
            let img = image::load_from_memory(&icon.png).unwrap();
            assert_eq!((img.width(), img.height()), (icon.size, icon.size));
            let rgba = img.to_rgba8();
            // Green at the tile's edge middle, white in the mark, corners transparent only
            // on the rounded tile.
            let mid = icon.size / 2;
            assert_eq!(&rgba.get_pixel(mid, 2).0[..3], &[0x0b, 0x6e, 0x4f]);
            let corner = rgba.get_pixel(0, 0).0[3];
            assert_eq!(corner == 0, icon.purpose == "any");
            let stroke = (icon.size as f32 * 9.0 / 32.0) as u32;
            let y = (icon.size as f32 * 0.55) as u32;
            if icon.purpose == "any" {
                assert_eq!(&rgba.get_pixel(stroke, y).0[..3], &[255, 255, 255]);
            }
            assert!(icon.png.len() < 12_000, "{} bytes", icon.png.len());
        }
    }
}
