"""One structured line per request, with an id that is also sent back in X-Request-ID."""
import logging


def request_records(caplog):
    return [record for record in caplog.records if record.name == "aromasouq.request"]


def test_every_response_carries_a_request_id_that_is_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="aromasouq.request")
    response = client.get("/products?q=oud")
    request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 32
    (record,) = request_records(caplog)
    assert record.fields["request_id"] == request_id
    assert record.fields["path"] == "/products" and record.fields["status"] == 200
    assert record.fields["method"] == "GET" and record.fields["duration_ms"] >= 0


def test_a_well_formed_incoming_request_id_is_kept(client, caplog):
    caplog.set_level(logging.INFO, logger="aromasouq.request")
    response = client.get("/", headers={"X-Request-ID": "edge-proxy-1234abcd"})
    assert response.headers["X-Request-ID"] == "edge-proxy-1234abcd"
    assert request_records(caplog)[0].fields["request_id"] == "edge-proxy-1234abcd"


def test_a_forged_incoming_request_id_is_replaced(client):
    response = client.get("/", headers={"X-Request-ID": "bad id\twith tab"})
    assert response.headers["X-Request-ID"] != "bad id\twith tab"
    assert len(response.headers["X-Request-ID"]) == 32


def test_errors_are_logged_with_their_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="aromasouq.request")
    response = client.get("/missing")
    assert request_records(caplog)[0].fields["status"] == 404
    assert request_records(caplog)[0].fields["request_id"] == response.headers["X-Request-ID"]
