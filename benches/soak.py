#!/usr/bin/env python3
"""Deadline-rush soak for hocvu (see BENCHMARKS.md, issue 19).

PostgreSQL mode (default): nginx (deploy/nginx-hocvu.conf's upstream and proxy settings, plain
HTTP) in front of two hocvu servers on one PostgreSQL. A mixed workload modelled on the deadline
week runs through nginx: anonymous and signed-in lesson views, quiz answers (form POSTs),
offline event batches (API, client event ids, resent until acknowledged as a phone does),
logins, managers' report views and a certificate claim. During the run server A is killed with
SIGKILL and restarted, then PostgreSQL is restarted. Afterwards the database is read back:
  * every event batch acknowledged is stored exactly once (event ids and attempts match);
  * every quiz form answer acknowledged (200) is stored, and nothing beyond what was sent.
SQLite mode (--sqlite): one server on SQLite, no proxy, killed with SIGKILL and restarted.

Run: python3 benches/soak.py [--sqlite] [--quick] [--seconds N] [--binary PATH]
  --quick: 40 s, for CI (.ci/run runs it on the debug binary). Default 120 s.
  --binary: the hocvu binary (default target/release/hocvu, else target/debug/hocvu).
Needs nginx and PostgreSQL from Debian (installed if missing), runs as root (postgres.sh).
Exit status 1 when a check fails.
"""
import argparse, http.client, json, os, random, re, signal, sqlite3, statistics, subprocess
import sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COURSE = "hoc-voi-hocvu"
LESSONS = ["01-doc-bai-hoc", "02-lam-bai-kiem-tra"]
# Right answers of each lesson's quiz, as the form posts them (content/hoc-voi-hocvu).
FORM_ANSWERS = {"01-doc-bai-hoc": "q1=b&q2=c", "02-lam-bai-kiem-tra": "q1=b&q2=a&q2=b&q3=b"}
PASSWORD = "Lan#2024ab"


def consent_version():
    src = open(os.path.join(ROOT, "crates/hocvu-web/src/account/mod.rs")).read()
    return re.search(r'CONSENT_VERSION: &str = "([^"]+)"', src).group(1)


class Client:
    """One keep-alive HTTP connection; reconnects after an error."""

    def __init__(self, port):
        self.port, self.conn = port, None

    def request(self, method, path, body=None, headers=None, timeout=30):
        headers = dict(headers or {})
        if body is not None and not isinstance(body, bytes):
            body = body.encode()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            self.conn.request(method, path, body=body, headers=headers)
            r = self.conn.getresponse()
            data = r.read()
            if r.getheader("connection", "").lower() == "close":
                self.close()
            return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data
        except (OSError, http.client.HTTPException):
            self.close()
            time.sleep(0.1)  # a person (or phone) tries again a moment later, not at once
            return None, {}, b""

    def close(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples = []  # (t, kind, ok, seconds)

    def add(self, start, kind, ok, seconds):
        with self.lock:
            self.samples.append((start, kind, ok, seconds))


class Server:
    def __init__(self, binary, port, data, args, log):
        self.binary, self.port, self.data, self.args, self.log = binary, port, data, args, log
        self.proc = None

    def start(self):
        cmd = [self.binary, "serve", "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
               "--data-dir", self.data] + self.args
        env = dict(os.environ, RUST_LOG="warn")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=open(self.log, "a"), env=env)
        line = self.proc.stdout.readline().decode()
        if "listening on" not in line:
            sys.exit(f"server on {self.port} did not start; see {self.log}")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait()


def pg_script(*args):
    out = subprocess.run(["bash", os.path.join(ROOT, ".ci/postgres.sh"), *args],
                         check=True, capture_output=True, text=True,
                         env=dict(os.environ, PGPORT_TEST="28432"))
    return out.stdout.strip()


def psql(url, sql):
    bindir = sorted(os.listdir("/usr/lib/postgresql"))[-1]
    out = subprocess.run([f"/usr/lib/postgresql/{bindir}/bin/psql", url, "-At", "-c", sql],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def nginx_conf(tmp, port, upstreams):
    """The upstream and proxy settings of deploy/nginx-hocvu.conf, on plain HTTP."""
    site = open(os.path.join(ROOT, "deploy/nginx-hocvu.conf")).read()
    location = re.search(r"    location / \{\n        proxy_pass.*?\n    \}\n", site, re.S).group(0)
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n"
                      for p in upstreams)
    conf = f"""pid {tmp}/nginx.pid; error_log {tmp}/nginx-error.log warn;
worker_processes 1; events {{ worker_connections 1024; }}
http {{ access_log off; client_body_temp_path {tmp}; proxy_temp_path {tmp};
fastcgi_temp_path {tmp}; uwsgi_temp_path {tmp}; scgi_temp_path {tmp};
upstream hocvu {{
{servers}    keepalive 64;
}}
server {{ listen 127.0.0.1:{port}; client_max_body_size 1m;
    location = /metrics {{ return 404; }}
{location}}}
}}
"""
    path = os.path.join(tmp, "nginx.conf")
    open(path, "w").write(conf)
    return path


def setup_learners(port, n, prefix):
    """Registers n learners through the API: [(username, token)]."""
    c, out = Client(port), []
    for i in range(n):
        name = f"{prefix}{i}"
        body = json.dumps({"username": name, "password": PASSWORD, "display_name": "Lan",
                           "consent_version": consent_version()})
        st, _, data = c.request("POST", "/api/v1/register", body,
                                {"Content-Type": "application/json"})
        assert st == 201, (st, data[:200])
        out.append((name, json.loads(data)["token"]))
    return out


def login_cookie(c, port, username):
    body = f"username={username}&password=Lan%232024ab"
    for _ in range(50):
        st, h, _ = c.request("POST", "/vi/account/login", body,
                             {"Content-Type": "application/x-www-form-urlencoded",
                              "Origin": f"http://127.0.0.1:{port}"})
        if st == 303:
            return h["set-cookie"].split(";")[0]
        time.sleep(0.2)
    sys.exit(f"login of {username} failed")


def quiz_answers(port):
    """Lesson 1's right options, as the events API takes them."""
    return {"q1": ["b"], "q2": ["c"]}


def run_load(port, seconds, stats, learners, managers, event_learners, form_learners, stop):
    """Mixed workload threads; returns per-learner counts of acknowledged writes."""
    acked_events = {name: set() for name, _ in event_learners}
    form_acked = {name: 0 for name, _ in form_learners}
    form_sent = {name: 0 for name, _ in form_learners}
    origin = {"Origin": f"http://127.0.0.1:{port}",
              "Content-Type": "application/x-www-form-urlencoded"}
    answers = quiz_answers(port)
    lesson_path = f"/vi/courses/{COURSE}/{LESSONS[0]}/"

    def timed(kind, fn):
        t0 = time.time()
        ok = fn()
        stats.add(t0, kind, ok, time.time() - t0)
        return ok

    def visitor():
        c = Client(port)
        while not stop.is_set():
            timed("lesson_anon", lambda: c.request("GET", lesson_path)[0] == 200)

    def form_learner(name, cookie):
        c = Client(port)
        while not stop.is_set():
            if random.random() < 0.5:
                timed("lesson_signed_in",
                      lambda: c.request("GET", lesson_path, headers={"Cookie": cookie})[0] == 200)
                continue
            form_sent[name] += 1
            ok = timed("quiz_answer", lambda: c.request(
                "POST", lesson_path, FORM_ANSWERS[LESSONS[0]],
                dict(origin, Cookie=cookie))[0] == 200)
            if ok:
                form_acked[name] += 1

    def offline_phone(name, token):
        c, n = Client(port), 0
        auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        while not stop.is_set():
            ids = [f"{name}-e{n + k}" for k in range(5)]
            n += 5
            batch = json.dumps({"events": [
                {"id": i, "kind": "quiz_answered", "course": COURSE, "lesson": LESSONS[0],
                 "answers": answers} for i in ids]})
            since = time.time()
            while time.time() - since < 60:  # resent until acknowledged, as a phone does
                def send():
                    st, _, data = c.request("POST", "/api/v1/me/events", batch, auth)
                    if st != 200:
                        return False
                    res = json.loads(data)["results"]
                    return all(r["status"] in ("applied", "duplicate") for r in res)
                if timed("event_batch", send):
                    acked_events[name].update(ids)
                    break
                time.sleep(0.2)

    def logins():
        c = Client(port)
        while not stop.is_set():
            name, _ = random.choice(learners)
            body = json.dumps({"username": name, "password": PASSWORD})
            timed("login", lambda: c.request("POST", "/api/v1/login", body,
                                              {"Content-Type": "application/json"})[0] == 200)
            time.sleep(0.05)

    def manager(cookie):
        c = Client(port)
        while not stop.is_set():
            timed("manager_report",
                  lambda: c.request("GET", "/vi/manage/", headers={"Cookie": cookie})[0] == 200)
            time.sleep(0.1)

    threads = [threading.Thread(target=visitor) for _ in range(3)]
    threads += [threading.Thread(target=form_learner, args=fl) for fl in form_learners]
    threads += [threading.Thread(target=offline_phone, args=el) for el in event_learners]
    threads += [threading.Thread(target=logins)]
    threads += [threading.Thread(target=manager, args=(m,)) for m in managers]
    for t in threads:
        t.start()
    return threads, acked_events, form_acked, form_sent


def claim_certificate(port, cookie):
    c = Client(port)
    origin = {"Origin": f"http://127.0.0.1:{port}",
              "Content-Type": "application/x-www-form-urlencoded"}
    for lesson in LESSONS:
        answers = FORM_ANSWERS[lesson]
        c.request("POST", f"/vi/courses/{COURSE}/{lesson}/", answers, dict(origin, Cookie=cookie))
    for _ in range(50):
        st, h, _ = c.request("POST", f"/vi/certificates/{COURSE}", "", dict(origin, Cookie=cookie))
        if st == 303:
            return h["location"].split("/")[-2]
        time.sleep(0.2)
    return None


def report(stats, seconds, failures):
    s = sorted(stats.samples)
    t0 = s[0][0]
    ok = [x for x in s if x[2]]
    lat = sorted(x[3] for x in ok)
    errors = [x for x in s if not x[2]]
    out = {
        "requests": len(s),
        "rps": round(len(s) / seconds, 1),
        "p50_ms": round(statistics.median(lat) * 1000, 1),
        "p99_ms": round(lat[int(len(lat) * 0.99)] * 1000, 1),
        "error_rate": round(len(errors) / len(s), 6),
        "by_kind": {},
        "failures": [],
    }
    for kind in sorted(set(x[1] for x in s)):
        k = [x for x in s if x[1] == kind]
        out["by_kind"][kind] = {"n": len(k), "errors": sum(1 for x in k if not x[2])}
    for i, (name, at) in enumerate(failures):
        until = failures[i + 1][1] - 1 if i + 1 < len(failures) else at + 30
        near = [x for x in errors if at - 1 <= x[0] <= until]
        out["failures"].append({
            "what": name, "at_s": round(at - t0, 1), "errors": len(near),
            "error_window_s": round(near[-1][0] + near[-1][3] - near[0][0], 2) if near else 0,
        })
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlite", action="store_true")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seconds", type=int)
    ap.add_argument("--binary")
    a = ap.parse_args()
    seconds = a.seconds or (40 if a.quick else 120)
    binary = a.binary or next(
        (p for p in [os.path.join(ROOT, "target/release/hocvu"),
                     os.path.join(ROOT, "target/debug/hocvu")] if os.path.exists(p)), None)
    if not binary:
        sys.exit("no hocvu binary: cargo build --release (or pass --binary)")
    tmp = tempfile.mkdtemp(prefix="hocvu-soak-")
    shared = os.path.join(tmp, "shared")
    os.makedirs(shared)
    keys = ["--session-key-file", os.path.join(shared, "session.key"),
            "--certificate-key-dir", os.path.join(shared, "certificate-keys")]
    servers, nginx, pg_dir, url = [], None, None, None
    try:
        if a.sqlite:
            servers = [Server(binary, 28180, os.path.join(tmp, "a"), keys, f"{tmp}/a.log")]
            servers[0].start()
            port = 28180
        else:
            url, pg_dir = pg_script().split(" ")
            args = ["--database", url] + keys
            servers = [Server(binary, 28180 + i, os.path.join(tmp, n), args, f"{tmp}/{n}.log")
                       for i, n in enumerate("ab")]
            for s in servers:
                s.start()
            port = 28190
            nginx = subprocess.Popen(["nginx", "-c", nginx_conf(tmp, port, [28180, 28181]),
                                      "-g", "daemon off;"])
            time.sleep(0.5)
        learners = setup_learners(port, 16, "hv")
        # The hocvu CLI makes one learner an admin (report views).
        db_args = ["--database", url] if url else ["--data-dir", servers[0].data]
        subprocess.run([binary, "user", "grant", "hv0", "admin"] + db_args, check=True,
                       capture_output=True, cwd=ROOT)
        c = Client(port)
        manager_cookie = login_cookie(c, port, "hv0")
        form_learners = [(n, login_cookie(c, port, n)) for n, _ in learners[1:7]]
        event_learners = learners[7:15]
        claimer = login_cookie(c, port, learners[15][0])
        stats, stop, failures = Stats(), threading.Event(), []
        threads, acked_events, form_acked, form_sent = run_load(
            port, seconds, stats, learners, [manager_cookie], event_learners, form_learners, stop)
        start = time.time()
        code = claim_certificate(port, claimer)
        time.sleep(seconds * 0.25)
        failures.append(("SIGKILL server A, restarted after 3 s", time.time()))
        servers[0].kill()
        time.sleep(3)
        servers[0].start()
        if not a.sqlite:
            time.sleep(seconds * 0.25)
            failures.append(("PostgreSQL restarted (down 2 s)", time.time()))
            pg_script("down", pg_dir)
            time.sleep(2)
            pg_script("up", pg_dir)
        time.sleep(max(0, start + seconds - time.time()))
        stop.set()
        for t in threads:
            t.join(timeout=60)
        elapsed = time.time() - start
        result = report(stats, elapsed, failures)
        # Read the database back.
        problems = []
        names = [n for n, _ in event_learners] + [n for n, _ in form_learners]
        if a.sqlite:
            db = sqlite3.connect(os.path.join(servers[0].data, "hocvu.db"))
            query = lambda sql: db.execute(sql).fetchall()
        else:
            query = lambda sql: [tuple(l.split("|")) for l in psql(url, sql).splitlines()]
        ids = {(r[0], r[1]) for r in query(
            "SELECT l.username, e.event_id FROM progress_events e "
            "JOIN learners l ON l.id = e.learner_id")}
        attempts = {r[0]: int(r[1]) for r in query(
            "SELECT l.username, COUNT(*) FROM quiz_attempts q "
            "JOIN learners l ON l.id = q.learner_id GROUP BY l.username")}
        for name, _ in event_learners:
            stored = {i for (n, i) in ids if n == name}
            if not acked_events[name] <= stored:
                problems.append(f"{name}: acknowledged events missing: "
                                f"{sorted(acked_events[name] - stored)[:5]}")
            if attempts.get(name, 0) != len(stored):
                problems.append(f"{name}: {len(stored)} events, {attempts.get(name, 0)} attempts")
        for name, _ in form_learners:
            got = attempts.get(name, 0)
            if not form_acked[name] <= got <= form_sent[name]:
                problems.append(f"{name}: {form_acked[name]} answers acknowledged, "
                                f"{form_sent[name]} sent, {got} stored")
        if code is None:
            problems.append("the certificate claim failed")
        else:
            st, _, body = Client(port).request("GET", f"/verify/{code}",
                                               headers={"Accept-Language": "vi"})
            if st != 200 or "Hợp lệ".encode() not in body:
                problems.append(f"certificate {code} does not verify after the run ({st})")
        result["acknowledged"] = {
            "event_batches_ids": sum(len(v) for v in acked_events.values()),
            "quiz_answers": sum(form_acked.values()),
        }
        result["mode"] = "sqlite, one server" if a.sqlite else "nginx + 2 servers + PostgreSQL"
        result["binary"] = os.path.relpath(binary, ROOT)
        result["seconds"] = round(elapsed, 1)
        result["problems"] = problems
        print(json.dumps(result, indent=2, ensure_ascii=False))
        if problems:
            sys.exit(1)
    finally:
        for s in servers:
            s.stop()
        if nginx:
            nginx.terminate()
            nginx.wait()
        if pg_dir:
            pg_script("stop", pg_dir)


if __name__ == "__main__":
    main()
