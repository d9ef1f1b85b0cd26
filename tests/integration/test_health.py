"""GET /health: database, Redis, worker heartbeat, queues; 503 with a clear reason when one is down."""
import time

from app.core.queues import WORKER_HEARTBEAT_KEY
from app.core.worker import WORKER_TTL
from app.embedded import free_port


def test_healthy_with_a_running_worker(client, worker):
    # An earlier test may have emptied Redis; an idle worker beats again within WORKER_TTL - 15 seconds.
    deadline = time.monotonic() + WORKER_TTL
    response = client.get("/health")
    while response.status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
        response = client.get("/health")
    report = response.get_json()
    assert response.status_code == 200, report
    assert report["status"] == "ok"
    assert report["database"] == {"ok": True}
    assert report["redis"] == {"ok": True}
    assert report["worker"]["ok"] and report["worker"]["heartbeat_age_seconds"] < 30
    assert set(report["queues"]) == {"notifications", "search", "default"}
    assert report["version"]
    assert response.headers["Cache-Control"] == "no-store"


def test_a_stale_worker_heartbeat_is_unhealthy(client, redis_client):
    redis_client.set(WORKER_HEARTBEAT_KEY, f"{time.time() - 3600:.3f}")
    response = client.get("/health")
    assert response.status_code == 503
    assert "stale" in response.get_json()["worker"]["error"]


def test_no_worker_heartbeat_is_unhealthy(client, redis_client):
    redis_client.delete(WORKER_HEARTBEAT_KEY)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.get_json()["worker"]["error"] == "no worker heartbeat recorded"


def test_unreachable_redis_gives_503_with_the_reason(make_app, db):
    app = make_app(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    response = app.test_client().get("/health")
    report = response.get_json()
    assert response.status_code == 503
    assert report["status"] == "unavailable"
    assert report["redis"]["ok"] is False and "redis unreachable" in report["redis"]["error"]
    assert report["database"] == {"ok": True}


def test_unreachable_database_gives_503_with_the_reason(make_app, redis_client):
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nowhere?connect_timeout=2"
    app = make_app(SQLALCHEMY_DATABASE_URI=url)
    response = app.test_client().get("/health")
    report = response.get_json()
    assert response.status_code == 503
    assert report["database"]["ok"] is False and "database unreachable" in report["database"]["error"]
    assert report["redis"] == {"ok": True}
