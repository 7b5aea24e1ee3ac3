"""Entity linking for article text: folding, matching and rendering, free of Django."""

from articles.linking.matcher import AliasEntry, Hit, Matcher
from articles.linking.render import RenderResult, plain_text, render_markdown, snippet
from newsroom.text import fold, normalize

__all__ = [
    "AliasEntry",
    "Hit",
    "Matcher",
    "RenderResult",
    "fold",
    "normalize",
    "plain_text",
    "render_markdown",
    "snippet",
]
