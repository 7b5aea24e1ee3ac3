"""Render an article's Markdown to safe HTML, linking the first mention of each entity.

Links go into the text tokens of the parsed document, never into HTML by pattern, so they
cannot land inside a tag, a heading, an existing link, code or an image's alt text. Only
the first linkable mention of an entity links; later mentions stay plain. A mention is
linkable when its entity is not rejected and either the hit is exact or an editor has
confirmed the entity (`link_entities`). Body headings start at h2, under the page's h1.
The finished HTML is sanitised with nh3, so raw HTML an editor typed cannot run script.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
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
_URL_SCHEMES = {"http", "https", "mailto"}

_TEXT_FLOW = {"text", "softbreak", "hardbreak"}
_RAW_LINK_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)
_RAW_LINK_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)

# A sentence ends at terminal punctuation (and any closing quotes) before whitespace, or at
# a blank line.
_SENTENCE_BREAK = re.compile(r"([.!?\u2026]+[\"'\u201d\u2019)\]]*)\s+|\n\s*\n")
_BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class RenderResult:
    html: str
    hits: list[Hit]  # every mention in the document's prose; offsets index `text`
    text: str  # the document's prose as plain text, blocks separated by blank lines


def render_markdown(
    source: str,
    *,
    matcher: Matcher | None,
    url_for: Callable[[Hashable], str | None],
    link_entities: Collection[Hashable] | None = None,
    reject: Collection[Hashable] = frozenset(),
    language: str = "",
) -> RenderResult:
    tokens = _MARKDOWN.parse(source)
    linker = _Linker(matcher, url_for, link_entities or frozenset(), reject, language)
    in_heading = False
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            in_heading = token.type == "heading_open"
            if token.tag == "h1":
                token.tag = "h2"
        elif token.type == "inline":
            token.children = linker.link_inline(token.children or [], linkable=not in_heading)
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    return RenderResult(_sanitise(html), linker.hits, _BLOCK_SEPARATOR.join(linker.blocks))


def plain_text(source: str) -> str:
    """The prose of a Markdown document, blocks separated by blank lines."""
    return render_markdown(source, matcher=None, url_for=lambda _: None).text


def snippet(text: str, start: int, end: int, width: int = 200) -> str:
    """The sentence holding text[start:end], whitespace collapsed, cut to about `width`."""
    breaks = _sentence_breaks(text)
    before = bisect_right(breaks.ends, start) - 1
    sentence_start = breaks.ends[before] if before >= 0 else 0
    after = bisect_left(breaks.starts, end)
    sentence_end = breaks.stops[after] if after < len(breaks.starts) else len(text)
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


class _Linker:
    """Walks inline tokens in document order, collecting hits and inserting first links."""

    def __init__(self, matcher, url_for, link_entities, reject, language):
        self.matcher = matcher
        self.language = language
        self.url_for = url_for
        self.link_entities = link_entities
        self.reject = reject
        self.hits: list[Hit] = []
        self.blocks: list[str] = []
        self.linked: set[Hashable] = set()
        self.urls: dict[Hashable, str | None] = {}
        self.position = 0

    def link_inline(self, children: list[Token], *, linkable: bool) -> list[Token]:
        if self.blocks:
            self.position += len(_BLOCK_SEPARATOR)
        block_start = self.position
        linked_children: list[Token] = []
        flow: list[Token] = []
        link_depth = 0
        for child in children:
            if child.type in _TEXT_FLOW:
                flow.append(child)
                continue
            linked_children += self._link_flow(flow, linkable=linkable and not link_depth)
            flow = []
            link_depth += _link_depth_change(child)
            if child.type == "code_inline":
                self.position += len(child.content)
            linked_children.append(child)
        linked_children += self._link_flow(flow, linkable=linkable and not link_depth)
        self.blocks.append(_flat_text(children))
        self.position = block_start + len(self.blocks[-1])
        return linked_children

    def _link_flow(self, flow: list[Token], *, linkable: bool) -> list[Token]:
        """Find mentions in a stretch of text tokens and wrap the first ones in links."""
        text = "".join(_token_text(token) for token in flow)
        flow_start = self.position
        self.position += len(text)
        if not text or self.matcher is None:
            return flow
        links = []
        linked_span = None
        for hit in self.matcher.find(text, self.language):
            start, end = hit.start + flow_start, hit.end + flow_start
            self.hits.append(Hit(hit.entity_id, start, end, hit.text, hit.alias, hit.exact))
            span = (hit.start, hit.end)
            if linkable and span != linked_span and self._should_link(hit):
                self.linked.add(hit.entity_id)
                links.append((hit, self.urls[hit.entity_id]))
                linked_span = span
        return _wrap_links(flow, links) if links else flow

    def _should_link(self, hit: Hit) -> bool:
        entity_id = hit.entity_id
        if entity_id in self.linked or entity_id in self.reject:
            return False
        if not (hit.exact or entity_id in self.link_entities):
            return False
        if entity_id not in self.urls:
            self.urls[entity_id] = self.url_for(entity_id)
        return self.urls[entity_id] is not None


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


def _wrap_links(flow: list[Token], links: list[tuple[Hit, str]]) -> list[Token]:
    """Split the flow's text tokens at the links' edges and insert link tokens there."""
    events = []
    for hit, url in links:
        attrs = {"href": url, "class": "entity-link", "data-entity": str(hit.entity_id)}
        events.append((hit.start, Token("link_open", "a", 1, attrs=attrs)))
        events.append((hit.end, Token("link_close", "a", -1)))
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
