"""The relationship brief of a dyad: one offline HTML page, or Markdown.

>>> from accord.analytics.dyad import dyad_analytics
>>> from accord.report import render_html
>>> report = dyad_analytics(merged, "AZE", "UKR", documents=docs)    # doctest: +SKIP
>>> Path("brief.html").write_text(render_html(report, merged, docs))  # doctest: +SKIP

``render_html`` draws its charts as inline SVG (``report.svg``) and links only within the
page, so the file works offline; ``render_markdown`` gives the same tables without charts.
"""

from accord.report.html import render_html
from accord.report.markdown import render_markdown

__all__ = ["render_html", "render_markdown"]
