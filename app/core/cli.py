"""Commands of the plumbing: `flask demo load`, `flask translate …`."""
from __future__ import annotations

import subprocess
import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.config import PROJECT_ROOT
from app.core.demo import DemoDataRefused, load_demo_data

demo_cli = AppGroup("demo", help="Demo data.")
translate_cli = AppGroup("translate", help="Translations (wraps pybabel).")

BABEL_CFG = PROJECT_ROOT / "babel.cfg"
MESSAGES_POT = PROJECT_ROOT / "translations" / "messages.pot"
TRANSLATIONS_DIR = PROJECT_ROOT / "translations"


@demo_cli.command("load")
def load_demo_command():
    """Load the demo accounts into an empty database."""
    try:
        emails = load_demo_data()
    except DemoDataRefused as refusal:
        click.echo(f"Demo data not loaded: {refusal}.")
        return
    click.echo("Demo accounts (password: DEMO_PASSWORD): " + ", ".join(emails))


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=PROJECT_ROOT)


@translate_cli.command("update")
def update_translations():
    """Extract every string and merge it into translations/ar."""
    pybabel("extract", "-F", str(BABEL_CFG), "-k", "_l", "-k", "lazy_gettext", "-o", str(MESSAGES_POT), ".")
    pybabel("update", "-i", str(MESSAGES_POT), "-d", str(TRANSLATIONS_DIR), "--no-fuzzy-matching")


@translate_cli.command("compile")
def compile_translations():
    """Compile translations/*/LC_MESSAGES/messages.po into .mo files."""
    pybabel("compile", "-d", str(TRANSLATIONS_DIR), "--statistics")


def register_core_commands(app: Flask) -> None:
    app.cli.add_command(demo_cli)
    app.cli.add_command(translate_cli)
