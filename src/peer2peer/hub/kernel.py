"""A page's Python (kernel) in a hub server: ipykernel, without jsonschema's slow IRI checker.

jsonschema loads `rfc3987_syntax` when it is installed (jupyter-events asks for it), and
that module builds 38 grammars as it is imported: about a second of CPU and 16 MB in every
server and in every kernel that loads nbgrader, which the hub pays once per trainee. Nothing
our servers run checks an IRI; without the module, jsonschema skips that one format check,
as it does wherever the module is not installed.
"""

from __future__ import annotations

import sys

#: Optional modules left out of our servers and their kernels (see above).
LEFT_OUT = ("rfc3987_syntax",)


def leave_out_slow_extras() -> None:
    """Make later imports of LEFT_OUT fail, so the libraries that try them go without."""
    for name in LEFT_OUT:
        sys.modules.setdefault(name, None)  # None in sys.modules: `import` raises ImportError


def main() -> None:
    """Run ipykernel as `python -m ipykernel_launcher` does, without the slow extras."""
    leave_out_slow_extras()
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
