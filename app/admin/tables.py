"""Server-side tables for the back office: filters, sort and page read from the URL (never raising),
and written back into links that work with and without htmx."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import url_for

PER_PAGE = 25


@dataclass
class TableState:
    """One table's state: `filters` (only known keys, only allowed values), `sort` ("name" or "-name"), `page`."""

    endpoint: str
    filters: dict[str, str]
    sort: str
    page: int
    sorts: tuple[str, ...] = field(default=())
    url_values: dict = field(default_factory=dict)

    @classmethod
    def from_args(cls, endpoint: str, args, choices: dict[str, tuple[str, ...] | None], sorts: tuple[str, ...],
                  default_sort: str, **url_values) -> TableState:
        """`choices` maps each filter to its allowed values (None: free text, trimmed, at most 100 characters)."""
        filters = {}
        for name, allowed in choices.items():
            value = (args.get(name) or "").strip()[:100]
            if value and (allowed is None or value in allowed):
                filters[name] = value
        sort = args.get("sort", default_sort)
        if sort.lstrip("-") not in sorts:
            sort = default_sort
        page = args.get("page", 1, type=int) or 1
        return cls(endpoint, filters, sort, max(1, min(page, 10_000)), sorts, url_values)

    @property
    def sort_key(self) -> str:
        return self.sort.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    def url(self, **changes) -> str:
        """This table's URL with some parameters changed (None drops one); the page resets unless given."""
        values = {**self.filters, "sort": self.sort, "page": self.page if "page" in changes else None}
        values.update(changes)
        values = {key: value for key, value in values.items() if value not in (None, "", 1) or key == "sort"}
        return url_for(self.endpoint, **self.url_values, **values)

    def export_url(self, endpoint: str) -> str:
        """Another endpoint (a CSV export) with this table's filters and sort, every page."""
        return url_for(endpoint, **self.url_values, **self.filters, sort=self.sort)

    def sort_url(self, key: str) -> str:
        """Sort by `key`; the column already sorted flips direction."""
        return self.url(sort=f"-{key}" if self.sort == key else key)

    def aria_sort(self, key: str) -> str | None:
        if self.sort_key != key:
            return None
        return "descending" if self.descending else "ascending"

    def order_by(self, columns: dict, id_column) -> tuple:
        """The ORDER BY for the chosen sort, with the id as tie-breaker so pages never overlap."""
        column = columns[self.sort_key]
        if self.descending:
            return column.desc().nulls_last(), id_column.desc()
        return column.asc().nulls_last(), id_column.asc()
