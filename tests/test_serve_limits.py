"""`fzcheck serve` holds: time and memory limits, disconnects, slow clients, signals, busy ports.

Each server runs as its own process on 127.0.0.1 with a port the system chooses
(`--port 0`, read back from the start message) and a temporary folder of its own
(TMPDIR), so leftover upload folders can be seen.

The slow and the greedy check are artificial, to be exact and quick: the test
server is `checker.web.serve` started from a few lines (SERVER below) that wrap
`Checker._findings`, which every check process inherits from the server, so that
an upload named sleep*.txt sleeps for ten minutes (writing its process id to a
folder first) and one named hog*.txt asks for 2 GB at once. Nothing in the
product knows about them. A hostile real file (a huge but valid PDF) would take
a time that depends on the machine.

Loops are bounded in count and time; the measured times are written to
reports/serve-limits.txt.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from .conftest import ROOT, SEEDS

SEED = SEEDS / "001_7724204651865b79.txt"
TIME_LIMIT = 3.0
SLOW_BODY = 2.0  # body_timeout of the test server: grace before the body must arrive at min_rate
SLOW_HEADERS = 2.0  # header_timeout of the test server
FIGURES: dict[str, str] = {}

SERVER = """
import json, os, sys, time
from pathlib import Path
from checker.run.engine import Checker, Settings

findings = Checker._findings

def slow_or_greedy(self, source):
    name = Path(source.path).name
    if name.startswith("sleep"):
        Path(os.environ["FZCHECK_TEST_PIDS"], str(os.getpid())).touch()
        time.sleep(600)
    if name.startswith("hog"):
        hoard = bytearray(2 << 30)
    return findings(self, source)

Checker._findings = slow_or_greedy
from checker.web import serve
serve("127.0.0.1", 0, Settings(max_bytes=1 << 20), **json.loads(sys.argv[1]))
"""
OPTIONS = {"concurrency": 1, "time_limit": TIME_LIMIT, "memory_limit": 256, "queue": 1,
           "body_timeout": SLOW_BODY, "min_rate": 1024, "header_timeout": SLOW_HEADERS}


class Server:
    def __init__(self, process: subprocess.Popen, url: str, tmp: Path, pids: Path):
        self.process, self.url, self.tmp, self.pids = process, url, tmp, pids
        self.port = int(url.rsplit(":", 1)[1].strip("/"))

    def upload(self, name: str, data: bytes, timeout: float = 30) -> httpx.Response:
        return httpx.post(f"{self.url}api/check", files={"file": (name, data)}, timeout=timeout)

    def folders(self) -> list[Path]:
        return list(self.tmp.glob("fzcheck-upload-*"))

    def processes(self) -> set[int]:
        """The server's descendants (the helper and the check processes)."""
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(stat.parent.name)] = int(fields[1])
        found, todo = set(), [self.process.pid]
        while todo:
            parent = todo.pop()
            for pid, ppid in parents.items():
                if ppid == parent and pid not in found:
                    found.add(pid)
                    todo.append(pid)
        return found


@contextmanager
def server(tmp_path: Path, command: list[str]):
    tmp = tmp_path / "tmp"
    pids = tmp_path / "pids"
    tmp.mkdir()
    pids.mkdir()
    cache = Path(tempfile.gettempdir()) / "jieba.cache"  # jieba builds its cache in TMPDIR: reuse it
    if cache.exists():
        shutil.copy(cache, tmp / "jieba.cache")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "TMPDIR": str(tmp),
           "FZCHECK_TEST_PIDS": str(pids)}
    with open(tmp_path / "stderr.txt", "w") as errors:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=errors, text=True,
                                   encoding="utf-8")
    try:
        line = _line(process, 60)
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found and "网页版已启动" in line, (line, (tmp_path / "stderr.txt").read_text())
        yield Server(process, found.group(0), tmp, pids)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.stdout.close()


def limited_server(tmp_path: Path):
    return server(tmp_path, [sys.executable, "-c", SERVER, json.dumps(OPTIONS)])


def _line(process: subprocess.Popen, seconds: float) -> str:
    ready, _, _ = select.select([process.stdout], [], [], seconds)
    return process.stdout.readline() if ready else ""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with limited_server(tmp_path_factory.mktemp("serve-limits")) as running:
        yield running
    (ROOT / "reports").mkdir(exist_ok=True)
    lines = [f"{key}: {value}" for key, value in FIGURES.items()]
    (ROOT / "reports" / "serve-limits.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def raw_upload(site: Server, name: str, data: bytes = b"x") -> socket.socket:
    """Send a whole upload on a socket of our own, to close it when we like."""
    boundary = "fzcheck-test-boundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/plain\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    client = socket.create_connection(("127.0.0.1", site.port), timeout=10)
    client.sendall(_head(len(body), boundary) + body)
    return client


def _head(length: int, boundary: str = "b") -> bytes:
    return (f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\n\r\n").encode()


def answer(client: socket.socket, seconds: float = 15) -> bytes:
    """Everything the server sends until it closes the connection."""
    client.settimeout(seconds)
    chunks = []
    while chunk := client.recv(65536):
        chunks.append(chunk)
    client.close()
    return b"".join(chunks)


def sleeping(site: Server, count: int = 1, seconds: float = 10) -> list[int]:
    """The process ids of the sleeping checks, once `count` of them have started."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pids = sorted(int(p.name) for p in site.pids.iterdir())
        if len(pids) >= count:
            return pids
        time.sleep(0.02)
    raise AssertionError("the slow check did not start")


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def gone_within(pids, seconds: float) -> float:
    started = time.monotonic()
    while any(alive(pid) for pid in pids):
        assert time.monotonic() - started < seconds, f"still running: {[p for p in pids if alive(p)]}"
        time.sleep(0.02)
    return time.monotonic() - started


def clear(site: Server) -> None:
    for pid_file in site.pids.iterdir():
        pid_file.unlink()


def test_a_slow_check_is_cut_at_the_limit_and_the_next_upload_answers(site):
    clear(site)
    started = time.monotonic()
    slow = raw_upload(site, "sleep.txt")
    [pid] = sleeping(site)
    response = answer(slow)
    cut = time.monotonic() - started
    assert b" 422 " in response.split(b"\r\n")[0]
    error = json.loads(response.split(b"\r\n\r\n", 1)[1])["error"]
    assert error["code"] == "timeout"
    assert error["message"].startswith(f"检查超时（超过{TIME_LIMIT:g}秒），请检查文件是否过大或损坏 (the check timed out")
    assert TIME_LIMIT <= cut < TIME_LIMIT + 1.5
    assert not alive(pid)
    started = time.monotonic()
    normal = site.upload("克拉玛依.txt", SEED.read_bytes())
    after = time.monotonic() - started
    assert normal.status_code == 200 and normal.json()["ok"]
    assert after < 1.5
    FIGURES["slow check cut at"] = f"{cut:.2f} s (limit {TIME_LIMIT:g} s); next upload answered in {after:.2f} s"


def test_an_upload_queued_behind_a_slow_check_is_answered_after_the_limit(site):
    clear(site)
    started = time.monotonic()
    slow = raw_upload(site, "sleep.txt")
    sleeping(site)
    normal = site.upload("r.txt", SEED.read_bytes())  # one check at a time: this waits for the slot
    waited = time.monotonic() - started
    assert normal.status_code == 200 and normal.json()["ok"]
    assert json.loads(answer(slow).split(b"\r\n\r\n", 1)[1])["error"]["code"] == "timeout"
    assert waited < TIME_LIMIT + 1.5
    FIGURES["upload queued behind a slow check"] = f"answered after {waited:.2f} s"


def test_a_check_that_asks_for_too_much_memory_is_stopped(site):
    started = time.monotonic()
    response = site.upload("hog.txt", b"x")
    took = time.monotonic() - started
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "memory-limit" and error["message"].startswith("内存超限（超过 256 MB）")
    assert took < 2
    FIGURES["memory limit"] = f"2 GB asked for, refused with 422 in {took:.2f} s"


def test_a_client_that_goes_away_cancels_its_check(site):
    clear(site)
    slow = raw_upload(site, "sleep.txt")
    [pid] = sleeping(site)
    started = time.monotonic()
    slow.close()
    took = gone_within([pid], TIME_LIMIT - 1)  # well before the time limit would have stopped it
    assert site.upload("r.txt", SEED.read_bytes()).status_code == 200
    assert not site.folders()
    FIGURES["client disconnect"] = f"check process killed {took:.2f} s after the client closed"


def test_uploads_beyond_the_queue_are_told_the_server_is_busy(site):
    clear(site)
    running = raw_upload(site, "sleep-1.txt")
    sleeping(site)
    waiting = raw_upload(site, "sleep-2.txt")  # queue of 1: this one waits
    time.sleep(0.3)
    started = time.monotonic()
    refused = site.upload("r.txt", SEED.read_bytes())
    took = time.monotonic() - started
    assert refused.status_code == 503 and refused.json()["error"]["code"] == "busy"
    assert "服务器正忙" in refused.json()["error"]["message"] and took < 1
    waiting.close()
    running.close()
    gone_within(sleeping(site), 3)
    FIGURES["queue full"] = f"503 in {took:.2f} s"


def test_a_body_sent_a_byte_at_a_time_is_cut_off(site):
    client = socket.create_connection(("127.0.0.1", site.port), timeout=10)
    client.sendall(_head(100_000) + b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n')
    started = time.monotonic()
    client.setblocking(False)
    response = b""
    while time.monotonic() - started < SLOW_BODY + 5:
        try:
            client.send(b"a")
        except OSError:  # closed by the server
            break
        ready, _, _ = select.select([client], [], [], 0.25)
        if ready:
            try:
                chunk = client.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            response += chunk
    took = time.monotonic() - started
    client.close()
    assert b" 408 " in response.split(b"\r\n")[0], response[:200]
    assert "上传太慢" in response.decode("utf-8", "replace")
    assert SLOW_BODY - 0.5 < took < SLOW_BODY + 2
    FIGURES["body at 4 bytes a second"] = f"cut off after {took:.2f} s (grace {SLOW_BODY:g} s)"


def test_headers_sent_slowly_are_cut_off(site):
    client = socket.create_connection(("127.0.0.1", site.port), timeout=10)
    started = time.monotonic()
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100
    closed = False
    for byte in request:
        try:
            client.send(bytes([byte]))
        except OSError:
            closed = True
            break
        ready, _, _ = select.select([client], [], [], 0.25)
        if ready and not client.recv(1024):
            closed = True
            break
        if time.monotonic() - started > SLOW_HEADERS + 5:
            break
    took = time.monotonic() - started
    client.close()
    assert closed and SLOW_HEADERS - 0.5 < took < SLOW_HEADERS + 2
    FIGURES["headers at 4 bytes a second"] = f"connection closed after {took:.2f} s (limit {SLOW_HEADERS:g} s)"


def test_sigterm_stops_the_server_and_kills_running_checks(tmp_path):
    with limited_server(tmp_path) as running:
        slow = raw_upload(running, "sleep.txt")
        [pid] = sleeping(running)
        family = running.processes()
        assert pid in family and len(family) >= 2  # the helper and the check
        assert running.folders()
        started = time.monotonic()
        running.process.send_signal(signal.SIGTERM)
        code = running.process.wait(timeout=15)
        took = time.monotonic() - started
        told = answer(slow)
        assert code == 0 and took < 5
        assert b" 503 " in told.split(b"\r\n")[0] and b'"stopping"' in told
        gone_within(family, 3)
        assert not running.folders()
        assert "Traceback" not in (tmp_path / "stderr.txt").read_text()
    FIGURES["SIGTERM with a check running"] = f"exit 0 after {took:.2f} s; no process or upload folder left"


def test_port_0_prints_the_real_port_and_sigint_stops_it(tmp_path):
    with server(tmp_path, [sys.executable, "-m", "checker", "serve", "--port", "0", "--concurrency", "1"]) as running:
        assert running.port != 0
        assert httpx.get(f"{running.url}health", timeout=10).json() == {"ok": True}
        assert running.upload("r.txt", SEED.read_bytes()).json()["ok"]
        started = time.monotonic()
        running.process.send_signal(signal.SIGINT)
        code = running.process.wait(timeout=15)
        took = time.monotonic() - started
        assert code == 0 and not running.folders()
        assert running.process.stdout.read() == ""  # the start message once, nothing else
    FIGURES["SIGINT when idle"] = f"exit 0 after {took:.2f} s"


def test_a_busy_port_is_a_clear_message_and_exit_2(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "checker", "serve", "--port", str(port)], cwd=ROOT,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"}, capture_output=True, text=True,
                              encoding="utf-8", timeout=60)
        took = time.monotonic() - started
    assert done.returncode == 2
    assert f"端口 {port} 已被占用，请用 --port 指定其他端口 (port {port} is in use" in done.stderr
    assert "网页版已启动" not in done.stdout and "Traceback" not in done.stderr
    FIGURES["busy port"] = f"exit 2 after {took:.2f} s"
