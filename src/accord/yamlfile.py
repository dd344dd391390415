"""YAML for accord's data files: PyYAML's safe loader, libyaml's when PyYAML was built with it.

The pure-Python loader is slow for what a one-shot command reads: ``data/topics.yaml`` took
80-230 ms with it and 1-2 ms with libyaml, and every ``accord dyad`` and ``accord report`` reads
it. Both build the same values (the same constructor and resolver; a test checks each data file).
"""

from __future__ import annotations

from typing import Any

import yaml

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # a PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]


def safe_load(text: str) -> Any:
    """``yaml.safe_load``, with libyaml's parser when there is one."""
    return yaml.load(text, Loader=SafeLoader)


__all__ = ["SafeLoader", "safe_load"]
