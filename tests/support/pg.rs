//! A PostgreSQL server of the test's own (from `.ci/postgres.sh`), which the test may stop
//! and start again: an outage without disturbing the shared test database.

use std::process::Command;

pub struct PrivatePostgres {
    pub url: String,
    dir: String,
}

impl PrivatePostgres {
    /// `None` (with a note) where the PostgreSQL tests are not configured; never in CI.
    pub fn start() -> Option<PrivatePostgres> {
        std::env::var("HOCVU_TEST_POSTGRES_URL").ok().or_else(|| {
            eprintln!("skipped: set HOCVU_TEST_POSTGRES_URL (see README, Testing)");
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the PostgreSQL tests"
            );
            None
        })?;
        let out = Command::new("bash")
            .arg(super::repo(".ci/postgres.sh"))
            .env("PGPORT_TEST", "27432")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8(out.stdout).unwrap();
        let (url, dir) = line.trim().split_once(' ').unwrap();
        Some(PrivatePostgres {
            url: url.to_string(),
            dir: dir.to_string(),
        })
    }

    fn script(&self, action: &str) {
        let status = Command::new("bash")
            .arg(super::repo(".ci/postgres.sh"))
            .args([action, &self.dir])
            .status()
            .unwrap();
        assert!(status.success(), "postgres.sh {action}");
    }

    /// Stops the server (fast shutdown: open connections are cut).
    pub fn down(&self) {
        self.script("down");
    }

    pub fn up(&self) {
        self.script("up");
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(super::repo(".ci/postgres.sh"))
            .args(["stop", &self.dir])
            .status();
    }
}
