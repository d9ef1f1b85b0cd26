"""The listing's requests per second under load, beside a template-only render of the same page.

    .venv/bin/python benchmarks/throughput.py [--products 100000] [--seconds 15] [--connections 8]
    .venv/bin/python benchmarks/throughput.py --database-url … --redis-url …   # an already filled catalog

Fills a throwaway catalog as benchmarks/listing.py does, serves the app with gunicorn as `make run` does
(2 workers × 4 threads, APP_ENV=production), and drives it over loopback with `wrk` (Debian: apt-get install
wrk) at listing URLs with three filters each. The template-only server renders the same template with a
context captured once from the real view, so the difference between the two is what search, facet
counts and the database cost per request.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import SECRET_KEY, catalog_arguments, run_on_servers  # noqa: E402

LISTING_URLS = (
    "/products?family=oud&gender=unisex&price_max=600",
    "/products?concentration=edp&season=winter&rating=4",
    "/products?category=perfume&style=arabian&sort=price_asc",
    "/products?family=floral&in_stock=1&year_min=2010",
    "/products?gender=women&size=61-100&sort=newest",
)
TEMPLATE_ONLY_PATH = "/benchmark/template-only"
WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def create_template_only_app():
    """The real app plus one route that renders the listing template from a context captured once
    (gunicorn's app factory for the comparison server)."""
    from flask import before_render_template, render_template

    from app import create_app

    app = create_app()
    captured: dict = {}

    def capture(sender, template, context, **extra):
        captured.setdefault("template", template.name)
        captured.setdefault("context", {key: value for key, value in context.items()
                                        if key not in ("request", "session", "g", "config")})

    with app.test_request_context(LISTING_URLS[0]):
        before_render_template.connect(capture, app)
        app.view_functions["catalog.list_products"]()
        before_render_template.disconnect(capture, app)

    @app.get(TEMPLATE_ONLY_PATH)
    def render_listing_template_only():
        return render_template(captured["template"], **captured["context"])

    return app


def serve(port: int, environment: dict[str, str], app_spec: str) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
         "--log-level", "warning", app_spec], cwd=ROOT, env=environment)
    from app.embedded import wait_for

    wait_for(lambda: _answers(port, "/health"), timeout=120, what="gunicorn")
    return server


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _answers(port: int, path: str) -> bool:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30):
            return True
    except urllib.error.HTTPError as error:  # 503: no RQ worker runs beside this server, which is fine here
        return error.code == 503
    except OSError:
        return False


def drive(port: int, paths: tuple[str, ...], seconds: int, connections: int) -> tuple[float, str]:
    """Requests per second and wrk's latency line, after a 20-second warm-up."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % ", ".join(f'"{path}"' for path in paths))
    command = ["wrk", "--latency", "-t2", f"-c{connections}", "-s", script.name, f"http://127.0.0.1:{port}"]
    # Warm-up: each gunicorn worker loads its facet index (seconds at 100,000 products) on its first query.
    subprocess.run([*command[:-1], "-d20s", command[-1]], capture_output=True, check=True)
    output = subprocess.run([*command[:-1], f"-d{seconds}s", command[-1]], capture_output=True, text=True,
                            check=True).stdout
    os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = re.search(r"^\s+Latency\s+(.*)$", output, re.M).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{errors.group(1)} responses were errors:\n{output}")
    return rate, " ".join(latency.split())


def run(options, database_url: str, redis_url: str) -> None:
    from app.embedded import free_port

    from benchmarks import listing

    # Fills the catalog when empty, rebuilds the listing, and prints a quick latency check.
    listing.run(argparse.Namespace(products=options.products, runs=20, source=options.source), database_url,
                redis_url)
    environment = {**os.environ, "APP_ENV": "production", "DEMO_DATA": "0", "DATABASE_URL": database_url,
                   "REDIS_URL": redis_url, "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT), "SECRET_KEY": SECRET_KEY}
    results = {}
    for label, app_spec, paths in (
            ("listing (search + facets + render)", "wsgi:app", LISTING_URLS),
            ("template-only render", "benchmarks.throughput:create_template_only_app()", (TEMPLATE_ONLY_PATH,))):
        port = free_port()
        server = serve(port, environment, app_spec)
        try:
            results[label] = drive(port, paths, options.seconds, options.connections)
        finally:
            stop(server)
    for label, (rate, latency) in results.items():
        print(f"{label:<36} {rate:8.0f} requests/s   latency avg/stdev/max/±: {latency}")
    listing_rate, template_rate = (rate for rate, _ in results.values())
    print(f"listing throughput is {listing_rate / template_rate:.0%} of the template-only render's")


def main() -> None:
    parser = catalog_arguments(__doc__.splitlines()[0], runs=None)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    run_on_servers(options, run)


if __name__ == "__main__":
    main()
