//! `Server` helpers for the operations tests, and a PostgreSQL server of the test's own (from `.ci/postgres.sh`), which the test may stop
//! and start again: an outage without disturbing the shared test database.

use std::io::Read;
use std::process::Command;

use super::Server;

impl Server {
    /// Starts with extra environment variables; `Err` holds stderr when it does not start.
    pub fn try_start_env_public(args: &[&str], env: &[(&str, &str)]) -> Result<Server, String> {
        Self::try_start_env(tempfile::tempdir().unwrap(), args, env)
    }

    /// A JSON POST with a bearer token; `None` when the connection fails (status, body).
    pub fn try_post_json(&self, path: &str, auth: &str, body: &str) -> Option<(u16, Vec<u8>)> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(std::time::Duration::from_secs(30)))
            .build()
            .into();
        let mut resp = agent
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/json")
            .header("Authorization", auth)
            .send(body)
            .ok()?;
        let status = resp.status().as_u16();
        Some((status, resp.body_mut().read_to_vec().ok()?))
    }

    /// Stops the server (SIGKILL) and returns what it wrote on stderr.
    pub fn stop_and_stderr(mut self) -> String {
        let mut err = String::new();
        let stderr = self.child.stderr.take();
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(mut stderr) = stderr {
            let _ = stderr.read_to_string(&mut err);
        }
        err
    }
}

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
