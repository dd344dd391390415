"""Which country each shape of the dashboard's map is (``data/map_shapes.tsv``).

The vendored world map names its shapes in Natural Earth's short forms ("Bosnia and Herz.")
and keys them by ISO numeric code; the dashboard shades them by accord's alpha-3 codes, so it
looks each shape up here (by its numeric id, else its name) instead of comparing names.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

_TABLE = Path(__file__).resolve().parents[1] / "data" / "map_shapes.tsv"


@functools.cache
def map_shapes() -> dict[str, str]:
    """Map shape key (ISO numeric code, or the shape's name when it has none) -> country code."""
    with _TABLE.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return {r["shape"]: r["code"] for r in csv.DictReader(lines, delimiter="\t")}
