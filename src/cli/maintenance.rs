//! `hocvu maintenance`: the clean-up the server also runs daily (idle guests, old throttling
//! counts), for a cron job or to run it now.

use super::cert::SiteArgs;
use std::process::ExitCode;

pub fn run(
    guest_days: Option<u32>,
    as_of: Option<String>,
    site: SiteArgs,
) -> anyhow::Result<ExitCode> {
    let config = site.config()?;
    anyhow::ensure!(
        config.database_url.is_some() || config.data_dir.exists(),
        "no data directory at {} (use --data-dir or --database)",
        config.data_dir.display()
    );
    let days = guest_days.unwrap_or(config.guest_retention_days);
    let now = match as_of {
        Some(date) => hocvu_dates::vietnam_ms(&date, "00:00")
            .ok_or_else(|| anyhow::anyhow!("--as-of `{date}` is not a date (YYYY-MM-DD)"))?,
        None => hocvu_store::now_ms(),
    };
    let url = config.database_url();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let removed = runtime.block_on(async {
        let store = hocvu_store::Store::connect(&url).await?;
        store.migrate().await?;
        store.maintain(now, days).await
    })?;
    match days {
        0 => println!("guest clean-up is off (guest_retention_days = 0)"),
        _ => println!("{removed} guests idle for {days} days removed"),
    }
    Ok(ExitCode::SUCCESS)
}
