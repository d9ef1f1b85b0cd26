"""Run an RQ worker on the queues notifications, search and default (or, with --cron, the scheduler).

    python worker.py            # a worker; run as many as the load needs
    python worker.py --burst    # work until the queues are empty, then exit
    python worker.py --cron     # the recurring-job scheduler; run exactly one per deployment
"""
import argparse

from app import create_app
from app.core.worker import run_recurring_job_scheduler, run_worker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    parser.add_argument("--cron", action="store_true", help="run the recurring-job scheduler instead")
    options = parser.parse_args()
    app = create_app()
    if options.cron:
        run_recurring_job_scheduler(app)
    else:
        run_worker(app, burst=options.burst)


if __name__ == "__main__":
    main()
