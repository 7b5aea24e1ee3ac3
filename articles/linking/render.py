"""Render an article's Markdown to safe HTML, linking the first linked place of each entity.

Links go into the text tokens of the parsed document, never into HTML by pattern, so they
cannot land inside a tag, a heading, an existing link, code or an image's alt text.
Reading a document (`read_markdown`) finds every hit first; rendering it then asks a
`decide` callable, hit by hit, which entity that place links to (or none), and links only
the first place each entity gets: later ones stay plain. Without `decide`, exact hits
link to their entity and suggestions do not. Body headings start at h2, under the page's
h1. The finished HTML is sanitised with nh3, so raw HTML an editor typed cannot run script.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from articles.linking.matcher import Hit, Matcher

_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

_ALLOWED_TAGS = {
    *("p", "a", "em", "strong", "del", "s", "ul", "ol", "li", "blockquote", "code", "pre"),
    *("h2", "h3", "h4", "h5", "h6", "hr", "br", "img", "sup", "sub"),
    *("table", "thead", "tbody", "tr", "th", "td"),
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "data-entity"},
    "img": {"src", "alt", "title"},
    "code": {"class"},  # the fence's "language-…"
    "ol": {"start"},
}
_ALLOWED_CLASSES = {"a": {"entity-link"}}
# "image:ID" places a library image (Markdown ``![alt](image:ID)``); pages turn it into
# the image's figure when they show the body, so its copies are the newest ones.
_URL_SCHEMES = {"http", "https", "mailto", "image"}

_TEXT_FLOW = {"text", "softbreak", "hardbreak"}
_RAW_LINK_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)
_RAW_LINK_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)

# A sentence ends at terminal punctuation (and any closing quotes) before whitespace, or at
# a blank line.
_SENTENCE_BREAK = re.compile(r"([.!?\u2026]+[\"'\u201d\u2019)\]]*)\s+|\n\s*\n")
_BLOCK_SEPARATOR = "\n\n"

Decide = Callable[[Hit], Hashable | None]


def link_exact(hit: Hit) -> Hashable | None:
    """The matcher's own decision: an exact hit links to its entity, a suggestion does not."""
    return hit.entity_id if hit.exact else None


@dataclass(frozen=True)
class RenderResult:
    html: str
    hits: list[Hit]  # every mention in the document's prose; offsets index `text`
    text: str  # the document's prose as plain text, blocks separated by blank lines


@dataclass
class _Flow:
    """A stretch of text tokens, and the hits in it (offsets index the document's text)."""

    tokens: list[Token]
    start: int
    linkable: bool
    hits: list[Hit] = field(default_factory=list)


class MarkdownDocument:
    """A parsed Markdown document with every hit in its prose found, not yet rendered.

    ``hits`` and ``text`` are known before any link is decided, so a caller can look at
    every place (its sentence, what an editor decided about it) and then ``render`` once.
    """

    def __init__(self, source: str, *, matcher: Matcher | None, language: str = ""):
        self._tokens = _MARKDOWN.parse(source)
        self._pieces: dict[int, list[Token | _Flow]] = {}
        reader = _Reader(matcher, language)
        in_heading = False
        for index, token in enumerate(self._tokens):
            if token.type in ("heading_open", "heading_close"):
                in_heading = token.type == "heading_open"
                if token.tag == "h1":
                    token.tag = "h2"
            elif token.type == "inline":
                self._pieces[index] = reader.read_inline(
                    token.children or [], linkable=not in_heading
                )
        self.hits: list[Hit] = reader.hits
        self.text: str = _BLOCK_SEPARATOR.join(reader.blocks)

    def render(
        self, *, url_for: Callable[[Hashable], str | None], decide: Decide = link_exact
    ) -> RenderResult:
        """The HTML, with the first place ``decide`` links for each entity wrapped in a link.

        ``decide(hit)`` names the entity a place links to, or None; an entity ``url_for``
        gives no page never links.
        """
        urls: dict[Hashable, str | None] = {}
        linked: set[Hashable] = set()
        for index, pieces in self._pieces.items():
            children: list[Token] = []
            for piece in pieces:
                if isinstance(piece, Token):
                    children.append(piece)
                    continue
                links = []
                linked_span = None
                for hit in piece.hits if piece.linkable else ():
                    span = (hit.start, hit.end)
                    entity_id = decide(hit)
                    if span == linked_span or entity_id is None or entity_id in linked:
                        continue
                    if entity_id not in urls:
                        urls[entity_id] = url_for(entity_id)
                    if urls[entity_id] is not None:
                        linked.add(entity_id)
                        links.append((hit, entity_id, urls[entity_id], piece.start))
                        linked_span = span
                children += _wrap_links(piece.tokens, links) if links else piece.tokens
            self._tokens[index].children = children
        html = _MARKDOWN.renderer.render(self._tokens, _MARKDOWN.options, {})
        return RenderResult(_sanitise(html), self.hits, self.text)


def read_markdown(source: str, *, matcher: Matcher | None, language: str = "") -> MarkdownDocument:
    """The document's prose and every hit in it, read in ``language``'s word forms."""
    return MarkdownDocument(source, matcher=matcher, language=language)


def render_markdown(
    source: str,
    *,
    matcher: Matcher | None,
    url_for: Callable[[Hashable], str | None],
    decide: Decide = link_exact,
    language: str = "",
) -> RenderResult:
    document = read_markdown(source, matcher=matcher, language=language)
    return document.render(url_for=url_for, decide=decide)


def plain_text(source: str) -> str:
    """The prose of a Markdown document, blocks separated by blank lines."""
    return render_markdown(source, matcher=None, url_for=lambda _: None).text


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding text[start:end] starts and ends."""
    breaks = _sentence_breaks(text)
    before = bisect_right(breaks.ends, start) - 1
    sentence_start = breaks.ends[before] if before >= 0 else 0
    after = bisect_left(breaks.starts, end)
    sentence_end = breaks.stops[after] if after < len(breaks.starts) else len(text)
    return sentence_start, sentence_end


def snippet(text: str, start: int, end: int, width: int = 200) -> str:
    """The sentence holding text[start:end], whitespace collapsed, cut to about `width`."""
    sentence_start, sentence_end = sentence_span(text, start, end)
    prefix = suffix = ""
    if sentence_end - sentence_start > width:
        room = max(width - (end - start), 0) // 2
        if start - room > sentence_start:
            sentence_start = _word_start(text, start - room)
            prefix = "… "
        if end + room < sentence_end:
            sentence_end = _word_end(text, end + room)
            suffix = " …"
    return prefix + " ".join(text[sentence_start:sentence_end].split()) + suffix


class _SentenceBreaks(NamedTuple):
    starts: list[int]  # where each break begins
    stops: list[int]  # where the sentence before it ends (after its punctuation)
    ends: list[int]  # where the next sentence starts


@lru_cache(maxsize=8)
def _sentence_breaks(text: str) -> _SentenceBreaks:
    """Every sentence break in `text`, found once for all the snippets of one document."""
    breaks = _SentenceBreaks([], [], [])
    for boundary in _SENTENCE_BREAK.finditer(text):
        if boundary.group(1) and _is_initial(text, boundary.start()):
            continue  # "D. Serikbayev", "L.N. Gumilev": an initial, not a sentence's end
        breaks.starts.append(boundary.start())
        breaks.stops.append(boundary.start() + len(boundary.group(1) or ""))
        breaks.ends.append(boundary.end())
    return breaks


class _Reader:
    """Walks inline tokens in document order, collecting the prose and its hits."""

    def __init__(self, matcher, language=""):
        self.matcher = matcher
        self.language = language
        self.hits: list[Hit] = []
        self.blocks: list[str] = []
        self.position = 0

    def read_inline(self, children: list[Token], *, linkable: bool) -> list[Token | _Flow]:
        if self.blocks:
            self.position += len(_BLOCK_SEPARATOR)
        block_start = self.position
        pieces: list[Token | _Flow] = []
        flow: list[Token] = []
        link_depth = 0
        for child in children:
            if child.type in _TEXT_FLOW:
                flow.append(child)
                continue
            pieces.append(self._read_flow(flow, linkable=linkable and not link_depth))
            flow = []
            link_depth += _link_depth_change(child)
            if child.type == "code_inline":
                self.position += len(child.content)
            pieces.append(child)
        pieces.append(self._read_flow(flow, linkable=linkable and not link_depth))
        self.blocks.append(_flat_text(children))
        self.position = block_start + len(self.blocks[-1])
        return pieces

    def _read_flow(self, tokens: list[Token], *, linkable: bool) -> _Flow:
        text = "".join(_token_text(token) for token in tokens)
        flow = _Flow(tokens, self.position, linkable)
        self.position += len(text)
        if text and self.matcher is not None:
            for hit in self.matcher.find(text, self.language):
                start, end = hit.start + flow.start, hit.end + flow.start
                flow.hits.append(Hit(hit.entity_id, start, end, hit.text, hit.alias, hit.exact))
            self.hits += flow.hits
        return flow


def _link_depth_change(token: Token) -> int:
    if token.type == "link_open" or (
        token.type == "html_inline" and _RAW_LINK_OPEN.match(token.content)
    ):
        return 1
    if token.type == "link_close" or (
        token.type == "html_inline" and _RAW_LINK_CLOSE.match(token.content)
    ):
        return -1
    return 0


def _token_text(token: Token) -> str:
    return token.content if token.type == "text" else "\n"


def _flat_text(children: list[Token]) -> str:
    return "".join(
        _token_text(child) if child.type in _TEXT_FLOW else child.content
        for child in children
        if child.type in _TEXT_FLOW or child.type == "code_inline"
    )


def _wrap_links(flow: list[Token], links: list[tuple[Hit, Hashable, str, int]]) -> list[Token]:
    """Split the flow's text tokens at the links' edges and insert link tokens there."""
    events = []
    for hit, entity_id, url, flow_start in links:
        attrs = {"href": url, "class": "entity-link", "data-entity": str(entity_id)}
        events.append((hit.start - flow_start, Token("link_open", "a", 1, attrs=attrs)))
        events.append((hit.end - flow_start, Token("link_close", "a", -1)))
    events.sort(key=lambda event: (event[0], event[1].nesting))  # close before open
    wrapped: list[Token] = []
    next_event = 0
    token_start = 0
    for token in flow:
        token_end = token_start + len(_token_text(token))
        cut = token_start
        while next_event < len(events) and events[next_event][0] < token_end:
            position, link_token = events[next_event]
            if position > cut and token.type == "text":
                wrapped.append(
                    _text_token(token.content[cut - token_start : position - token_start])
                )
                cut = position
            wrapped.append(link_token)
            next_event += 1
        if token.type != "text":
            wrapped.append(token)
        elif cut < token_end:
            wrapped.append(_text_token(token.content[cut - token_start :]))
        token_start = token_end
    wrapped.extend(link_token for _, link_token in events[next_event:])
    return wrapped


def _text_token(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        allowed_classes=_ALLOWED_CLASSES,
        url_schemes=_URL_SCHEMES,
    )


def _is_initial(text: str, dot: int) -> bool:
    """Whether the char before `dot` is a lone letter, as in "D." or the "N." of "L.N."."""
    return dot >= 1 and text[dot - 1].isalpha() and (dot == 1 or not text[dot - 2].isalnum())


def _word_start(text: str, position: int) -> int:
    """The start of the first whole word at or after `position`, so the cut stays in width."""
    if position == 0 or text[position - 1].isspace():
        return position
    space = text.find(" ", position)
    return position if space == -1 else space + 1


def _word_end(text: str, position: int) -> int:
    """The end of the last whole word at or before `position`."""
    if position == len(text) or text[position].isspace():
        return position
    space = text.rfind(" ", 0, position)
    return position if space == -1 else space
