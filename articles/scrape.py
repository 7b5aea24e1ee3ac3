# ruff: noqa: RUF001 -- Cyrillic text and typographic dashes are the subject.
"""Turn a raw scraped news page into a clean article.

A scrape is the page's visible text: a "Skip to content" link, the headline, the
standfirst, an alternative headline printed twice, the headline again, the story
(paragraphs, bullet lists, footnotes) and the site's "Read also:" / "Latest"
furniture. ``parse_scrape`` keeps the story and drops the furniture without ever
dropping a paragraph of the story itself.

Pure Python with no Django import, so importers, scripts and tests can call it
directly.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from newsroom.text import fold_mixed_scripts


class ScrapeError(ValueError):
    """The file holds no usable article; the message is the reason, for people."""


@dataclass(frozen=True)
class ScrapedArticle:
    """An article recovered from a scrape.

    ``body`` is Markdown: paragraphs separated by blank lines, bullets as "- item".
    ``flags`` are sentences left in the text that read like scraper or machine
    output, for an editor to check. ``content_hash`` is the SHA-256 of the
    normalised source text, so byte-level variants of one text (CRLF, BOM, NBSP)
    hash equal.
    """

    title: str
    dek: str
    alternative_headlines: tuple[str, ...]
    body: str
    footnotes: tuple[str, ...]
    flags: tuple[str, ...]
    content_hash: str
    language: str


# A standfirst is a sentence or two; a longer first paragraph is the story itself.
DEK_MAX_WORDS = 60
# The repeated headline that closes the page header comes within the first blocks.
HEADER_MAX_BLOCKS = 6
# After "Read also:" a site lists headlines; a line this long is story text instead.
LINK_LINE_MAX_WORDS = 25

# Whole lines that are navigation, never story text (compared casefolded).
FURNITURE_LINES = frozenset(
    {
        "skip to content",
        "skip to main content",
        "latest",
        "latest news",
        "read more",
        "перейти к содержимому",
        "перейти к содержанию",
        "последние новости",
        "соңғы жаңалықтар",
    }
)

# "Read also:" opens the related-links tail. It counts at a line start or glued
# after the last sentence ("…landscape.Read also:Skip to content").
READ_ALSO = re.compile(
    r"(?:^\s*|(?<=[.!?…\"'»”’)]))"
    r"(?:read also|also read|read more|читайте также|сондай-ақ оқыңыз)\s*:",
    re.IGNORECASE,
)

# Phrases that betray a scraper, a search tool or a language model writing the
# text rather than a reporter. The sentence stays in the body; editors decide.
ARTEFACT_PHRASES = re.compile(
    r"provided (?:search results|sources|text|context|information|articles|documents)"
    r"|(?:the|these) search results"
    r"|as an ai\b|as a language model"
    # Only a model's refusals: an official quoted saying "I cannot comment" is news.
    r"|\bi (?:cannot|can't|am unable to|'m unable to) (?:provide|verify|confirm|find|access"
    r"|browse|determine)|\bi (?:do not|don't) have access"
    r"|knowledge cut-?off|my training data"
    r"|not explicitly (?:clear|stated|mentioned|specified)"
    r"|(?:is|are) not (?:specified|mentioned) in the"
    r"|it is plausible that"
    r"|в предоставленных|результатах поиска|как языковая модель"
    r"|я не могу (?:предоставить|подтвердить|найти)",
    re.IGNORECASE,
)

# A word broken at a line end: "Samruk-" / "Kazyna", "специа-" / "листов".
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_])")
_KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC_LETTERS = re.compile("[а-яёА-ЯЁ]")
_LATIN_LETTERS = re.compile("[A-Za-z]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x85\u2028]")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_ODD_SPACE = re.compile(r"[^\S\n]")
_INNER_SPACES = re.compile(r"(?<=\S) {2,}")
_FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s*(\S.*)$")
_NOTE_MARKER = re.compile(r"\s*\[(?:\d{1,3}|citation needed)\]", re.IGNORECASE)
# "•" and friends mark a bullet anywhere; dashes only when indented, because an
# unindented dash opens a line of dialogue in Russian and Kazakh text.
_BULLET = re.compile(r"^(?:\s*[•·▪◦‣●]|\s*[-*+](?=\s)|\s+[–—](?=\s))\s*(?P<text>\S.*)$")
# Text that Markdown would read as a heading, quote or list if a paragraph began with it.
_MARKDOWN_START = re.compile(r"^(?:[#>]|\+(?=\s)|\d{1,9}(?=[.)](?:\s|$)))")
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])[\"'»”’)]*\s+(?<![\s.][A-ZА-ЯЁ]\.\s)(?=[\"'«“‘(]?[^\W\d_a-zа-яё])"
)


def parse_scrape(data: bytes) -> ScrapedArticle:
    """Parse one scraped page; raise ``ScrapeError`` when it holds no article."""
    text = normalise(decode(data))
    if not text:
        raise ScrapeError("the file is empty")
    blocks = _blocks(_drop_furniture(text.split("\n")))
    if not blocks:
        raise ScrapeError("only site furniture, no article text")
    title, dek, alternatives, body_blocks = _split_header(blocks)
    body, footnotes = _render_body(body_blocks)
    if not body:
        raise ScrapeError("only site furniture, no article text")
    return ScrapedArticle(
        title=title,
        dek=dek,
        alternative_headlines=alternatives,
        body=body,
        footnotes=footnotes,
        flags=_artefact_sentences(dek, body),
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        language=detect_language(text),
    )


def decode(data: bytes) -> str:
    """Strict UTF-8, without a byte-order mark; anything else is not a scrape we can trust."""
    if not data:
        raise ScrapeError("the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScrapeError("UTF-16 text, not UTF-8 (save the file as UTF-8)")
    if b"\x00" in data:
        raise ScrapeError("binary data, not a text file (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScrapeError("not UTF-8 text (binary or another encoding)") from None
    return text.removeprefix("\ufeff")


def normalise(text: str) -> str:
    """The text every later step sees, and the one ``content_hash`` is taken of.

    Line ends become LF, the text is NFC, odd spaces become plain spaces (leading
    indentation kept, for bullets), invisible characters and controls go, and
    mixed-script words are folded to one script (``fold_mixed_scripts``).
    """
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text))
    text = _INVISIBLE.sub("", text.replace("\u2029", "\n\n"))
    text = _ODD_SPACE.sub(" ", text)
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    text = fold_mixed_scripts(text)
    text = _BROKEN_WORD.sub(_rejoin, text)
    lines = (_INNER_SPACES.sub(" ", line.rstrip()) for line in text.split("\n"))
    return "\n".join(lines).strip("\n")


def _rejoin(match: re.Match) -> str:
    """Join a word broken at a line end. Line-breaking hyphenation only splits a word
    before a lower-case letter, so a capital after the break ("Samruk-" / "Kazyna")
    marks a hyphen that belongs to the name and stays; a lower-case part joins without
    it. A compound broken at its own hyphen ("северо-" / "западный") loses the hyphen,
    which costs less than keeping one inside every broken word."""
    after = match.string[match.end()]
    return "-" if after.isupper() else ""


def detect_language(text: str) -> str:
    """ "kk", "ru" or "en", from the letters the text is written in: Kazakh letters that
    Russian lacks mark Kazakh; otherwise mostly Cyrillic letters mark Russian."""
    cyrillic = len(_CYRILLIC_LETTERS.findall(text))
    kazakh = len(_KAZAKH_LETTERS.findall(text))
    if cyrillic + kazakh <= len(_LATIN_LETTERS.findall(text)):
        return "en"
    # Kazakh prose has about one such letter in ten; Russian quoting a Kazakh name, a few.
    return "kk" if kazakh * 25 >= cyrillic + kazakh else "ru"


def _drop_furniture(lines: list[str]) -> list[str]:
    """Remove navigation lines and cut the related-links tail after "Read also:".

    A "Read also:" with story-length lines after it is an inline link inside the
    story: only that link goes, so no story text is lost.
    """
    kept = []
    for index, line in enumerate(lines):
        if line.strip().casefold() in FURNITURE_LINES:
            continue
        marker = READ_ALSO.search(line)
        if marker is None:
            kept.append(line)
            continue
        before = line[: marker.start()].rstrip()
        if before:
            kept.append(before)
        if all(len(rest.split()) < LINK_LINE_MAX_WORDS for rest in lines[index + 1 :]):
            break
    return kept


def _blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into blocks separated by blank lines."""
    blocks, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _block_key(block: list[str]) -> str:
    return _key(" ".join(block))


def _is_alternative(block: list[str]) -> bool:
    """The alternative headline is printed as one line repeated on consecutive lines."""
    return len(block) > 1 and len({_key(line) for line in block}) == 1


def _has_text(block: list[str]) -> bool:
    return not all(_FOOTNOTE.match(line.strip()) for line in block)


def _is_plain(block: list[str]) -> bool:
    return not any(_BULLET.match(line) or _FOOTNOTE.match(line.strip()) for line in block)


def _split_header(blocks):
    """Return title, dek, alternative headlines and the body's blocks.

    On the seeds' sites the header ends where the headline is repeated. Without
    that repeat the dek is the next paragraph, if it is short and more text follows.
    """
    first, *rest = blocks
    title = _clean_inline(first[0])
    if len(first) > 1:
        rest.insert(0, first[1:])
    title_key = _key(title)
    repeat = next(
        (i for i, b in enumerate(rest[:HEADER_MAX_BLOCKS]) if _block_key(b) == title_key),
        None,
    )
    if repeat is not None:
        header, body = rest[:repeat], rest[repeat + 1 :]
        others = [b for b in header if not _is_alternative(b)]
        alternatives = [b[0] for b in header if _is_alternative(b)]
        dek_block = others[0] if others and _is_plain(others[0]) else None
        # Anything else in the header is kept as story text rather than lost.
        body = [b for b in others if b is not dek_block] + body
    else:
        alternatives, index, dek_block = [], 0, None
        while index < len(rest) and _is_alternative(rest[index]):
            alternatives.append(rest[index][0])
            index += 1
        candidate = rest[index] if index < len(rest) else None
        if (
            candidate
            and _is_plain(candidate)
            and len(_block_key(candidate).split()) < DEK_MAX_WORDS
            and any(_has_text(b) and not _is_alternative(b) for b in rest[index + 1 :])
        ):
            dek_block = candidate
            index += 1
            while index < len(rest) and _is_alternative(rest[index]):
                alternatives.append(rest[index][0])
                index += 1
        body = rest[index:]
    dek = _clean_inline(" ".join(line.strip() for line in dek_block)) if dek_block else ""
    unique = {}
    for alternative in map(_clean_inline, alternatives):
        if _key(alternative) not in (title_key, *map(_key, unique)):
            unique[alternative] = None
    repeats = {title_key, *map(_key, unique)}
    body = [b for b in body if _block_key(b) not in repeats]
    return title, dek, tuple(unique), body


def _clean_inline(text: str) -> str:
    return _NOTE_MARKER.sub("", text).strip()


def _escape_start(text: str) -> str:
    """Keep a paragraph that starts like Markdown syntax ("# 1", "1. ") plain text."""
    match = _MARKDOWN_START.match(text)
    if match is None:
        return text
    if match.group().isdigit():
        return f"{match.group()}\\{text[match.end() :]}"
    return "\\" + text


def _render_body(blocks) -> tuple[str, tuple[str, ...]]:
    """Markdown for the body blocks, and the footnote texts taken out of them."""
    parts: list[str] = []
    footnotes: list[str] = []
    for block in blocks:
        lines: list[list] = []  # [is_bullet, text]
        for line in block:
            if note := _FOOTNOTE.match(line.strip()):
                footnotes.append(note.group(2))
            elif bullet := _BULLET.match(line):
                lines.append([True, bullet.group("text")])
            elif lines and lines[-1][0] and line.startswith(" "):
                lines[-1][1] += " " + line.strip()  # a bullet wrapped onto the next line
            else:
                lines.append([False, line.strip()])
        for is_bullet, run in groupby(lines, key=itemgetter(0)):
            texts = [text for _, raw in run if (text := _clean_inline(raw))]
            if not texts:
                continue
            if not is_bullet:
                parts.append(_escape_start(" ".join(texts)))
                continue
            bullets = "\n".join(f"- {_escape_start(text)}" for text in texts)
            # Bullets split by blank lines in the source are still one list.
            if parts and parts[-1].startswith("- "):
                parts[-1] += "\n" + bullets
            else:
                parts.append(bullets)
    return "\n\n".join(parts), tuple(footnotes)


def _artefact_sentences(dek: str, body: str) -> tuple[str, ...]:
    found = {}
    for block in [dek, *body.split("\n")]:
        text = block.removeprefix("- ")
        for sentence in _SENTENCE_END.split(text):
            if ARTEFACT_PHRASES.search(sentence):
                found[sentence.strip()] = None
    return tuple(found)
