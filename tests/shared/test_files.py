"""A file parsed once per version: a page reading it at each visit parses only what changed."""

from __future__ import annotations

import os
from pathlib import Path

from peer2peer.shared.files import atomic_write_text, read_parsed


def counted(parsed: list[str]):
    """A parser that notes each text it parses and returns it as a list of lines."""

    def parse(text: str) -> list[str]:
        parsed.append(text)
        return text.splitlines()

    return parse


def test_a_file_unchanged_is_parsed_once(tmp_path: Path) -> None:
    parsed: list[str] = []
    parse = counted(parsed)
    path = tmp_path / "settings.yml"
    path.write_text("a\nb\n")
    assert read_parsed(path, parse) == ["a", "b"]
    assert read_parsed(path, parse) == ["a", "b"]
    assert parsed == ["a\nb\n"]


def test_a_file_changed_is_parsed_again(tmp_path: Path) -> None:
    parsed: list[str] = []
    parse = counted(parsed)
    path = tmp_path / "settings.yml"
    path.write_text("a\n")
    read_parsed(path, parse)
    atomic_write_text(path, "b\n")  # replaced: another file
    assert read_parsed(path, parse) == ["b"]
    with path.open("r+") as stream:  # written in place, same size, same modified time
        stream.write("c\n")
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert read_parsed(path, parse) == ["c"]
    assert parsed == ["a\n", "b\n", "c\n"]


def test_each_reader_gets_its_own_copy(tmp_path: Path) -> None:
    path = tmp_path / "settings.yml"
    path.write_text("a\n")
    parse = counted([])
    read_parsed(path, parse).append("changed by one reader")
    assert read_parsed(path, parse) == ["a"]
