#!/usr/bin/env python3
"""Web benchmark for hocvu (see BENCHMARKS.md).

Measures, in one run on this machine:
  * wire size of a lesson page (HTML + CSS, brotli and gzip) per interface language;
  * throughput and p50/p99 latency at 50 connections (wrk) of the anonymous and the signed-in
    lesson page, the signed-in course page and My learning, beside nginx serving the same
    rendered HTML from disk (the reference) and a bare actix-web handler answering the same
    bytes from memory (`examples/ceiling.rs`, the framework's ceiling);
  * the certificate picture: first download (drawn), then kept downloads and their throughput;
  * the server's resident memory (RSS) idle with every shipped course loaded, and after load.
Each server is measured RUNS times, alternating, and the medians are reported.

Run: python3 benches/web.py   (installs wrk and nginx from Debian packages if missing,
builds the release binary).
"""
import json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = "/{lang}/courses/vneid/01-tai-ung-dung-that/"
HOCVU_PORT, NGINX_PORT, CEILING_PORT, PICTURES_PORT = 18080, 18081, 18083, 18084
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


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1)) / 1024


def post(url, data, cookie=None, json_body=False):
    headers = {"Origin": url.split("/")[0] + "//" + url.split("/")[2]}
    if cookie:
        headers["Cookie"] = cookie
    if json_body:
        headers["Content-Type"] = "application/json"
        body = json.dumps(data).encode()
    else:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = data.encode()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, data=body, headers=headers, method="POST")) as r:
            return r.status, r.read(), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers


def certificate_figures(base, cookie):
    """Completes the guide course through the quiz forms, claims its certificate, then times
    the picture: the first download draws it, later ones read the kept file."""
    course = "hoc-voi-hocvu"
    page = fetch(f"{base}/vi/courses/{course}/")[0].decode()
    lessons = re.findall(rf'href="(/vi/courses/{course}/[^"/]+/)"', page)
    for lesson in dict.fromkeys(lessons):
        body = right_answers(course, lesson.rstrip("/").rsplit("/", 1)[1])
        status, out, _ = post(base + lesson, body, cookie)
        assert status == 200 and b"result passed" in out, (lesson, status)
    status, out, headers = post(f"{base}/vi/certificates/{course}", "", cookie)
    assert status == 303, (status, out[:300])
    where = headers["Location"]
    url = base + where + "print.png"
    req = urllib.request.Request(url, headers={"Cookie": cookie})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        first_png = r.read()
    first = (time.perf_counter() - t0) * 1000
    kept = []
    for _ in range(30):
        t0 = time.perf_counter()
        with urllib.request.urlopen(req) as r:
            assert r.read() == first_png
        kept.append((time.perf_counter() - t0) * 1000)
    return url, first, statistics.median(kept), len(first_png)


def right_answers(course, slug):
    """The right options of a lesson's quiz, read from its Markdown: questions are `## ?`
    headings (q1, q2, …), options `- [x]` / `- [ ]` lines (a, b, …)."""
    pairs, q, option = [], 0, 0
    for line in open(os.path.join(ROOT, "content", course, slug + ".md"), encoding="utf-8"):
        if re.match(r"## \?", line):
            q, option = q + 1, 0
        elif q and re.match(r"- \[[ x]\]", line):
            if line.startswith("- [x]"):
                pairs.append(f"q{q}={chr(ord('a') + option)}")
            option += 1
    return "&".join(pairs)


def main():
    need("wrk", "wrk")
    need("nginx", "nginx")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "hocvu", "--example", "ceiling"],
                   cwd=ROOT, check=True)
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
        time.sleep(1)
        idle_rss = rss_mb(hocvu.pid)
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
        ceiling = subprocess.Popen(
            [os.path.join(ROOT, "target/release/examples/ceiling"), f"127.0.0.1:{CEILING_PORT}",
             os.path.join(www, "page.html")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_up(f"http://127.0.0.1:{CEILING_PORT}/")
        register = urllib.request.Request(
            base + "/api/v1/register", method="POST", headers={"Content-Type": "application/json"},
            data=json.dumps({"username": "bench", "password": "Lan#2024ab", "display_name": "Bench",
                             "consent_version": consent_version()}).encode())
        with urllib.request.urlopen(register) as r:
            token = json.load(r)["token"]
        signed_in = f"Cookie: session={token}"
        # The learner has opened the lesson once (its first view is written down).
        fetch_req = urllib.request.Request(base + page, headers={"Cookie": f"session={token}"})
        urllib.request.urlopen(fetch_req).read()
        cases = {
            "nginx, same HTML from disk (reference)": (f"http://127.0.0.1:{NGINX_PORT}/page.html", []),
            "nginx with Debian's default access log": (f"http://127.0.0.1:{NGINX_PORT + 1}/page.html", []),
            "actix-web bare handler, same bytes from memory (ceiling)": (f"http://127.0.0.1:{CEILING_PORT}/", []),
            "hocvu anonymous lesson page": (base + page, []),
            "hocvu anonymous lesson page, brotli": (base + page, ["Accept-Encoding: br"]),
            "hocvu signed-in learner's lesson page": (base + page, [signed_in]),
            "hocvu signed-in learner's lesson page, gzip": (base + page, [signed_in, "Accept-Encoding: gzip, br"]),
            "hocvu signed-in course page": (base + "/vi/courses/vneid/", [signed_in]),
            "hocvu signed-in My learning": (base + "/vi/learning/", [signed_in]),
        }
        results = {name: [] for name in cases}
        for _ in range(RUNS):
            for name, (url, headers) in cases.items():
                results[name].append(wrk(url, headers))
        ref = results["nginx, same HTML from disk (reference)"]
        ceiling_ref = results["actix-web bare handler, same bytes from memory (ceiling)"]
        print(f"\n## Throughput at 50 connections (wrk -t2 -c50 -d{DURATION}, median of {RUNS} rounds)\n")
        print("Ratios are taken per round (each round measures every server back to back), then the")
        print("median and the range of those ratios are given: the machine's speed drifts between rounds.\n")
        print("| server | req/s | vs nginx (median, range) | vs ceiling | p50 ms | p99 ms |")
        print("|---|---|---|---|---|---|")
        for name, rs in results.items():
            rps = statistics.median(r[0] for r in rs)
            ratios = [r[0] / n[0] for r, n in zip(rs, ref)]
            to_ceiling = statistics.median(r[0] / c[0] for r, c in zip(rs, ceiling_ref))
            p50 = statistics.median(r[1] for r in rs)
            p99 = statistics.median(r[2] for r in rs)
            print(f"| {name} | {rps:,.0f} | {statistics.median(ratios):.2f}x ({min(ratios):.2f}–{max(ratios):.2f}) | {to_ceiling:.2f}x | {p50:.2f} | {p99:.2f} |")
        loaded_rss = rss_mb(hocvu.pid)
        # Pictures are kept only with a configured public address (the QR code's): a second
        # server with one, so the pages measured above stay as they were.
        pictures_server = subprocess.Popen(
            [os.path.join(ROOT, "target/release/hocvu"), "serve", "--bind", f"127.0.0.1:{PICTURES_PORT}",
             "--data-dir", os.path.join(tmp, "pictures"), "--public-url", f"http://127.0.0.1:{PICTURES_PORT}"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            pictures_base = f"http://127.0.0.1:{PICTURES_PORT}"
            wait_up(pictures_base + "/healthz")
            with urllib.request.urlopen(urllib.request.Request(
                    pictures_base + "/api/v1/register", method="POST", headers={"Content-Type": "application/json"},
                    data=json.dumps({"username": "holder", "password": "Lan#2024ab", "display_name": "Bench",
                                     "consent_version": consent_version()}).encode())) as r:
                holder = f"session={json.load(r)['token']}"
            url, first, kept, size = certificate_figures(pictures_base, holder)
            pictures = wrk(url, [f"Cookie: {holder}"])
        finally:
            pictures_server.send_signal(signal.SIGTERM)
            pictures_server.wait(timeout=15)
        print("\n## Certificate picture (A4 print PNG, signed-in holder)\n")
        print("| measure | value |")
        print("|---|---|")
        print(f"| first download (drawn and kept), ms | {first:.1f} |")
        print(f"| kept picture, median of 30 downloads, ms (client round trip) | {kept:.2f} |")
        print(f"| kept picture at 50 connections, req/s | {pictures[0]:,.0f} (p99 {pictures[2]:.2f} ms) |")
        print(f"| picture size, bytes | {size:,} |")
        print("\n## Server memory (RSS, every shipped course loaded)\n")
        print(f"| idle after start | after the runs above |\n|---|---|\n| {idle_rss:.1f} MB | {rss_mb(hocvu.pid):.1f} MB (before the picture: {loaded_rss:.1f} MB) |")
    finally:
        for p in (hocvu, nginx, locals().get("ceiling")):
            if p is not None:
                p.send_signal(signal.SIGTERM)
                p.wait(timeout=15)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
