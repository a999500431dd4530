#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! `/metrics` in the Prometheus text format (checked by `promtool check metrics` when it is
//! installed, which `.ci/run` does), refused from addresses not allowed, and the server log:
//! no colour codes when not on a terminal, JSON lines on request, request lines off by default.

mod support;

use support::Server;

fn promtool_check(text: &str) {
    use std::io::Write;
    let child = std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("skipped promtool: install Debian's prometheus package (.ci/run does)");
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must check /metrics with promtool"
        );
        return;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "promtool: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn metrics_list_every_series_and_pass_promtool() {
    let server = Server::start(&[]);
    assert_eq!(server.get("/vi/courses/vneid/").status, 200);
    assert_eq!(server.get("/healthz").status, 200);
    for _ in 0..6 {
        server.post_form(
            "/vi/account/login",
            "username=khong-co&password=sai-mat-khau",
        );
    }
    let r = server.get("/metrics");
    assert_eq!(r.status, 200);
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = r.text();
    for series in [
        "hocvu_http_requests_total{route=\"/healthz\",status=\"200\"} 1",
        "hocvu_http_request_duration_seconds_bucket{route=\"page_cache\"",
        "hocvu_page_cache_hits_total",
        "hocvu_event_queue_batches 0",
        "hocvu_event_commit_batches_bucket",
        "hocvu_event_commit_events_count",
        "hocvu_db_pool_connections{state=\"idle\"}",
        "hocvu_db_pool_connections{state=\"in_use\"}",
        "hocvu_throttle_refusals_total{kind=\"login\"} 1",
        "hocvu_throttle_refusals_total{kind=\"checkin\"} 0",
    ] {
        assert!(text.contains(series), "{series} missing:\n{text}");
    }
    promtool_check(&text);
}

#[test]
fn metrics_are_refused_from_addresses_not_allowed() {
    let server = Server::start_with_env(&[], &[("HOCVU_METRICS_ALLOW", "10.1.2.0/24")]);
    let r = server.get("/metrics");
    assert_eq!(r.status, 403);
    assert!(!r.text().contains("hocvu_http"), "{}", r.text());
    let bad = Server::try_start_env_public(&[], &[("HOCVU_METRICS_ALLOW", "localhost")]);
    assert!(bad.err().unwrap().contains("localhost"));
}

#[test]
fn logs_are_plain_off_a_terminal_json_on_request_and_request_lines_opt_in() {
    let quiet = Server::start_with_env(&[], &[("RUST_LOG", "info")]);
    quiet.get("/healthz");
    let log = quiet.stop_and_stderr();
    assert!(!log.contains('\u{1b}'), "no colour codes: {log:?}");
    assert!(
        !log.contains("/healthz"),
        "no request lines by default: {log}"
    );
    let json = Server::start_with_env(
        &[],
        &[
            ("RUST_LOG", "info"),
            ("HOCVU_LOG_FORMAT", "json"),
            ("HOCVU_LOG_REQUESTS", "true"),
        ],
    );
    json.get("/healthz");
    let log = json.stop_and_stderr();
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l["fields"]["path"] == "/healthz" && l["fields"]["status"] == 200),
        "{log}"
    );
}
