"""A dimension's value counts are the same whichever way they are worked out: over every row (kept once),
over a narrow page's own entries, over all entries of a broad one, or as every row's counts less those of the
few rows a wide page leaves out — and equal to counting by hand."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from app.search.facets import SPARSE_SHARE, Dimension

ROWS = 2_000
VALUES = 40


@pytest.fixture
def notes() -> tuple[Dimension, list[list[int]]]:
    """A multi-valued dimension: each row has 0–6 distinct values (some rows none at all)."""
    rng = np.random.default_rng(7)
    per_row = [sorted(rng.choice(VALUES, size=rng.integers(0, 7), replace=False).tolist()) for _ in range(ROWS)]
    rows = np.repeat(np.arange(ROWS), [len(values) for values in per_row])
    codes = np.array([value for values in per_row for value in values], dtype=np.int32)
    return Dimension([f"note-{value}" for value in range(VALUES)], codes, rows, size=ROWS), per_row


def by_hand(per_row: list[list[int]], base: np.ndarray) -> list[int]:
    counted = Counter(value for row, values in enumerate(per_row) if base[row] for value in values)
    return [counted[value] for value in range(VALUES)]


@pytest.mark.parametrize("share", [0.0, 0.01, SPARSE_SHARE / 2, (SPARSE_SHARE + 0.5) / 2, 0.5,
                                   1 - SPARSE_SHARE / 2, 0.99])
def test_counts_of_a_page_equal_counting_by_hand(notes, share):
    dimension, per_row = notes
    base = np.random.default_rng(11).random(ROWS) < share
    assert dimension.counts(base, np.flatnonzero(base)).tolist() == by_hand(per_row, base)


def test_counts_over_every_row_are_kept_and_stay_right(notes):
    dimension, per_row = notes
    everything = np.ones(ROWS, dtype=bool)
    first = dimension.counts(everything, np.flatnonzero(everything))
    narrow = np.zeros(ROWS, dtype=bool)
    narrow[:10] = True
    assert dimension.counts(narrow, np.flatnonzero(narrow)).tolist() == by_hand(per_row, narrow)
    assert dimension.counts(everything, np.flatnonzero(everything)) is first
    assert first.tolist() == by_hand(per_row, everything)


def test_single_valued_counts(notes):
    codes = np.array([row % 5 if row % 7 else 5 for row in range(ROWS)], dtype=np.int32)  # 5: no value
    dimension = Dimension(["a", "b", "c", "d", "e"], codes)
    base = np.arange(ROWS) % 3 == 0
    expected = Counter(int(code) for code in codes[base] if code < 5)
    assert dimension.counts(base, np.flatnonzero(base)).tolist() == [expected[code] for code in range(5)]
