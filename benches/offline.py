#!/usr/bin/env python3
"""Offline learning benchmark for hocvu (see BENCHMARKS.md, "Offline learning").

Reports, from a real `hocvu serve` on a fresh data folder:
- the bytes a phone downloads to save each shipped course in each interface language (the
  course's offline pack: its pages, the Vietnamese pages of untranslated lessons, stylesheet,
  icon, page script, images — the sum of the files as served with Brotli);
- the page script and service worker (Brotli), against the issue's 8 KB budget;
- a lesson page's first-visit weight with JavaScript (page, stylesheet, icon, page script,
  service worker, offline page and manifest the script and worker fetch), against 30 KB;
- the time to drain a queue of QUEUE (default 50) answers: one POST of QUEUE quiz events to
  /api/v1/me/events, median of RUNS (default 15) fresh learners, each answer graded and stored
  once; the reference, measured in the same run, is the same QUEUE answers sent as QUEUE
  separate form posts (an online learner answering one lesson after another).

Run: python3 benches/offline.py   (builds the release binary; HOCVU_BIN=… to use another).
"""
import http.client, json, os, re, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 18091
QUEUE = int(os.environ.get("QUEUE", "50"))
RUNS = int(os.environ.get("RUNS", "15"))


def consent_version():
    text = open(os.path.join(ROOT, "crates/hocvu-web/src/account/mod.rs")).read()
    return re.search(r'CONSENT_VERSION: &str = "([^"]+)"', text).group(1)


def request(method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    h = {"Origin": f"http://127.0.0.1:{PORT}", "Accept-Encoding": "br"}
    h.update(headers or {})
    if body is not None:
        h.setdefault("Content-Type", "application/x-www-form-urlencoded")
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, data


def wire(path):
    status, _, body = request("GET", path)
    assert status == 200, (path, status)
    return len(body)


def register(n):
    body = (f"username=offline-{n}-{time.time_ns()}&display_name=H%27Hen&password=Lan%232024ab"
            f"&password2=Lan%232024ab&consent={consent_version()}")
    status, headers, _ = request("POST", "/vi/account/register", body)
    assert status == 303, status
    return headers["set-cookie"].split(";")[0]


def main():
    binary = os.environ.get("HOCVU_BIN")
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--bin", "hocvu"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target/release/hocvu")
    data = tempfile.mkdtemp(prefix="hocvu-offline-")
    server = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{PORT}", "--data-dir", data],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        health = json.loads(request("GET", "/healthz")[2])
        courses = [c["id"] for c in health["courses"]]
        langs = ["vi", "rad", "jra", "mng", "en"]

        print("## Bytes to save a course for offline (Brotli, as a phone downloads them)\n")
        print("| course | " + " | ".join(langs) + " |")
        print("|---|" + "---:|" * len(langs))
        for c in courses:
            row = []
            for lang in langs:
                pack = json.loads(request("GET", f"/{lang}/courses/{c}/offline.json",
                                          headers={"Accept-Encoding": "identity"})[2])
                served = sum(wire(u) for u in pack["urls"])
                assert abs(served - pack["bytes"]) <= served * 0.1, (c, lang, served, pack["bytes"])
                row.append(f"{served / 1000:.1f} KB")
            print(f"| {c} | " + " | ".join(row) + " |")

        page = request("GET", "/vi/courses/vneid/01-tai-ung-dung-that/", headers={"Accept-Encoding": "identity"})[2].decode()
        css = re.search(r'rel="stylesheet" href="([^"]+)"', page).group(1)
        icon = re.search(r'rel="icon" href="([^"]+)"', page).group(1)
        script = re.search(r'<script defer src="([^"]+)"', page).group(1)
        script_b, worker_b = wire(script), wire("/sw.js")
        print(f"\n## Scripts\n\npage script {script_b} B + service worker {worker_b} B = "
              f"{script_b + worker_b} B Brotli (budget 8,000 B)")
        first = {
            "lesson page": wire("/vi/courses/vneid/01-tai-ung-dung-that/"),
            "stylesheet": wire(css), "icon": wire(icon), "page script": script_b,
            "service worker": worker_b, "offline page": wire("/vi/offline"),
            "manifest": wire("/vi/manifest.webmanifest"),
        }
        print("\n## First visit of a lesson page with JavaScript\n")
        for k, v in first.items():
            print(f"- {k}: {v} B")
        print(f"- total: {sum(first.values())} B (budget 30,000 B)")

        # The queue: QUEUE answers to the guide course's lessons, alternately right and wrong.
        guide = "hoc-voi-hocvu"
        lessons = json.loads(request("GET", f"/{'vi'}/courses/{guide}/offline.json",
                                     headers={"Accept-Encoding": "identity"})[2])["lessons"]
        slugs = [l["href"].rstrip("/").split("/")[-1] for l in lessons]
        drains, singles = [], []
        for run in range(RUNS):
            cookie = register(run)
            events = [{"id": f"q-{run}-{i}", "kind": "quiz_answered", "course": guide,
                       "lesson": slugs[i % len(slugs)], "answers": {}, "at": int(time.time() * 1000)}
                      for i in range(QUEUE)]
            body = json.dumps({"sent_at": int(time.time() * 1000), "events": events})
            start = time.perf_counter()
            status, _, out = request("POST", "/api/v1/me/events", body,
                                     {"Content-Type": "application/json", "Cookie": cookie})
            drains.append(time.perf_counter() - start)
            results = json.loads(out)["results"]
            assert status == 200 and all(r["status"] == "applied" for r in results), out[:300]
            cookie2 = register(1000 + run)
            start = time.perf_counter()
            for i in range(QUEUE):
                status, _, _ = request("POST", f"/vi/courses/{guide}/{slugs[i % len(slugs)]}/", "",
                                       {"Cookie": cookie2})
                assert status == 200, status
            singles.append(time.perf_counter() - start)
        d, s = statistics.median(drains), statistics.median(singles)
        print(f"\n## Draining a queue of {QUEUE} answers (median of {RUNS})\n")
        print(f"- one batch: {d * 1000:.1f} ms ({QUEUE / d:.0f} answers/s)")
        print(f"- reference, {QUEUE} form posts one after another: {s * 1000:.1f} ms")
        print(f"- ratio: the batch takes {d / s:.2f}× the reference")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
