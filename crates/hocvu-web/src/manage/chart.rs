//! The monthly trend chart: bars drawn on the server as SVG (no script), small citizen groups
//! hidden the same way as in the tables.

use super::{MIN_GROUP, masked};
use crate::site::render::escape_html as escape;

/// One series of the trend chart: name, colour, a value per month, and whether it counts
/// citizens (then values under `MIN_GROUP` are drawn as one "<5" height and never printed).
pub type Series<'a> = (&'a str, &'a str, Vec<i64>, bool);

/// A bar chart of monthly counts, one colour per series; labels are escaped. Accessible:
/// `role="img"` with a title, and the same numbers in the table next to it.
pub fn trend_svg(title: &str, months: &[String], series: &[Series<'_>]) -> String {
    let (w, h, left, bottom, top) = (640.0_f64, 260.0_f64, 40.0_f64, 40.0_f64, 16.0_f64);
    let shown = |v: i64, citizens: bool| {
        if citizens && v > 0 && v < MIN_GROUP {
            MIN_GROUP
        } else {
            v
        }
    };
    let max = series
        .iter()
        .flat_map(|(_, _, v, c)| v.iter().map(|x| shown(*x, *c)))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = (w - left) / months.len().max(1) as f64;
    let bar = (slot - 6.0) / series.len().max(1) as f64;
    let mut out = format!(
        "<svg class=\"trend\" role=\"img\" aria-labelledby=\"trend-title\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"trend-title\">{}</title>",
        escape(title)
    );
    let plot = h - bottom - top;
    out.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{w}\" y2=\"{}\" stroke=\"#555\"/>",
        h - bottom,
        h - bottom
    ));
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
        left - 4.0,
        top + 4.0,
        max as i64
    ));
    for (i, month) in months.iter().enumerate() {
        let x0 = left + slot * i as f64 + 3.0;
        for (s, (_, colour, values, citizens)) in series.iter().enumerate() {
            let raw = values.get(i).copied().unwrap_or(0);
            let label = if *citizens {
                masked(raw)
            } else {
                raw.to_string()
            };
            let bh = plot * shown(raw, *citizens) as f64 / max;
            out.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"><title>{} {}</title></rect>",
                x0 + bar * s as f64,
                h - bottom - bh,
                bar.max(1.0),
                bh,
                escape(month),
                escape(&label)
            ));
        }
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            x0 + (slot - 6.0) / 2.0,
            h - bottom + 14.0,
            escape(&month[5..])
        ));
    }
    for (s, (name, colour, _, _)) in series.iter().enumerate() {
        let x = left + 170.0 * s as f64;
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            h - 16.0,
            x + 16.0,
            h - 6.0,
            escape(name)
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_escapes_labels_and_scales_to_the_largest_value() {
        let svg = trend_svg(
            "A <b>",
            &["2026-10".into(), "2026-11".into()],
            &[
                ("x&y", "#123456", vec![2, 4], false),
                ("c", "#000", vec![3, 0], true),
            ],
        );
        assert!(svg.contains("A &lt;b&gt;") && svg.contains("x&amp;y"));
        assert!(svg.contains("<title>2026-11 4</title>"));
        assert!(!svg.contains("<b>"));
        // Citizen counts under five are never printed, not even in the chart.
        assert!(svg.contains("<title>2026-10 &lt;5</title>"), "{svg}");
        assert!(!svg.contains("2026-10 3<"), "{svg}");
    }
}
