"""Catalog commands: `flask catalog demo` (the demo catalog) and `flask catalog generate` (benchmark data)."""
from __future__ import annotations

import time

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.catalog.demo import CatalogNotEmpty, load_demo_catalog
from app.catalog.generator import generate_catalog
from app.extensions import db
from app.search.listing import bump_listing_version, rebuild_listing

catalog_cli = AppGroup("catalog", help="Demo and benchmark catalog data.")


@catalog_cli.command("demo")
def load_demo_catalog_command():
    """Load the demo catalog (houses, shops, products, offers, reviews) into a database without products."""
    if not current_app.config["DEMO_DATA"]:
        click.echo("Demo catalog not loaded: DEMO_DATA is off.")
        return
    started = time.perf_counter()
    try:
        summary = load_demo_catalog(db.session)
    except CatalogNotEmpty as refusal:
        click.echo(f"Demo catalog not loaded: {refusal}.")
        return
    summary["products shown"] = rebuild_listing()
    db.session.commit()
    bump_listing_version()
    counts = ", ".join(f"{count:,} {name}" for name, count in summary.items())
    click.echo(f"Demo catalog loaded in {time.perf_counter() - started:.1f} s: {counts}.")


@catalog_cli.command("generate")
@click.option("--products", type=click.IntRange(min=1), required=True, help="How many products to add.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the random generator.")
def generate_catalog_command(products: int, seed: int):
    """Add N generated products (with sizes, offers, notes, accords and reviews) for benchmarks."""
    if current_app.config.get("APP_ENV") == "production":
        raise click.ClickException("generated catalog data never goes into production")
    started = time.perf_counter()
    summary = generate_catalog(products, seed, session=db.session,
                               progress=lambda done: click.echo(f"  {done:,} products …"))
    db.session.commit()
    click.echo("Rebuilding the store's listing …")
    summary["products shown"] = rebuild_listing()
    db.session.commit()
    bump_listing_version()
    counts = ", ".join(f"{count:,} {name}" for name, count in summary.items())
    click.echo(f"Generated in {time.perf_counter() - started:.1f} s: {counts}.")


def register_catalog_commands(app: Flask) -> None:
    app.cli.add_command(catalog_cli)
