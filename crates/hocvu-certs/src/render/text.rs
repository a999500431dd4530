//! Text for the pictures: shaping with rustybuzz, ink extents, cleaning, and fitting lines
//! into a field's box (wrap, shrink, break, cut).

use super::*;
use rustybuzz::UnicodeBuffer;
use rustybuzz::ttf_parser::GlyphId;

/// A shaped run in font units.
#[derive(Debug, Clone)]
pub(super) struct Shaped {
    /// (glyph, pen x, x offset, y offset) per glyph.
    pub(super) glyphs: Vec<(u16, i32, i32, i32)>,
    pub(super) advance: i32,
}

pub(super) fn shape(face: &Face, text: &str) -> Shaped {
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
pub(super) fn ink(face: &Face, shaped: &Shaped) -> Option<(i32, i32, i32, i32)> {
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

/// Collapses whitespace, drops control characters and caps the length.
pub(super) fn clean(text: &str) -> String {
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
pub(super) fn is_mark(c: char) -> bool {
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
pub(super) fn clusters(text: &str) -> Vec<&str> {
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
pub(super) fn fit(face: &Face, text: &str, slot: &Slot) -> Vec<LaidLine> {
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
pub(super) fn wrap_words(
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
pub(super) fn greedy(
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
pub(super) fn wrap_hard(face: &Face, text: &str, scale: f32, slot: &Slot) -> Vec<String> {
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
pub(super) fn place(
    face: &Face,
    lines: &[String],
    size: f32,
    slot: &Slot,
) -> Option<Vec<LaidLine>> {
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
