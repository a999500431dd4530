//! `hocvu i18n export --out DIR`: the workspace's translations as the files the compiler reads,
//! for a deployment that serves prebuilt bundles (no content folder to write into).

use crate::cli::cert::SiteArgs;
use crate::cli::org::with_store;
use anyhow::Context;
use std::path::Path;
use std::process::ExitCode;

pub fn export(out: &Path, site: SiteArgs) -> anyhow::Result<ExitCode> {
    let works = with_store(site, async |store| {
        Ok(store.translation_works(None).await?)
    })?;
    let mut written = 0;
    for w in works
        .iter()
        .filter(|w| w.course_id != hocvu_store::translations::INTERFACE)
    {
        let safe = |s: &str| hocvu_content::course::is_slug(s);
        if !safe(&w.course_id) || !safe(&w.item) || hocvu_content::Locale::parse(&w.locale).is_err()
        {
            continue;
        }
        let dir = out.join(&w.course_id);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let file = hocvu_content::translation_file::path(&dir, &w.item, &w.locale);
        std::fs::write(&file, &w.body).with_context(|| format!("writing {}", file.display()))?;
        if !w.source.is_empty() {
            let kept = hocvu_content::translation_file::source_path(&dir, &w.item, &w.locale);
            std::fs::write(&kept, &w.source)
                .with_context(|| format!("writing {}", kept.display()))?;
        }
        println!("{} ({})", file.display(), w.state);
        written += 1;
    }
    println!(
        "{written} translation(s) written; copy each course folder over the content folder's and review the diff"
    );
    Ok(ExitCode::SUCCESS)
}
