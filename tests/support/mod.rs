//! A real `hocvu serve` on a loopback port with its own data directory, and a plain HTTP client
//! (no automatic redirects or decompression, so tests see exactly what a phone receives).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

// Operations (issue 19): a PostgreSQL server a test can stop and start, and more `Server` helpers.
pub mod pg;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub struct Server {
    child: Child,
    pub base: String,
    pub data: tempfile::TempDir,
    /// `--database` given to the server (PostgreSQL); `None`: SQLite in `data`.
    pub database: Option<String>,
    args: Vec<String>,
}

/// The database an end-to-end scenario runs on.
#[derive(Debug, Clone, Copy)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// Runs each named scenario `fn(Server)` twice: on SQLite and on PostgreSQL (skipped, with a
/// note, where no PostgreSQL test server is configured; never skipped in CI).
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        $crate::on_both_databases!(args = []; $($name),*);
    };
    // With extra `hocvu serve` arguments for every scenario.
    (args = $args:expr; $($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[test]
            fn $name() {
                super::$name(super::Server::start_on(super::support::Db::Sqlite, &$args).unwrap());
            })*
        }
        mod on_postgres {
            $(#[test]
            fn $name() {
                if let Some(server) = super::Server::start_on(super::support::Db::Postgres, &$args) {
                    super::$name(server);
                }
            })*
        }
    };
}

impl Server {
    /// Starts `hocvu serve` with the repository's content, themes and locales plus `args`.
    pub fn start(args: &[&str]) -> Server {
        Self::try_start(args).unwrap_or_else(|e| panic!("server did not start: {e}"))
    }

    /// Starts the server on an existing data directory (a restart).
    pub fn start_in(data: tempfile::TempDir, args: &[&str]) -> Server {
        Self::try_start_in(data, args).unwrap_or_else(|e| panic!("server did not start: {e}"))
    }

    /// Starts the server; `Err` holds its stderr when it exits instead of listening.
    pub fn try_start(args: &[&str]) -> Result<Server, String> {
        Self::try_start_in(tempfile::tempdir().unwrap(), args)
    }

    /// Starts the server with extra environment variables (settings without a flag).
    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Server {
        Self::try_start_env(tempfile::tempdir().unwrap(), args, env)
            .unwrap_or_else(|e| panic!("server did not start: {e}"))
    }

    pub fn try_start_in(data: tempfile::TempDir, args: &[&str]) -> Result<Server, String> {
        Self::try_start_env(data, args, &[])
    }

    pub(crate) fn try_start_env(
        data: tempfile::TempDir,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Result<Server, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hocvu"))
            .envs(env.iter().copied())
            .arg("serve")
            .args(["--bind", "127.0.0.1:0", "--workers", "2"])
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("RUST_LOG", "warn")
            .envs(env.iter().copied()) // may set RUST_LOG too
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let Some(addr) = line.split("listening on ").nth(1) else {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            let _ = child.wait();
            return Err(err);
        };
        let base = addr.split_whitespace().next().unwrap().to_string();
        let database = args
            .windows(2)
            .find(|w| w[0] == "--database")
            .map(|w| w[1].to_string());
        Ok(Server {
            child,
            base,
            data,
            database,
            args: args.iter().map(|a| a.to_string()).collect(),
        })
    }

    /// A server on `db`; `None` when PostgreSQL is wanted but not configured.
    pub fn start_on(db: Db, args: &[&str]) -> Option<Server> {
        match db {
            Db::Sqlite => Some(Self::start(args)),
            Db::Postgres => {
                let url = postgres_schema_url()?;
                let mut all = vec!["--database", url.as_str()];
                all.extend_from_slice(args);
                Some(Self::start(&all))
            }
        }
    }

    /// Stops this server and starts a new one on the same data directory and database.
    pub fn restart(mut self) -> Server {
        let data = std::mem::replace(&mut self.data, tempfile::tempdir().unwrap());
        let args = self.args.clone();
        drop(self);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        Self::start_in(data, &args)
    }

    /// The database this server writes to, for checks behind its back. Connect and query in
    /// one `block_on`: PostgreSQL connections belong to the runtime that opened them.
    pub fn database_url(&self) -> String {
        self.database.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rw",
                self.data.path().join("hocvu.db").display()
            )
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn wait(&mut self) -> std::process::ExitStatus {
        self.child.wait().unwrap()
    }

    pub fn get(&self, path: &str) -> Resp {
        self.request("GET", path, &[], None)
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        self.request("GET", path, headers, None)
    }

    /// A form POST as a browser sends it from this site (with its Origin).
    pub fn post_form(&self, path: &str, body: &str) -> Resp {
        self.post_form_with(path, body, &[])
    }

    pub fn post_form_with(&self, path: &str, body: &str, extra: &[(&str, &str)]) -> Resp {
        let mut headers = vec![
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", self.base.as_str()),
        ];
        headers.extend_from_slice(extra);
        self.request("POST", path, &headers, Some(body))
    }

    /// Like `post_form_with`, but `None` when the connection fails (the server died).
    pub fn try_post_form_with(
        &self,
        path: &str,
        body: &str,
        extra: &[(&str, &str)],
    ) -> Option<Resp> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .into();
        let mut req = agent
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", self.base.as_str());
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let mut resp = req.send(body).ok()?;
        let status = resp.status().as_u16();
        let body = resp.body_mut().read_to_vec().ok()?;
        Some(Resp {
            status,
            headers: Vec::new(),
            body,
        })
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Resp {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .into();
        let url = format!("{}{path}", self.base);
        let mut resp = if method == "POST" {
            let mut req = agent.post(&url);
            for (k, v) in headers {
                req = req.header(*k, *v);
            }
            req.send(body.unwrap_or("")).unwrap()
        } else if method == "DELETE" {
            agent.delete(&url).call().unwrap()
        } else {
            let mut req = agent.get(&url);
            for (k, v) in headers {
                req = req.header(*k, *v);
            }
            req.call().unwrap()
        };
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let body = resp
            .body_mut()
            .with_config()
            .limit(50 << 20)
            .read_to_vec()
            .unwrap();
        Resp {
            status,
            headers,
            body,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    /// The body, decompressed according to Content-Encoding.
    pub fn decoded(&self) -> String {
        let bytes = match self.header("content-encoding") {
            Some("br") => {
                let mut out = Vec::new();
                brotli::BrotliDecompress(&mut &self.body[..], &mut out).unwrap();
                out
            }
            Some("gzip") => {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&self.body[..])
                    .read_to_end(&mut out)
                    .unwrap();
                out
            }
            _ => self.body.clone(),
        };
        String::from_utf8(bytes).unwrap()
    }
}

/// From the compiler's answer key: every right option of each question, or its first wrong one.
pub fn chosen_options(quiz: &[hocvu_content::Question], right: bool) -> Vec<(String, Vec<String>)> {
    quiz.iter()
        .map(|q| {
            let chosen = if right {
                q.options
                    .iter()
                    .filter(|o| o.correct)
                    .map(|o| o.id.clone())
                    .collect()
            } else {
                vec![q.options.iter().find(|o| !o.correct).unwrap().id.clone()]
            };
            (q.id.clone(), chosen)
        })
        .collect()
}

/// Answers as the quiz form posts them: `q1=a&q2=b&q2=c`.
pub fn form_answers(quiz: &[hocvu_content::Question], right: bool) -> String {
    chosen_options(quiz, right)
        .iter()
        .flat_map(|(q, options)| options.iter().map(move |o| format!("{q}={o}")))
        .collect::<Vec<_>>()
        .join("&")
}

/// The shipped courses as the compiler sees them (titles, answer keys).
pub fn shipped_courses() -> Vec<hocvu_content::CompiledCourse> {
    let (courses, _) =
        hocvu_content::compile_all(&repo("content"), &hocvu_content::CompileOptions::default())
            .unwrap();
    courses
}

/// A URL to a new, empty schema of the PostgreSQL test database, or `None` (with a note) when
/// `HOCVU_TEST_POSTGRES_URL` is not set. `.ci/run` always sets it.
pub fn postgres_schema_url() -> Option<String> {
    let Ok(url) = std::env::var("HOCVU_TEST_POSTGRES_URL") else {
        eprintln!(
            "skipped: set HOCVU_TEST_POSTGRES_URL (export HOCVU_TEST_POSTGRES_URL=$(bash .ci/postgres.sh))"
        );
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the PostgreSQL tests"
        );
        return None;
    };
    let schema = format!(
        "e{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    block_on(async {
        let admin = hocvu_store::Store::connect(&url).await.unwrap();
        use hocvu_store::sea_orm::ConnectionTrait;
        admin
            .db
            .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
            .await
            .unwrap();
    });
    let sep = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{sep}options=-c%20search_path%3D{schema}"))
}

pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

pub fn session_cookie(r: &Resp) -> String {
    let all: Vec<&str> = r
        .headers
        .iter()
        .filter(|(k, _)| k == "set-cookie")
        .map(|(_, v)| v.as_str())
        .collect();
    let c = all
        .iter()
        .find(|c| c.starts_with("session="))
        .unwrap_or_else(|| panic!("no session cookie: {all:?}"));
    assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax"), "{c}");
    c.split(';').next().unwrap().to_string()
}

/// Every right answer of a lesson, as the quiz form sends them.
pub fn right_answers(course: &str, lesson: usize) -> (String, String) {
    let c = shipped_courses()
        .into_iter()
        .find(|c| c.bundle.course.id == course)
        .unwrap();
    let l = &c.bundle.lessons[lesson];
    (
        format!("/vi/courses/{course}/{}/", l.slug),
        form_answers(&l.source().unwrap().quiz, true),
    )
}

pub fn register(server: &Server, cookie: Option<&str>, username: &str, name: &str) -> Resp {
    let body = format!(
        "username={username}&display_name={}&commune=Ea+Kao&password=Lan%232024ab&password2=Lan%232024ab&consent={}",
        urlencode(name),
        hocvu_web::CONSENT_VERSION
    );
    let extra: Vec<(&str, &str)> = cookie.map(|c| vec![("Cookie", c)]).unwrap_or_default();
    server.post_form_with("/vi/account/register", &body, &extra)
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A copy of a folder (e.g. the shipped content) to change in a test.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs `hocvu ARGS` on the server's data directory and database; fails the test if it fails.
pub fn cli(server: &Server, args: &[&str]) -> String {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"));
    cmd.args(args).arg("--data-dir").arg(server.data.path());
    if let Some(db) = &server.database {
        cmd.args(["--database", db]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// GET as the holder of `cookie` (or a visitor).
pub fn get(server: &Server, cookie: Option<&str>, path: &str) -> Resp {
    let headers: Vec<(&str, &str)> = cookie.map(|c| vec![("Cookie", c)]).unwrap_or_default();
    server.get_with(path, &headers)
}

/// POST a same-site form as the holder of `cookie` (or a visitor).
pub fn post(server: &Server, cookie: Option<&str>, path: &str, body: &str) -> Resp {
    let headers: Vec<(&str, &str)> = cookie.map(|c| vec![("Cookie", c)]).unwrap_or_default();
    server.post_form_with(path, body, &headers)
}
