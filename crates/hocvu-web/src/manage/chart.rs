//! The monthly trend chart: bars drawn on the server as SVG (no script), small citizen groups
//! hidden the same way as in the tables.
//!
//! Drawn for a phone: the view box is about as wide as a 360 px screen's content box, so the
//! picture is shown at roughly its own size there (`width: 100%; height: auto` in style.css
//! scales it up on wider screens) and its `FONT` stays at 12 CSS px or more from a 300 px wide
//! box up. Month labels are thinned to every second (third…) month when they would not fit
//! side by side, always keeping the latest month (a theme with bigger text may hide every
//! other one, class `alt`); the legend is HTML under the picture, so it wraps and follows the
//! theme's text size.

use super::{MIN_GROUP, masked};
use crate::site::render::escape_html as escape;

/// One series of the trend chart: name, colour, a value per month, and whether it counts
/// citizens (then values under `MIN_GROUP` are drawn as one "<5" height and never printed).
pub type Series<'a> = (&'a str, &'a str, Vec<i64>, bool);

/// The view box's width and height, in SVG user units.
const W: f64 = 320.0;
const H: f64 = 184.0;
/// Room for the y-axis figure on the left, half the last month label on the right, the month
/// labels below, a little air on top.
const LEFT: f64 = 40.0;
const RIGHT: f64 = 14.0;
const BOTTOM: f64 = 24.0;
const TOP: f64 = 10.0;
/// Text size in user units: 13 × 300 / 320 ≈ 12.2 CSS px in a 300 px wide box.
const FONT: f64 = 13.0;
/// The width one "MM/YY" label needs at `FONT`, with a gap to the next.
const LABEL: f64 = 44.0;

/// "2026-11" → "11/26" (month first, as Vietnamese dates are written).
fn short_month(month: &str) -> String {
    match (month.get(5..7), month.get(2..4)) {
        (Some(m), Some(y)) => format!("{m}/{y}"),
        _ => month.to_string(),
    }
}

/// A bar chart of monthly counts, one colour per series, with its legend; labels are escaped.
/// Accessible: `role="img"` with a title, and the same numbers in the table next to it.
pub fn trend_svg(title: &str, months: &[String], series: &[Series<'_>]) -> String {
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
    let n = months.len().max(1);
    let slot = (W - LEFT - RIGHT) / n as f64;
    let bar = (slot - 4.0) / series.len().max(1) as f64;
    // Every `every`-th month is labelled, counted back from the latest.
    let every = (LABEL / slot).ceil().max(1.0) as usize;
    let mut out = format!(
        "<figure class=\"trend-box\"><svg class=\"trend\" role=\"img\" aria-labelledby=\"trend-title\" viewBox=\"0 0 {W} {H}\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"trend-title\">{}</title>",
        escape(title)
    );
    let (base, plot) = (H - BOTTOM, H - BOTTOM - TOP);
    out.push_str(&format!(
        "<line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{W}\" y2=\"{base}\" stroke=\"#555\"/><line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{W}\" y2=\"{TOP}\" stroke=\"#ddd\"/>"
    ));
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"{FONT}\" text-anchor=\"end\">{}</text><text x=\"{}\" y=\"{base}\" font-size=\"{FONT}\" text-anchor=\"end\">0</text>",
        LEFT - 4.0,
        TOP + FONT * 0.75,
        max as i64,
        LEFT - 4.0,
    ));
    for (i, month) in months.iter().enumerate() {
        let x0 = LEFT + slot * i as f64 + 2.0;
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
                base - bh,
                bar.max(1.0),
                bh,
                escape(month),
                escape(&label)
            ));
        }
        if (n - 1 - i).is_multiple_of(every) {
            // The last label may not run past the right edge. Every other label is `alt`: a
            // theme with bigger text may hide those to make room (large-text does).
            let centre = (x0 + (slot - 4.0) / 2.0).min(W - 20.0);
            let alt = if ((n - 1 - i) / every) % 2 == 1 {
                " alt"
            } else {
                ""
            };
            out.push_str(&format!(
                "<text class=\"month{alt}\" x=\"{centre:.1}\" y=\"{}\" font-size=\"{FONT}\" text-anchor=\"middle\">{}</text>",
                base + FONT + 4.0,
                escape(&short_month(month))
            ));
        }
    }
    out.push_str("</svg><ul class=\"trend-legend\">");
    for (name, colour, _, _) in series {
        out.push_str(&format!(
            "<li><svg class=\"swatch\" viewBox=\"0 0 14 14\" width=\"14\" height=\"14\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"14\" height=\"14\" fill=\"{colour}\"/></svg>{}</li>",
            escape(name)
        ));
    }
    out.push_str("</ul></figure>");
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

    /// Every `name="…"` attribute value in `svg`, as numbers.
    fn numbers(svg: &str, name: &str) -> Vec<f64> {
        svg.split(&format!(" {name}=\""))
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse().ok())
            .collect()
    }

    #[test]
    fn the_chart_stays_legible_on_a_360_px_phone() {
        let months: Vec<String> = (1..=12).map(|m| format!("2026-{m:02}")).collect();
        let series = [
            ("Công chức hoàn thành", "#1d5c85", vec![7; 12], false),
            ("Người dân hoàn thành", "#c77800", vec![2; 12], true),
            ("Chứng chỉ đã cấp", "#2e7d32", vec![9; 12], true),
        ];
        let svg = trend_svg("Xu hướng", &months, &series);
        let root = svg.split('>').nth(1).unwrap();
        // Scales with the screen: a view box and no fixed size on the picture itself.
        assert!(root.starts_with("<svg class=\"trend\""), "{root}");
        assert!(root.contains(&format!("viewBox=\"0 0 {W} {H}\"")), "{root}");
        assert!(
            !root.contains(" width=") && !root.contains(" height="),
            "{root}"
        );
        // Text of 12 CSS px or more once the picture is shrunk to a 300 px wide box (a 360 px
        // phone's content box in the large-text theme is about 316 px).
        let sizes = numbers(&svg, "font-size");
        assert!(!sizes.is_empty());
        for size in &sizes {
            assert!(
                size * 300.0 / W >= 12.0,
                "font-size {size} in a {W} wide view box"
            );
        }
        // Month labels thinned so they do not touch: every second month, the latest kept.
        let labels: Vec<&str> = svg
            .split("text-anchor=\"middle\">")
            .skip(1)
            .filter_map(|s| s.split('<').next())
            .collect();
        assert_eq!(
            labels,
            ["02/26", "04/26", "06/26", "08/26", "10/26", "12/26"]
        );
        let alt: Vec<bool> = svg
            .split("<text class=\"")
            .skip(1)
            .map(|s| s.starts_with("month alt\""))
            .collect();
        assert_eq!(alt, [true, false, true, false, true, false]);
        let xs: Vec<f64> = svg
            .split("<text class=\"month")
            .skip(1)
            .filter_map(|s| s.split(" x=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect();
        assert_eq!(xs.len(), 6);
        for pair in xs.windows(2) {
            assert!(pair[1] - pair[0] >= 40.0, "labels too close: {xs:?}");
        }
        assert!(
            xs.iter().all(|x| x + 20.0 <= W),
            "a label runs off the edge: {xs:?}"
        );
        // The legend is HTML under the picture (it wraps), one item per series.
        let legend = svg.split("<ul class=\"trend-legend\">").nth(1).unwrap();
        assert_eq!(legend.matches("<li>").count(), 3);
        assert!(legend.contains("Người dân hoàn thành</li>"));
        // Still no citizen count under five, anywhere.
        assert!(!svg.contains(" 2</title>"), "{svg}");
        assert!(svg.contains("<title>2026-12 &lt;5</title>"));
    }

    #[test]
    fn a_short_trend_labels_every_month() {
        let months: Vec<String> = vec!["2026-10".into(), "2026-11".into(), "2026-12".into()];
        let svg = trend_svg("t", &months, &[("s", "#000", vec![1, 2, 3], false)]);
        assert_eq!(svg.matches("text-anchor=\"middle\"").count(), 3, "{svg}");
    }
}
