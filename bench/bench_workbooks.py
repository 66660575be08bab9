"""Benchmark workbooks: every module of the repository's curriculum, in each format.

Prints, for PDF and Word, standard and large print: the seconds to make all modules'
workbooks in one process (the curriculum loaded once), the slowest module, and the total
pages of the PDFs; then the wall time of `peer2peer workbook all` as a user types it.

Run: .venv/bin/python bench/bench_workbooks.py
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from peer2peer.curriculum.project import load_project
from peer2peer.workbooks.files import FORMATS, workbook_bytes

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    started = time.perf_counter()
    project = load_project(REPO)
    print(f"load the curriculum: {time.perf_counter() - started:.1f} s")
    modules = [module.id for module in project.curriculum.modules]
    for format in FORMATS:
        for large in (False, True):
            seconds: dict[str, float] = {}
            pages = 0
            for module in modules:
                began = time.perf_counter()
                data = workbook_bytes(project, module, format, large)
                seconds[module] = time.perf_counter() - began
                if format == "pdf":
                    pages += len(PdfReader(io.BytesIO(data)).pages)
            slowest = max(seconds, key=seconds.__getitem__)
            print(
                f"{format:4} {'large print' if large else 'standard   '}: "
                f"{len(modules)} workbooks in {sum(seconds.values()):.1f} s "
                f"(slowest {slowest} {seconds[slowest]:.1f} s)"
                + (f", {pages} pages" if pages else "")
            )
    peer2peer = Path(sys.executable).parent / "peer2peer"
    for format in FORMATS:
        with tempfile.TemporaryDirectory() as out:
            began = time.perf_counter()
            subprocess.run(
                [str(peer2peer), "workbook", "all", "--format", format, "--out", out],
                cwd=REPO, check=True, capture_output=True,
            )  # fmt: skip
            print(f"peer2peer workbook all --format {format}: {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
