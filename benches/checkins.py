#!/usr/bin/env python3
"""Check-in rush benchmark for hocvu (see BENCHMARKS.md, "Classes and guidance sessions").

A ward's deadline-week class: PARTICIPANTS people (default 500) check themselves in to one
session within about a minute, each from a phone with no account yet (so every check-in also
creates a guest), CONCURRENCY (default 25) at a time, by typing the code from the screen. The
code is read from the facilitator's screen as it rotates. Reported: wall time, check-ins per
second, p50/p99 latency of a check-in, and — as the reference measured in the same run, same
concurrency — p50/p99 of the anonymous lesson page (served from the page cache).
Every check-in must succeed; the database must hold exactly PARTICIPANTS check-ins.

Run: python3 benches/checkins.py   (builds the release binary; HOCVU_BIN=… to use another).
"""
import concurrent.futures, http.client, json, os, re, sqlite3, statistics, subprocess, sys, tempfile, threading, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 18090
PARTICIPANTS = int(os.environ.get("PARTICIPANTS", "500"))
CONCURRENCY = int(os.environ.get("CONCURRENCY", "25"))
UNITS = "code,name,parent_code,kind,adults\nP,Tỉnh,,province,\nW1,Phường Một,P,ward,\n"


def consent_version():
    text = open(os.path.join(ROOT, "crates/hocvu-web/src/account/mod.rs")).read()
    return re.search(r'CONSENT_VERSION: &str = "([^"]+)"', text).group(1)


def request(method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    h = {"Origin": f"http://127.0.0.1:{PORT}"}
    h.update(headers or {})
    if body is not None:
        h.setdefault("Content-Type", "application/x-www-form-urlencoded")
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, data.decode("utf-8", "replace")


def cookie_of(headers):
    return headers.get("set-cookie", "").split(";")[0]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    binary = os.environ.get("HOCVU_BIN")
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--bin", "hocvu"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target/release/hocvu")
    data = tempfile.mkdtemp(prefix="hocvu-checkins-")
    units = os.path.join(data, "units.csv")
    open(units, "w").write(UNITS)
    run = lambda *a: subprocess.run([binary, *a, "--data-dir", data], cwd=ROOT, check=True, capture_output=True)
    server = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{PORT}", "--data-dir", data],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(400):
            try:
                if request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)
        run("org", "import", units)
        body = urllib.parse.urlencode({"username": "ward_team", "display_name": "Tổ công nghệ số",
                                       "password": "Nui!Cao!Suoi7", "password2": "Nui!Cao!Suoi7",
                                       "consent": consent_version()})
        status, headers, _ = request("POST", "/vi/account/register", body)
        assert status == 303, status
        team = cookie_of(headers)
        run("user", "grant", "ward_team", "facilitator", "--unit", "W1")
        now = time.time()
        local = time.gmtime(now + 7 * 3600)
        minutes = max(local.tm_hour * 60 + local.tm_min - 10, 0)
        start = f"{minutes // 60:02d}:{minutes % 60:02d}"
        end = "23:59"
        form = urllib.parse.urlencode([("kind", "class"), ("unit", "W1"), ("date", time.strftime("%Y-%m-%d", local)),
                                       ("start", start), ("end", end), ("place", "Nhà văn hoá"), ("course", "vneid")])
        status, headers, page = request("POST", "/vi/facilitate/sessions", form, {"Cookie": team})
        assert status == 303, (status, page[:300])
        screen = headers["location"]
        code = {"value": None}
        lock = threading.Lock()

        def read_code():
            _, _, page = request("GET", screen, headers={"Cookie": team})
            m = re.search(r'class="checkin-code"[^>]*><strong>([0-9A-Z-]+)</strong>', page)
            with lock:
                code["value"] = m.group(1)

        read_code()
        stop = threading.Event()

        def refresher():
            while not stop.wait(15):
                read_code()

        threading.Thread(target=refresher, daemon=True).start()

        def check_in(i):
            with lock:
                c = code["value"]
            t = time.perf_counter()
            status, _, page = request("POST", "/vi/checkin", urllib.parse.urlencode({"code": c.lower()}))
            elapsed = (time.perf_counter() - t) * 1000
            if status != 200 or "Bạn đã điểm danh." not in page:
                raise RuntimeError(f"check-in {i}: {status}")
            return elapsed

        def lesson(_):
            t = time.perf_counter()
            status, _, _ = request("GET", "/vi/courses/vneid/01-tai-ung-dung-that/", headers={"Origin": ""})
            assert status == 200
            return (time.perf_counter() - t) * 1000

        with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
            reference = list(pool.map(lesson, range(PARTICIPANTS)))
            began = time.perf_counter()
            times = list(pool.map(check_in, range(PARTICIPANTS)))
            wall = time.perf_counter() - began
        stop.set()
        db = sqlite3.connect(os.path.join(data, "hocvu.db"))
        stored = db.execute("SELECT COUNT(*) FROM session_checkins").fetchone()[0]
        assert stored == PARTICIPANTS, stored
        result = {
            "participants": PARTICIPANTS, "concurrency": CONCURRENCY, "wall_s": round(wall, 2),
            "checkins_per_s": round(PARTICIPANTS / wall, 1),
            "checkin_ms": {"p50": round(statistics.median(times), 1), "p99": round(pct(times, 99), 1)},
            "lesson_page_ms": {"p50": round(statistics.median(reference), 1), "p99": round(pct(reference, 99), 1)},
            "stored_checkins": stored,
        }
        result["p99_ratio_to_lesson_page"] = round(result["checkin_ms"]["p99"] / max(result["lesson_page_ms"]["p99"], 0.01), 1)
        print(json.dumps(result, indent=2))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
