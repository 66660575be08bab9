"""Pages' extension scripts kept by the browser: those named after their content's hash.

Voila and Jupyter serve JupyterLab extensions' scripts marked "ask again each time", so
every visit to a page asks the server about each of them (20 or so, a round trip each,
some only after others). A script whose file name carries its content's hash changes name
whenever its content changes, so a browser may keep it for good: tornado's setting
`static_immutable_cache` (a list of address beginnings) says so, here one address per file.
Scripts named without a hash (`style.js`) are still asked about each time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from voila.utils import get_voila_labextensions_path

#: A script named after its content: `remoteEntry.c8c9eed2cdefdeac.js`, `718.a7a3f80e.js`.
HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.js$")


def hashed_script_urls(base_url: str, folders: Iterable[str] | None = None) -> list[str]:
    """Addresses (under `base_url`) of the extension scripts named after their content."""
    prefix = base_url.rstrip("/") + "/voila/labextensions/"
    found: set[str] = set()
    for folder in map(Path, folders if folders is not None else get_voila_labextensions_path()):
        if not folder.is_dir():
            continue
        for script in folder.glob("**/static/*.js"):
            if HASHED_NAME.search(script.name):
                found.add(prefix + script.relative_to(folder).as_posix())
    return sorted(found)
