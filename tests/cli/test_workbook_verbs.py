"""`peer2peer workbook` on the command line: what it writes, what it refuses, exit codes."""

from __future__ import annotations

from pathlib import Path

from support import copy_project

from peer2peer.cli import main


def test_workbook_writes_a_pdf_and_a_word_file_and_says_where(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    for format in ("pdf", "docx"):
        assert main(["workbook", "01-alpha", "--root", str(project), "--format", format,
                     "--out", str(out)]) == 0  # fmt: skip
    assert sorted(p.name for p in out.iterdir()) == [
        "01-alpha-workbook.docx",
        "01-alpha-workbook.pdf",
    ]
    assert f"Wrote {out / '01-alpha-workbook.pdf'}" in capsys.readouterr().out
    assert (out / "01-alpha-workbook.pdf").read_bytes().startswith(b"%PDF")


def test_all_writes_every_module_in_large_print(tmp_path):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    code = main(["workbook", "all", "--large-print", "--root", str(project), "--out", str(out)])
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "01-alpha-workbook-large-print.pdf",
        "02-beta-workbook-large-print.pdf",
    ]


def test_an_unknown_module_is_refused_and_nothing_is_written(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    assert main(["workbook", "09-nope", "--root", str(project), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert (
        "there is no module '09-nope' in this curriculum. Give one of: 01-alpha, 02-beta" in error
    )
    assert "Nothing was written." in error
    assert not out.exists()


def test_a_format_we_do_not_write_is_wrong_usage(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    try:
        main(["workbook", "01-alpha", "--root", str(project), "--format", "odt", "--out", "x"])
    except SystemExit as stopped:
        assert stopped.code == 2
    else:
        raise AssertionError("an unknown format was accepted")
