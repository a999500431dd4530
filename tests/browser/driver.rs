//! Finding Chromium, chromedriver and axe-core; starting chromedriver on a loopback port and
//! opening a phone-sized Chromium session through it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

use super::support::repo;

pub const INSTALL_HINT: &str = "install them with `apt-get install chromium chromium-driver` and \
     `npm install --prefix target/ci-node axe-core@4` (or run `bash .ci/run`); \
     HOCVU_CHROMIUM, HOCVU_CHROMEDRIVER and HOCVU_AXE_JS override the paths";

/// What the lane needs from outside the workspace.
pub struct Tools {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
    pub axe: PathBuf,
}

/// The tools, or `None` (with a note) where one is missing. With `HOCVU_BROWSER_TESTS=required`
/// (CI) a missing tool fails the test instead.
pub fn tools() -> Option<Tools> {
    let chromium = tool(
        "HOCVU_CHROMIUM",
        "Chromium",
        on_path(&["chromium", "chromium-browser", "google-chrome"]),
    );
    let chromedriver = tool(
        "HOCVU_CHROMEDRIVER",
        "chromedriver",
        on_path(&["chromedriver"]),
    );
    let axe = tool(
        "HOCVU_AXE_JS",
        "axe-core",
        Some(repo("target/ci-node/node_modules/axe-core/axe.min.js")),
    );
    let (chromium, chromedriver, axe) = match (chromium, chromedriver, axe) {
        (Ok(chromium), Ok(chromedriver), Ok(axe)) => (chromium, chromedriver, axe),
        (a, b, c) => {
            let missing: Vec<String> = [a.err(), b.err(), c.err()].into_iter().flatten().collect();
            let msg = format!(
                "browser lane: missing {}; {INSTALL_HINT}",
                missing.join(", ")
            );
            let required = std::env::var("HOCVU_BROWSER_TESTS").is_ok_and(|v| v == "required");
            assert!(!required, "{msg} (HOCVU_BROWSER_TESTS=required)");
            say(&format!("skipped: {msg}"));
            return None;
        }
    };
    Some(Tools {
        chromium,
        chromedriver,
        axe,
    })
}

/// Straight to stderr: the test harness swallows `eprintln!` of a passing test.
pub fn say(msg: &str) {
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// `$var` if set, else `default`; either must be a file.
fn tool(var: &str, what: &str, default: Option<PathBuf>) -> Result<PathBuf, String> {
    let (path, from) = match std::env::var_os(var).filter(|v| !v.is_empty()) {
        Some(v) => (Some(PathBuf::from(v)), format!("from {var}")),
        None => (default, "the default".to_string()),
    };
    match path {
        Some(p) if p.is_file() => Ok(p),
        Some(p) => Err(format!("{what} (no file {}, {from})", p.display())),
        None => Err(format!("{what} (not on PATH; {var} is not set)")),
    }
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// A chromedriver process; dropping it (also on panic) quits its browsers and ends it.
pub struct Driver {
    child: Child,
    pub url: String,
}

impl Driver {
    pub fn start(exe: &Path, log: &Path) -> Result<Driver, String> {
        let mut last = String::new();
        // The free port can be taken between probing and binding: try a few.
        for _ in 0..3 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .map_err(|e| e.to_string())?
                .port();
            let child = Command::new(exe)
                .arg(format!("--port={port}"))
                .arg(format!("--log-path={}", log.display()))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
            let mut driver = Driver {
                child,
                url: format!("http://127.0.0.1:{port}"),
            };
            match driver.wait_ready(Duration::from_secs(20)) {
                Ok(()) => return Ok(driver),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    fn wait_ready(&mut self, limit: Duration) -> Result<(), String> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = self.child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                return Err(format!("chromedriver exited ({status}): {err}"));
            }
            let status = http(&format!("{}/status", self.url), None);
            if status.is_ok_and(|s| s["value"]["ready"] == json!(true)) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "chromedriver not ready at {} after {limit:?}",
            self.url
        ))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // /shutdown quits the browsers of every session before chromedriver exits.
        let _ = http(&format!("{}/shutdown", self.url), None);
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A JSON request to chromedriver: GET without a body, POST with one.
pub fn http(url: &str, body: Option<&Value>) -> Result<Value, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut resp = match body {
        Some(b) => agent
            .post(url)
            .header("Content-Type", "application/json")
            .send(b.to_string()),
        None => agent.get(url).call(),
    }
    .map_err(|e| format!("{url}: {e}"))?;
    let status = resp.status().as_u16();
    let text = resp
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .map_err(|e| format!("{url}: {e}"))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{url}: {e}: {text:.300}"))?;
    if status >= 400 {
        return Err(format!("{url}: HTTP {status}: {}", value["value"]));
    }
    Ok(value)
}

/// An Android phone's Chrome, as most learners have.
const PHONE_UA: &str = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) \
     Chrome/148.0.0.0 Mobile Safari/537.36";

/// Opens a 360×740 touch-phone session whose preferred languages are Ê Đê then Vietnamese.
pub async fn open_session(
    driver: &Driver,
    chromium: &Path,
    profile: &Path,
    javascript: bool,
) -> Result<Client, String> {
    let mut prefs = json!({ "intl.accept_languages": "rad,vi" });
    if !javascript {
        prefs["profile.managed_default_content_settings.javascript"] = json!(2);
    }
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--lang=rad",
                // The narrator's journey records from a fake microphone, allowed without a prompt.
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": prefs,
            "mobileEmulation": {
                "deviceMetrics": { "width": 360, "height": 740, "pixelRatio": 2.0, "touch": true },
                "userAgent": PHONE_UA,
            },
        },
    });
    let Value::Object(caps) = caps else {
        unreachable!()
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .map_err(|e| format!("no Chromium session from {}: {e}", driver.url))?;
    client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(Duration::from_secs(60)),
            Some(Duration::from_secs(60)),
            Some(Duration::ZERO),
        ))
        .await
        .map_err(|e| e.to_string())?;
    Ok(client)
}

/// A Chrome DevTools command through chromedriver.
pub fn cdp(driver: &Driver, session: &str, cmd: &str, params: Value) -> Result<Value, String> {
    let url = format!("{}/session/{session}/goog/cdp/execute", driver.url);
    http(&url, Some(&json!({ "cmd": cmd, "params": params }))).map(|v| v["value"].clone())
}
