//! A course as a SCORM 1.2 package: `imsmanifest.xml`, one SCO per lesson (`<slug>/index.html`),
//! the theme's CSS, the images and lesson narrations the lessons use and `sco.js`. One SCO per lesson because the
//! site counts progress by lesson (each its own quiz and pass mark): the LMS then shows the same
//! lesson-by-lesson record, lets a learner resume any lesson, and needs no navigation inside
//! the package. The package is deterministic: entries in a fixed order, stored, with one fixed
//! timestamp, so the same bundle gives the same bytes.

use crate::interop::sco_page::lesson_page;
use crate::site::Site;
use crate::site::render::escape_html as esc;
use hocvu_content::{Bundle, Locale};
use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

const SCO_SCRIPT: &str = include_str!("sco.js");

#[derive(Debug, thiserror::Error)]
pub enum ScormError {
    #[error("no course `{0}` (hocvu check lists the courses)")]
    UnknownCourse(String),
    #[error("`{0}` is not a language this site serves (the interface languages are: {1})")]
    UnknownLocale(String, String),
    #[error("the course has no lessons")]
    Empty,
    #[error("could not write the package: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("could not write the package: {0}")]
    Io(#[from] std::io::Error),
}

/// The files of the package, by path (sorted: the order they are written in).
pub fn package_files(
    site: &Site,
    course: &str,
    locale: Option<&str>,
) -> Result<BTreeMap<String, Vec<u8>>, ScormError> {
    let loaded = site
        .loaded_any(course)
        .ok_or_else(|| ScormError::UnknownCourse(course.to_string()))?;
    let lang = match locale {
        None => Locale::SOURCE,
        Some(l) => site.ui_locale(l).ok_or_else(|| {
            let all: Vec<String> = site
                .i18n
                .locales()
                .iter()
                .map(|l| l.as_str().to_string())
                .collect();
            ScormError::UnknownLocale(l.to_string(), all.join(", "))
        })?,
    };
    let bundle = &loaded.bundle;
    if bundle.lessons.is_empty() {
        return Err(ScormError::Empty);
    }
    let theme = &site
        .themes
        .get(site.default_theme)
        .ok_or(ScormError::Empty)?
        .renderer
        .theme;
    let mut files = BTreeMap::new();
    files.insert("theme.css".to_string(), theme.css.clone().into_bytes());
    files.insert("sco.js".to_string(), SCO_SCRIPT.as_bytes().to_vec());
    for index in 0..bundle.lessons.len() {
        let page = lesson_page(site, bundle, index, lang).ok_or(ScormError::Empty)?;
        for media in &bundle.media {
            if page.contains(&format!("../media/{}", media.name)) {
                files.insert(format!("media/{}", media.name), media.bytes.clone());
            }
        }
        for audio in &bundle.audio {
            if page.contains(&format!("../audio/{}", audio.name)) {
                files.insert(format!("audio/{}", audio.name), audio.bytes.to_vec());
            }
        }
        let slug = &bundle.lessons[index].slug;
        files.insert(format!("{slug}/index.html"), page.into_bytes());
    }
    let manifest = manifest(bundle, lang, &files);
    files.insert("imsmanifest.xml".to_string(), manifest.into_bytes());
    Ok(files)
}

/// The zip of [`package_files`]: `imsmanifest.xml` first (some LMSs look for it there), then
/// the rest by path.
pub fn package(site: &Site, course: &str, locale: Option<&str>) -> Result<Vec<u8>, ScormError> {
    let mut files = package_files(site, course, locale)?;
    let manifest = files.remove("imsmanifest.xml").unwrap_or_default();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    zip.start_file("imsmanifest.xml", options)?;
    zip.write_all(&manifest)?;
    for (path, bytes) in &files {
        zip.start_file(path.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// `imsmanifest.xml` (SCORM 1.2, IMS CP 1.1.2): the course's title, version and description,
/// one item per lesson with the pass mark as its mastery score, one SCO resource per lesson
/// listing every file it uses.
fn manifest(bundle: &Bundle, lang: Locale, files: &BTreeMap<String, Vec<u8>>) -> String {
    let course = &bundle.course;
    let (title, _) = course.title_in(lang);
    let (description, _) = course.description_in(lang);
    let mut items = String::new();
    let mut resources = String::new();
    for lesson in &bundle.lessons {
        let slug = &lesson.slug;
        let text = lesson.text_in(lang);
        let lesson_title = text.map_or(slug.as_str(), |t| t.title.as_str());
        let has_quiz = text.is_some_and(|t| !t.quiz.is_empty());
        let mastery = if !has_quiz {
            String::new()
        } else if lesson.all_questions_required {
            "\n        <adlcp:masteryscore>100</adlcp:masteryscore>".to_string()
        } else {
            format!(
                "\n        <adlcp:masteryscore>{}</adlcp:masteryscore>",
                course.pass_mark
            )
        };
        items += &format!(
            "      <item identifier=\"item-{slug}\" identifierref=\"sco-{slug}\">\n        <title>{}</title>{mastery}\n      </item>\n",
            esc(lesson_title)
        );
        let page = format!("{slug}/index.html");
        let mut used = vec![page.clone(), "sco.js".to_string(), "theme.css".to_string()];
        let html = files
            .get(&page)
            .map(|b| String::from_utf8_lossy(b))
            .unwrap_or_default();
        used.extend(
            files
                .keys()
                .filter(|p| {
                    (p.starts_with("media/") || p.starts_with("audio/"))
                        && html.contains(&format!("../{p}"))
                })
                .cloned(),
        );
        used.sort();
        let file_list: String = used
            .iter()
            .map(|f| format!("      <file href=\"{}\"/>\n", esc(f)))
            .collect();
        resources += &format!(
            "    <resource identifier=\"sco-{slug}\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"{page}\">\n{file_list}    </resource>\n"
        );
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="hocvu-{id}-{version}" version="{version}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title><imsmd:langstring xml:lang="{lang}">{title}</imsmd:langstring></imsmd:title>
        <imsmd:language>{lang}</imsmd:language>
        <imsmd:description><imsmd:langstring xml:lang="{lang}">{description}</imsmd:langstring></imsmd:description>
      </imsmd:general>
      <imsmd:lifecycle>
        <imsmd:version><imsmd:langstring xml:lang="x-none">{version}</imsmd:langstring></imsmd:version>
      </imsmd:lifecycle>
    </imsmd:lom>
  </metadata>
  <organizations default="hocvu-{id}">
    <organization identifier="hocvu-{id}">
      <title>{title}</title>
{items}    </organization>
  </organizations>
  <resources>
{resources}  </resources>
</manifest>
"#,
        id = course.id,
        version = esc(&course.version),
        title = esc(title),
        description = esc(description),
    )
}
