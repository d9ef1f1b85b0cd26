"""The models and the Alembic revisions describe the same schema."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db as database


def test_autogenerate_finds_no_difference(app, db):
    with app.app_context():
        context = MigrationContext.configure(db.session.connection(), opts={"compare_type": True})
        differences = compare_metadata(context, database.metadata)
    assert differences == []


def test_every_revision_file_is_date_prefixed_with_a_sentence(app):
    from pathlib import Path

    for revision in (Path(app.root_path).parent / "migrations" / "versions").glob("*.py"):
        assert revision.name[:11].replace("_", "").isdigit(), revision.name
        first_line = revision.read_text().splitlines()[0]
        assert first_line.startswith('"""') and first_line.endswith("."), revision.name
