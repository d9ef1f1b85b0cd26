"""Commands of the plumbing: `flask demo load`. (Translations: `make translations-update` / `make translations`.)"""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from app.catalog.cli import register_catalog_commands
from app.core.demo import DemoDataRefused, load_demo_data

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
def load_demo_command():
    """Load the demo accounts and the demo catalog into an empty database."""
    try:
        emails = load_demo_data()
    except DemoDataRefused as refusal:
        click.echo(f"Demo data not loaded: {refusal}.")
        return
    click.echo("Demo accounts (password: DEMO_PASSWORD): " + ", ".join(emails))


def register_core_commands(app: Flask) -> None:
    app.cli.add_command(demo_cli)
    register_catalog_commands(app)
