import json
import logging

from app.core.request_log import ACCEPTABLE_REQUEST_ID, JsonLineFormatter


def test_a_record_is_one_line_of_json_with_its_fields():
    record = logging.LogRecord("aromasouq.request", logging.INFO, __file__, 1, "GET %s", ("/",), None)
    record.fields = {"status": 200, "path": "/عود\nnext"}
    line = JsonLineFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["msg"] == "GET /" and entry["status"] == 200 and entry["level"] == "INFO"
    assert entry["path"] == "/عود\nnext"


def test_incoming_request_ids_must_be_short_and_plain():
    assert ACCEPTABLE_REQUEST_ID.match("3f2a9c1e-7b4d-4c1a-9f0e-1234567890ab")
    assert not ACCEPTABLE_REQUEST_ID.match("abc\ninjected")
    assert not ACCEPTABLE_REQUEST_ID.match("x" * 65)
    assert not ACCEPTABLE_REQUEST_ID.match("short")
