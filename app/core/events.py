"""Domain events: what one domain announces and others act on, without either importing the other's services.

Each domain declares its events in its own `signals.py` (a blinker `Namespace`). The service that makes a
change announces it after its flush, inside the transaction, with the app as sender; the handlers run there
and then, in the same transaction. A handler that reaches the outside world does so after the commit
(`enqueue_after_commit`, or the notification outbox, whose rows are written in the transaction and delivered
by a job enqueued after commit), so a change that is rolled back leaves nothing behind.

Handlers are connected once per app, by `register_event_handlers` in `create_app` (app/__init__.py).
"""
from __future__ import annotations

from collections.abc import Callable

from blinker import NamedSignal
from flask import Flask, current_app


def announce(event: NamedSignal, **facts) -> None:
    """Tell the handlers connected to `event` in this app what happened (call it after the flush)."""
    event.send(current_app._get_current_object(), **facts)


def subscribe(app: Flask, event: NamedSignal, handler: Callable[..., None]) -> None:
    """Run `handler(app, **facts)` whenever `event` is announced in `app` (connecting twice changes nothing)."""
    event.connect(handler, sender=app, weak=False)
