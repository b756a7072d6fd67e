"""Markdown for the live deck and dashboard in which ``$`` is a dollar, never mathematics.

nbconvert's markdown (``MarkdownWithMath``) reads "a $12.4 billion deal ... a record $17.3bn"
as one inline formula: the text between the two dollars is left unrendered (backticks and
asterisks stay raw) and, in Voila, MathJax then sets it in italics without spaces. The
briefing has no mathematics, so the live servers render markdown with mistune's plain
parsers (same renderer, same plugins, Voila's image inlining kept) and the page marks the
rendered markdown ``mathjax_ignore`` (``live_page.js``) so the typesetter leaves it alone.

Voila picks the filter up through ``VoilaExporter.filters`` (see ``voila_server``).
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from mistune import BlockParser, InlineParser
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from traitlets.config import LoggingConfigurable


def markdown_without_maths(source: str, renderer: IPythonRenderer | None = None) -> str:
    """``source`` as HTML, with ``$`` kept as text and the markdown around it rendered."""
    renderer = renderer or IPythonRenderer(escape=False)
    parser = MarkdownWithMath(
        renderer=renderer, block=BlockParser(), inline=InlineParser(hard_wrap=False)
    )
    return parser.render(source)


class DollarMarkdown(LoggingConfigurable):
    """The ``markdown2html`` Jinja filter of the live templates. Built by nbconvert with the
    Voila exporter as ``parent``, so it uses the exporter's own renderer class (which inlines
    images through the contents manager) and anchor settings."""

    # Jinja looks for its "pass the context" mark on the object it calls: here, an instance.
    jinja_pass_arg = pass_context(lambda: None).jinja_pass_arg

    def __call__(self, context: Any, source: str) -> str:
        exporter = self.parent
        cell = context.get("cell", {})
        renderer = exporter.markdown_renderer_class(
            escape=False,
            attachments=cell.get("attachments", {}),
            contents_manager=exporter.contents_manager,
            anchor_link_text=exporter.anchor_link_text,
        )
        return markdown_without_maths(source, renderer)
