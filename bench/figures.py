"""How every benchmark prints a figure: beside its baseline from the same run, with the goal."""

from __future__ import annotations

import os


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes): figures are noisy when these are high."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def figure(what: str, ours: float, baseline: float, baseline_is: str, goal: str) -> float:
    """Print one figure as `what: ours | baseline | ratio | goal`; return the ratio."""
    ratio = ours / baseline if baseline else float("nan")
    print(
        f"  {what}: {ours:.2f} s | {baseline_is} {baseline:.2f} s | ratio {ratio:.2f} "
        f"| goal {goal} | {load()}",
        flush=True,
    )
    return ratio
