"""localstripe, the store's local card processor: `python -P app/payments/stand_in.py --port N [--state FILE]`.

localstripe (a stateful Stripe stand-in from PyPI) pickles all its objects to /tmp/localstripe.pickle after every
change: a path every run on the machine shares, rewritten in full a dozen times per payment. Here its state goes
to FILE (none: kept in memory only), written at most once a second and when it stops, and it listens on
127.0.0.1 only. `app.embedded.EmbeddedStripe` starts it for `make run`; nothing here runs in production.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import pickle
from pathlib import Path

SAVE_DELAY_SECONDS = 1.0


class StateFile:
    """Where localstripe's objects are kept between runs, saved soon after a change rather than at each one."""

    def __init__(self, store: dict, path: Path | None):
        self.store, self.path = store, path
        self.save_pending = False

    def load(self) -> None:
        if self.path is not None and self.path.exists():
            self.store.update(pickle.loads(self.path.read_bytes()))  # dict.update: no save on loading

    def save_soon(self) -> None:
        if self.path is None or self.save_pending:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # a change outside a request: save at once
            self.save()
            return
        self.save_pending = True
        loop.call_later(SAVE_DELAY_SECONDS, self.save)

    def save(self) -> None:
        self.save_pending = False
        if self.path is None:
            return
        written = self.path.with_suffix(".tmp")
        written.write_bytes(pickle.dumps(dict(self.store), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(written, self.path)  # a crash mid-write keeps the previous state

    async def save_on_stop(self, _app) -> None:
        self.save()


def serve(port: int, state_path: Path | None) -> None:
    from aiohttp import web
    from localstripe import resources, server

    state = StateFile(resources.store, state_path)
    state.load()
    resources.Store.dump_to_disk = lambda _store: state.save_soon()
    server.app.on_cleanup.append(state.save_on_stop)
    # run_app stops gracefully on SIGINT and SIGTERM, and then runs the clean-up above.
    web.run_app(server.app, host="127.0.0.1", port=port, print=None, access_log=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--state", type=Path, help="keep localstripe's objects in this file between runs")
    arguments = parser.parse_args()
    serve(arguments.port, arguments.state)


if __name__ == "__main__":
    main()
