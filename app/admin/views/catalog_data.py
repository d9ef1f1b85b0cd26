"""Back office: the catalog's reference data. Brands and notes (tables, create and edit pages) and the
fixed categories (their names and positions), each table searchable, sortable, paged and exportable."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import bp
from app.admin.catalog_forms import BrandForm, CategoryForm, NoteForm
from app.admin.catalog_queries import (
    BRAND_SORT_COLUMNS,
    CATEGORY_SORT_COLUMNS,
    NOTE_SORT_COLUMNS,
    brands_matching,
    categories_matching,
    get_or_404,
    note_product_counts,
    notes_matching,
    product_counts,
    sort_columns,
)
from app.admin.catalog_services import (
    BRAND_FIELDS,
    CATEGORY_FIELDS,
    NOTE_FIELDS,
    save_brand,
    save_category,
    save_note,
)
from app.admin.exports import csv_download
from app.admin.queries import audit_entries_for
from app.admin.tables import PER_PAGE, TableState
from app.admin.user_queries import YES_NO
from app.catalog.families import SCENT_FAMILIES
from app.catalog.listing_labels import STYLE_LABELS, country_name
from app.catalog.models import FAMILIES, STYLES, Brand, Category, Note, Product
from app.core.rendering import render_page_or_block
from app.extensions import db


def sortable(columns: dict, model) -> dict:
    return sort_columns(columns, model, get_locale().language)


def form_values(form, fields: tuple[str, ...]) -> dict:
    return {name: form[name].data for name in fields}


def saved(endpoint: str, row_id: int, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(endpoint, row_id=row_id), code=303)


# Brands -------------------------------------------------------------------------------------------

def brand_table(endpoint: str = "admin.list_brands") -> TableState:
    return TableState.from_args(endpoint, request.args, {"q": None, "style": STYLES, "featured": YES_NO},
                                tuple(BRAND_SORT_COLUMNS), "name")


def sorted_brands(table: TableState):
    return brands_matching(table.filters).order_by(*table.order_by(sortable(BRAND_SORT_COLUMNS, Brand), Brand.id))


@bp.get("/brands")
def list_brands():
    """Every perfume house, searched by name or slug, by style and featured or not."""
    table = brand_table()
    page = db.paginate(sorted_brands(table), page=table.page, per_page=PER_PAGE, error_out=False, count=True)
    counts = product_counts(Product.brand_id, [brand.id for brand in page.items])
    return render_page_or_block("admin/brands.html", "brand_table", table=table, page=page, counts=counts,
                                style_labels=STYLE_LABELS, country_name=country_name)


@bp.get("/brands.csv")
def export_brands():
    """The brands of the current filters and sort, every page, as CSV."""
    rows = ((brand.id, *(getattr(brand, name) for name in BRAND_FIELDS))
            for brand in db.session.scalars(sorted_brands(brand_table())))
    return csv_download("brands.csv", ["id", *BRAND_FIELDS], rows)


@bp.route("/brands/new", methods=["GET", "POST"])
def create_brand():
    """A new perfume house."""
    form = BrandForm(data={"country": "AE", "style": "arabian"} if request.method == "GET" else None)
    if not form.validate_on_submit():
        return render_brand(None, form)
    brand = save_brand(None, form_values(form, BRAND_FIELDS), current_user)
    return saved("admin.edit_brand", brand.id, _("The brand is added."))


@bp.route("/brands/<id:row_id>", methods=["GET", "POST"])
def edit_brand(row_id: int):
    """A perfume house's names, story and details; renaming it refreshes its products in the store."""
    brand = get_or_404(Brand, row_id)
    form = BrandForm(obj=brand, editing=brand)
    if not form.validate_on_submit():
        return render_brand(brand, form)
    save_brand(brand, form_values(form, BRAND_FIELDS), current_user)
    return saved("admin.edit_brand", brand.id, _("The brand is saved. The store shows the change in a moment."))


def render_brand(brand: Brand | None, form: BrandForm):
    history = audit_entries_for("brand", brand.id) if brand else []
    return render_template("admin/brand.html", brand=brand, form=form, history=history), 422 if form.errors else 200


# Categories ---------------------------------------------------------------------------------------

def category_table(endpoint: str = "admin.list_categories") -> TableState:
    return TableState.from_args(endpoint, request.args, {"q": None}, tuple(CATEGORY_SORT_COLUMNS), "position")


def sorted_categories(table: TableState):
    columns = sortable(CATEGORY_SORT_COLUMNS, Category)
    return categories_matching(table.filters).order_by(*table.order_by(columns, Category.id))


@bp.get("/categories")
def list_categories():
    """The store's fixed categories, with their names and the order menus show them in."""
    table = category_table()
    page = db.paginate(sorted_categories(table), page=table.page, per_page=PER_PAGE, error_out=False, count=True)
    counts = product_counts(Product.category_id, [category.id for category in page.items])
    return render_page_or_block("admin/categories.html", "category_table", table=table, page=page, counts=counts)


@bp.get("/categories.csv")
def export_categories():
    rows = ((category.id, category.slug, *(getattr(category, name) for name in CATEGORY_FIELDS))
            for category in db.session.scalars(sorted_categories(category_table())))
    return csv_download("categories.csv", ["id", "slug", *CATEGORY_FIELDS], rows)


@bp.route("/categories/<id:row_id>", methods=["GET", "POST"])
def edit_category(row_id: int):
    """A category's names and position (its slug is part of the store's fixed vocabulary)."""
    category = get_or_404(Category, row_id)
    form = CategoryForm(obj=category)
    if not form.validate_on_submit():
        return render_template("admin/category.html", category=category, form=form,
                               history=audit_entries_for("category", category.id)), 422 if form.errors else 200
    save_category(category, form_values(form, CATEGORY_FIELDS), current_user)
    return saved("admin.edit_category", category.id, _("The category is saved."))


# Notes --------------------------------------------------------------------------------------------

def note_table(endpoint: str = "admin.list_notes") -> TableState:
    return TableState.from_args(endpoint, request.args, {"q": None, "family": FAMILIES},
                                tuple(NOTE_SORT_COLUMNS), "name")


def sorted_notes(table: TableState):
    return notes_matching(table.filters).order_by(*table.order_by(sortable(NOTE_SORT_COLUMNS, Note), Note.id))


@bp.get("/notes")
def list_notes():
    """Every perfumery note, searched by name or slug, by scent family."""
    table = note_table()
    page = db.paginate(sorted_notes(table), page=table.page, per_page=PER_PAGE, error_out=False, count=True)
    counts = note_product_counts([note.id for note in page.items])
    return render_page_or_block("admin/notes.html", "note_table", table=table, page=page, counts=counts,
                                families=SCENT_FAMILIES)


@bp.get("/notes.csv")
def export_notes():
    rows = ((note.id, *(getattr(note, name) for name in NOTE_FIELDS))
            for note in db.session.scalars(sorted_notes(note_table())))
    return csv_download("notes.csv", ["id", *NOTE_FIELDS], rows)


@bp.route("/notes/new", methods=["GET", "POST"])
def create_note():
    """A new perfumery note."""
    form = NoteForm()
    if not form.validate_on_submit():
        return render_note(None, form)
    note = save_note(None, form_values(form, NOTE_FIELDS), current_user)
    return saved("admin.edit_note", note.id, _("The note is added."))


@bp.route("/notes/<id:row_id>", methods=["GET", "POST"])
def edit_note(row_id: int):
    """A note's names, slug and family; renaming it refreshes the products that carry it."""
    note = get_or_404(Note, row_id)
    form = NoteForm(obj=note, editing=note)
    if not form.validate_on_submit():
        return render_note(note, form)
    save_note(note, form_values(form, NOTE_FIELDS), current_user)
    return saved("admin.edit_note", note.id, _("The note is saved. The store shows the change in a moment."))


def render_note(note: Note | None, form: NoteForm):
    history = audit_entries_for("note", note.id) if note else []
    return render_template("admin/note.html", note=note, form=form, history=history), 422 if form.errors else 200
