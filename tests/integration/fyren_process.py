"""Starts and stops a real `fyren` for integration tests, on 127.0.0.1 only.

Every wait is bounded so that a broken server fails a test instead of hanging CI.
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import tempfile
import time

FYREN = os.environ.get("FYREN_BIN", "")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def master_key_path(database_url):
    """Each test database gets its own master key file beside it (a temp dir), so tests never
    share key material or write into the source tree."""
    if database_url.startswith("sqlite:"):
        return database_url[len("sqlite:"):] + ".master.key"
    name = database_url.rsplit("/", 1)[-1]
    return os.path.join(tempfile.gettempdir(), f"fyren-it-{name}.master.key")


def run(args, database_url, timeout=60, extra_env=None):
    """Runs a fyren subcommand to completion and returns the CompletedProcess."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FYREN_")}
    env.update(extra_env or {})
    return subprocess.run([FYREN, "--set", "database.url=" + database_url,
                           "--set", "keys.master_key_file=" + master_key_path(database_url),
                           *args],
                          capture_output=True, text=True, timeout=timeout, env=env)


class Server:
    """A `fyren serve` on a free loopback port with its own settings."""

    def __init__(self, database_url, settings=(), prepare=True):
        self.database_url = database_url
        self.port = free_port()
        self.settings = list(settings)
        self.process = None
        self.log_path = None
        if prepare:
            for cmd in (["migrate"], ["demo-data"]):
                done = run(cmd, database_url)
                if done.returncode != 0:
                    raise RuntimeError(f"fyren {cmd[0]} failed: {done.stderr}")

    def start(self, wait_ready=True):
        self.log = tempfile.NamedTemporaryFile(prefix="fyren-it-", suffix=".log", delete=False)
        self.log_path = self.log.name
        args = [FYREN, "--set", "database.url=" + self.database_url,
                "--set", "keys.master_key_file=" + master_key_path(self.database_url),
                "--set", f"server.port={self.port}", "--set", "demo.enabled=true"]
        for s in self.settings:
            args += ["--set", s]
        args.append("serve")
        env = {k: v for k, v in os.environ.items() if not k.startswith("FYREN_")}
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        if wait_ready:
            self.wait_until(lambda: self.status("/readyz") == 200, 10, "server never became ready")
        return self

    def wait_until(self, predicate, seconds, message):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise AssertionError(f"{message}: server exited\n{self.output()}")
            try:
                if predicate():
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise AssertionError(f"{message}\n{self.output()}")

    def output(self):
        if not self.log_path:
            return ""
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def request(self, method, path, body=None, headers=None, timeout=10):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict((k.lower(), v) for k, v in response.getheaders()), \
                response.read()
        finally:
            conn.close()

    def status(self, path):
        return self.request("GET", path)[0]

    def get_json(self, path, headers=None):
        status, headers_out, body = self.request("GET", path, headers=headers)
        return status, headers_out, (json.loads(body) if body else None)

    def raw(self, data, read_timeout=5):
        """Sends raw bytes and returns everything the server answers until it closes or the
        read times out."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=read_timeout) as s:
            s.sendall(data)
            chunks = []
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
            except socket.timeout:
                pass
            return b"".join(chunks)

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Signals the server and returns its exit code (asserting it stops in time)."""
        if not self.process or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
            raise AssertionError(f"server did not stop within {timeout}s\n{self.output()}")

    def close(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)
        if self.log_path and os.path.exists(self.log_path):
            os.unlink(self.log_path)


def status_line(raw_response):
    line = raw_response.split(b"\r\n", 1)[0]
    parts = line.split(b" ")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
