#!/usr/bin/env python3
"""Web benchmark for hocvu (see BENCHMARKS.md).

Measures, in one run on this machine:
  * wire size of a lesson page (HTML + CSS, brotli and gzip) per interface language;
  * throughput and p50/p99 latency of the anonymous lesson page at 50 connections (wrk),
    beside nginx serving the same rendered HTML from disk (the reference).
Each server is measured RUNS times, alternating, and the medians are reported.

Run: python3 benches/web.py   (installs wrk and nginx from Debian packages if missing,
builds the release binary).
"""
import json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = "/{lang}/courses/vneid/01-tai-ung-dung-that/"
HOCVU_PORT, NGINX_PORT = 18080, 18081
RUNS = int(os.environ.get("RUNS", "3"))
DURATION = os.environ.get("DURATION", "10s")


def consent_version():
    lib = open(os.path.join(ROOT, "crates/hocvu-web/src/account/mod.rs")).read()
    return re.search(r'CONSENT_VERSION: &str = "([^"]+)"', lib).group(1)


def need(cmd, package):
    if shutil.which(cmd) is None:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True)


def fetch(url, encoding=None):
    req = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(req) as r:
        return r.read(), r.headers


def wait_up(url):
    for _ in range(200):
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"server at {url} did not come up")


def wrk(url, headers=()):
    args = ["wrk", "-t2", "-c50", f"-d{DURATION}", "--latency"]
    for h in headers:
        args += ["-H", h]
    out = subprocess.run(args + [url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    return rps, pct(50), pct(99)


def main():
    need("wrk", "wrk")
    need("nginx", "nginx")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    tmp = tempfile.mkdtemp()
    os.chmod(tmp, 0o755)  # nginx workers run as another user
    hocvu = subprocess.Popen(
        [os.path.join(ROOT, "target/release/hocvu"), "serve", "--bind", f"127.0.0.1:{HOCVU_PORT}",
         "--data-dir", os.path.join(tmp, "data")],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    nginx = None
    try:
        base = f"http://127.0.0.1:{HOCVU_PORT}"
        wait_up(base + "/healthz")
        print("## Wire size of the lesson page (HTML + CSS, bytes on the wire)\n")
        print("| language | HTML raw | HTML br | HTML gzip | CSS br | total br |")
        print("|---|---|---|---|---|---|")
        for lang in ["vi", "rad", "en"]:
            url = base + PAGE.format(lang=lang)
            raw, _ = fetch(url)
            br, h = fetch(url, "br")
            assert h.get("Content-Encoding") == "br"
            gz, _ = fetch(url, "gzip")
            css_href = re.search(rb'rel="stylesheet" href="([^"]+)"', raw).group(1).decode()
            css_br, _ = fetch(base + css_href, "br")
            print(f"| {lang} | {len(raw)} | {len(br)} | {len(gz)} | {len(css_br)} | {len(br) + len(css_br)} |")
        www = os.path.join(tmp, "www")
        os.makedirs(www)
        page = PAGE.format(lang="vi")
        with open(os.path.join(www, "page.html"), "wb") as f:
            f.write(fetch(base + page)[0])
        conf = os.path.join(tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""worker_processes auto; daemon off; pid {tmp}/nginx.pid; error_log {tmp}/nginx.err;
events {{ worker_connections 1024; }}
http {{ access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  types {{ text/html html; }}
  server {{ listen 127.0.0.1:{NGINX_PORT}; root {www}; location / {{ }} }}
  server {{ listen 127.0.0.1:{NGINX_PORT + 1}; root {www}; access_log {tmp}/access.log; location / {{ }} }} }}
""")
        nginx = subprocess.Popen(["nginx", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_up(f"http://127.0.0.1:{NGINX_PORT}/page.html")
        register = urllib.request.Request(
            base + "/api/v1/register", method="POST", headers={"Content-Type": "application/json"},
            data=json.dumps({"username": "bench", "password": "Lan#2024ab", "display_name": "Bench",
                             "consent_version": consent_version()}).encode())
        with urllib.request.urlopen(register) as r:
            token = json.load(r)["token"]
        cases = {
            "nginx, same HTML from disk (reference)": (f"http://127.0.0.1:{NGINX_PORT}/page.html", []),
            "nginx with Debian's default access log": (f"http://127.0.0.1:{NGINX_PORT + 1}/page.html", []),
            "hocvu anonymous lesson page": (base + page, []),
            "hocvu anonymous lesson page, brotli": (base + page, ["Accept-Encoding: br"]),
            "hocvu logged-in learner's lesson page": (base + page, [f"Cookie: session={token}"]),
        }
        results = {name: [] for name in cases}
        for _ in range(RUNS):
            for name, (url, headers) in cases.items():
                results[name].append(wrk(url, headers))
        ref = results["nginx, same HTML from disk (reference)"]
        print(f"\n## Throughput at 50 connections (wrk -t2 -c50 -d{DURATION}, median of {RUNS} rounds)\n")
        print("Ratios are taken per round (each round measures every server back to back), then the")
        print("median and the range of those ratios are given: the machine's speed drifts between rounds.\n")
        print("| server | req/s | vs nginx (median, range) | p50 ms | p99 ms |")
        print("|---|---|---|---|---|")
        for name, rs in results.items():
            rps = statistics.median(r[0] for r in rs)
            ratios = [r[0] / n[0] for r, n in zip(rs, ref)]
            p50 = statistics.median(r[1] for r in rs)
            p99 = statistics.median(r[2] for r in rs)
            print(f"| {name} | {rps:,.0f} | {statistics.median(ratios):.2f}x ({min(ratios):.2f}–{max(ratios):.2f}) | {p50:.2f} | {p99:.2f} |")
    finally:
        for p in (hocvu, nginx):
            if p is not None:
                p.send_signal(signal.SIGTERM)
                p.wait(timeout=15)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
