//! QR codes as inline SVG for web pages (the session screen and printed sheets): one path of
//! dark modules with a quiet zone, crisp at any size, no image request (the pages' CSP allows
//! only same-site images).

use qrcode::{Color, EcLevel, QrCode};

/// An `<svg>` of `text` as a QR code, labelled for screen readers; `None` if too long.
pub fn qr_svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + quiet, i / width + quiet);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    let mut label_text = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut label_text, label);
    Some(format!(
        "<svg class=\"qr\" role=\"img\" viewBox=\"0 0 {size} {size}\" xmlns=\"http://www.w3.org/2000/svg\" shape-rendering=\"crispEdges\"><title>{label_text}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_svg_reads_back_as_the_text() {
        let url = "https://hocvu.example/vi/checkin/12/ABCDE-FGHJK";
        let svg = qr_svg(url, "Mã <điểm danh>").unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<title>Mã &lt;điểm danh&gt;</title>"));
        // Draw the modules back into a picture and decode it.
        let size: u32 = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let scale = 4;
        let mut img = image::GrayImage::from_pixel(size * scale, size * scale, image::Luma([255]));
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        for m in d.split('M').filter(|m| !m.is_empty()) {
            let mut it = m.split([' ', 'h']);
            let x: u32 = it.next().unwrap().parse().unwrap();
            let y: u32 = it.next().unwrap().parse().unwrap();
            for dx in 0..scale {
                for dy in 0..scale {
                    img.put_pixel(x * scale + dx, y * scale + dy, image::Luma([0]));
                }
            }
        }
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].decode().unwrap().1, url);
    }
}
