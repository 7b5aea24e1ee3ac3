"""Entity linking for article text: folding, matching and rendering, free of Django."""

from articles.linking.matcher import AliasEntry, Hit, Matcher
from articles.linking.render import (
    MarkdownDocument,
    RenderResult,
    plain_text,
    read_markdown,
    render_markdown,
    snippet,
)
from newsroom.text import fold, normalize

__all__ = [
    "AliasEntry",
    "Hit",
    "MarkdownDocument",
    "Matcher",
    "RenderResult",
    "fold",
    "normalize",
    "plain_text",
    "read_markdown",
    "render_markdown",
    "snippet",
]
