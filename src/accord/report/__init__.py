"""The relationship brief of a dyad: one offline HTML page, or Markdown.

>>> from accord.analytics.dyad import dyad_analytics
>>> from accord.report import render_html
>>> report = dyad_analytics(merged, "AZE", "UKR", documents=docs)    # doctest: +SKIP
>>> Path("brief.html").write_text(render_html(report, merged, docs))  # doctest: +SKIP

``render_html`` draws its charts as inline SVG (``report.svg``) and links only within the
page, so the file works offline; ``render_markdown`` gives the same tables without charts.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.report.html import render_html
    from accord.report.markdown import render_markdown

# each renderer imported when first asked for: `accord dyad` reads `report.common` only, and the
# HTML page with its charts need not be imported for the terminal's tables
_WHERE = {"render_html": "html", "render_markdown": "markdown"}


def __getattr__(name: str) -> Any:
    if (module := _WHERE.get(name)) is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = ["render_html", "render_markdown"]
