"""The item map: every graded exercise, with its kind and outcomes, written by the build."""

from __future__ import annotations

import pytest

from peer2peer.notebooks.item_map import ITEMS_FILE, ItemMapUnreadable, load_item_map


def test_the_build_writes_each_graded_item_with_its_kind_and_outcomes(built_minimal):
    alpha = load_item_map(built_minimal).modules["01-alpha"]
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


def test_a_folder_without_an_item_map_reads_as_empty(tmp_path):
    assert load_item_map(tmp_path).modules == {}


def test_a_damaged_item_map_names_the_file(tmp_path):
    (tmp_path / ITEMS_FILE).write_text("{not json")
    with pytest.raises(ItemMapUnreadable, match=ITEMS_FILE):
        load_item_map(tmp_path)
