//! The "Listen" controls of a lesson page: which recording a learner hears (their language's,
//! else the Vietnamese one, marked), labelled with its length and download size.

use super::Renderer;
use hocvu_content::narration::{Clip, Narration};
use hocvu_content::{Lesson, Locale};
use hocvu_i18n::FluentArgs;

impl Renderer {
    /// `{"lesson": control?, "questions": {q1: control}}` for a lesson page in `lang`.
    pub(super) fn listen(&self, lesson: &Lesson, lang: Locale) -> serde_json::Value {
        let pick = |part: &dyn Fn(&Narration) -> Option<&Clip>| {
            [lang, Locale::SOURCE].into_iter().find_map(|l| {
                let n = lesson.narrations.get(&l)?;
                part(n).map(|clip| (l, n, clip))
            })
        };
        let control = |found: Option<(Locale, &Narration, &Clip)>, key: &str| {
            found.map(|(l, n, clip)| {
                serde_json::json!({
                    "src": format!("/audio/{}", clip.file),
                    "type": clip.content_type,
                    "label": self.listen_label(lang, key, clip),
                    "lang": l,
                    "fallback": l != lang,
                    "machine": n.machine,
                    "stale": n.stale,
                    "narrator": n.narrator,
                })
            })
        };
        let questions: serde_json::Map<String, serde_json::Value> = lesson
            .source()
            .map(|t| t.quiz.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|q| {
                let found = pick(&|n: &Narration| n.questions.get(&q.id));
                Some((q.id.clone(), control(found, "listen-question")?))
            })
            .collect();
        serde_json::json!({
            "lesson": control(pick(&|n: &Narration| n.lesson.as_ref()), "listen-lesson"),
            "questions": questions,
        })
    }

    /// "Nghe · 3 phút · 0,9 MB".
    pub fn listen_label(&self, lang: Locale, key: &str, clip: &Clip) -> String {
        let mut args = FluentArgs::new();
        args.set("duration", duration(&self.i18n, lang, clip.duration_ms));
        args.set("size", size(lang, clip.bytes));
        self.i18n.tr(lang, key, Some(&args))
    }
}

fn duration(i18n: &hocvu_i18n::I18n, lang: Locale, ms: u64) -> String {
    let seconds = ms.div_ceil(1000).max(1);
    let mut args = FluentArgs::new();
    if seconds < 60 {
        args.set("n", seconds);
        i18n.tr(lang, "listen-seconds", Some(&args))
    } else {
        args.set("n", (seconds + 30) / 60);
        i18n.tr(lang, "listen-minutes", Some(&args))
    }
}

/// Megabytes with one decimal (kilobytes under 0.1 MB), with the language's decimal mark.
pub fn size(lang: Locale, bytes: u64) -> String {
    let text = if bytes < 100_000 {
        format!("{} KB", bytes.div_ceil(1000).max(1))
    } else {
        let tenths = (bytes + 50_000) / 100_000;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    };
    if lang == Locale::En {
        text
    } else {
        text.replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_the_languages_decimal_mark() {
        assert_eq!(size(Locale::Vi, 912_000), "0,9 MB");
        assert_eq!(size(Locale::En, 912_000), "0.9 MB");
        assert_eq!(size(Locale::Vi, 23_005), "24 KB");
        assert_eq!(size(Locale::Rad, 2_460_000), "2,5 MB");
    }
}
