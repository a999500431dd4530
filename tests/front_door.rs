#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! What a page audit and a TLS proxy see: `/robots.txt`, a meta description on every public
//! page, HSTS only over HTTPS; and the nginx site in `deploy/` is valid nginx.

mod support;

use support::Server;

#[test]
fn robots_meta_description_and_hsts() {
    let server = Server::start(&[]);
    let robots = server.get("/robots.txt");
    assert_eq!(robots.status, 200);
    let text = robots.text();
    assert!(text.starts_with("User-agent: *\n") && text.contains("Disallow: /vi/account/"));
    for path in [
        "/vi/",
        "/vi/courses/vneid/",
        "/vi/account/login",
        "/en/checkin",
    ] {
        let page = server.get(path).decoded();
        let n = page
            .matches("<meta name=\"description\" content=\"")
            .count();
        assert_eq!(n, 1, "{path}: one description");
    }
    assert!(
        server
            .get("/vi/")
            .header("strict-transport-security")
            .is_none(),
        "not over HTTP"
    );
    let via_tls = server.get_with("/vi/", &[("X-Forwarded-Proto", "https")]);
    assert_eq!(
        via_tls.header("strict-transport-security"),
        Some("max-age=31536000")
    );
    let login = server.get_with("/vi/account/login", &[("X-Forwarded-Proto", "https")]);
    assert!(login.header("strict-transport-security").is_some());
    let public = Server::start(&["--public-url", "https://hocvu.example"]);
    assert!(
        public
            .get("/healthz")
            .header("strict-transport-security")
            .is_some()
    );
}

#[test]
fn the_nginx_site_is_valid() {
    if std::process::Command::new("nginx")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("skipped: nginx is not installed (.ci/run installs it)");
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must check the nginx site"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The site's TLS paths replaced by a throwaway self-signed certificate.
    let (cert, key) = (dir.path().join("c.pem"), dir.path().join("k.pem"));
    let ok = std::process::Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=t",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .unwrap();
    assert!(ok.status.success());
    let site = std::fs::read_to_string(support::repo("deploy/nginx-hocvu.conf"))
        .unwrap()
        .replace(
            "/etc/letsencrypt/live/hocvu.daklak.gov.vn/fullchain.pem",
            cert.to_str().unwrap(),
        )
        .replace(
            "/etc/letsencrypt/live/hocvu.daklak.gov.vn/privkey.pem",
            key.to_str().unwrap(),
        )
        .replace("listen 80;", "listen 127.0.0.1:18080;")
        .replace("listen 443 ssl http2;", "listen 127.0.0.1:18443 ssl http2;")
        .replace("listen [::]:80;", "")
        .replace("listen [::]:443 ssl http2;", "");
    let d = dir.path().display();
    let conf = format!(
        "pid {d}/nginx.pid; error_log {d}/error.log; events {{}}\nhttp {{ access_log off; \
         client_body_temp_path {d}; proxy_temp_path {d}; fastcgi_temp_path {d}; \
         uwsgi_temp_path {d}; scgi_temp_path {d};\n{site}\n}}\n"
    );
    let path = dir.path().join("nginx.conf");
    std::fs::write(&path, conf).unwrap();
    let out = std::process::Command::new("nginx")
        .arg("-t")
        .arg("-c")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `systemd-analyze verify` accepts the unit (with the binary path pointed at one that exists).
#[test]
fn the_systemd_unit_is_valid_and_hardened() {
    let unit = std::fs::read_to_string(support::repo("deploy/hocvu.service")).unwrap();
    for line in [
        "DynamicUser=yes",
        "ProtectSystem=strict",
        "StateDirectory=hocvu",
        "Restart=on-failure",
        "NoNewPrivileges=yes",
    ] {
        assert!(unit.lines().any(|l| l == line), "{line} missing");
    }
    if std::process::Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped systemd-analyze verify: not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hocvu.service");
    std::fs::write(&path, unit.replace("/usr/local/bin/hocvu", "/bin/true")).unwrap();
    let out = std::process::Command::new("systemd-analyze")
        .arg("verify")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
