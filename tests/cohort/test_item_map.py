"""The cohort's item map: every graded exercise, with its kind and outcomes, kept at init."""

from __future__ import annotations

import pytest

from peer2peer.cohort.item_map import ITEMS_FILE, load_item_map
from peer2peer.cohort.settings import CohortError


def test_init_keeps_each_graded_item_with_its_kind_and_outcomes(cohort_path):
    alpha = load_item_map(cohort_path).modules["01-alpha"]
    assert alpha.title == "Alpha"
    assert alpha.outcomes == {
        "alpha-1": "Know the first thing.",
        "alpha-2": "Reflect on the second thing.",
    }
    kinds = {cell: (item.kind, item.outcomes) for cell, item in alpha.items.items()}
    assert kinds == {
        "alpha-check-test": ("check", ["alpha-1"]),
        "alpha-many-test": ("check", ["alpha-1"]),
        "alpha-reflect-prompt": ("reflection", ["alpha-2"]),
        "alpha-order-test": ("check", ["alpha-1"]),
        "alpha-match-test": ("check", ["alpha-1"]),
    }
    assert alpha.items["alpha-check-test"].prompt == "Which is first?"


def test_a_cohort_without_an_item_map_reads_as_empty(cohort_path):
    (cohort_path / ITEMS_FILE).unlink()
    assert load_item_map(cohort_path).modules == {}


def test_a_damaged_item_map_names_the_file(cohort_path):
    (cohort_path / ITEMS_FILE).write_text("{not json")
    with pytest.raises(CohortError, match=ITEMS_FILE):
        load_item_map(cohort_path)
