"""Time the entity linker on a registry and an article of realistic size.

Run as `python bench/bench_linking.py`. Targets: building the matcher for 10,000
entities takes under 2 s; linking a 5,000-word article takes under 20 ms.
"""

import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from articles.linking.matcher import AliasEntry, Matcher
from articles.linking.render import render_markdown

ENTITIES = 10_000
ARTICLE_WORDS = 5_000
MENTIONS = 100
RUNS = 20
SYLLABLES = [
    "ka",
    "ra",
    "ba",
    "se",
    "ri",
    "kos",
    "han",
    "ov",
    "lu",
    "ban",
    "zhi",
    "mi",
    "nur",
    "bek",
    "to",
    "ya",
    "ev",
    "er",
    "lan",
    "gu",
    "ly",
    "as",
    "sa",
    "at",
]
FILLER = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "was",
    "with",
    "as",
    "by",
    "at",
    "from",
    "it",
    "this",
    "be",
    "are",
    "which",
    "has",
    "new",
    "workshop",
    "students",
    "education",
    "technical",
    "university",
    "minister",
    "president",
    "speaker",
    "said",
    "will",
    "have",
    "been",
    "more",
    "its",
    "over",
    "also",
    "between",
    "their",
    "would",
    "about",
    "after",
    "into",
    "year",
]


def synthetic_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))).capitalize()


def synthetic_aliases(rng: random.Random) -> list[AliasEntry]:
    aliases = []
    for entity_id in range(ENTITIES):
        if entity_id % 2:
            given, family = synthetic_name(rng), synthetic_name(rng)
            aliases += [
                AliasEntry(entity_id, f"{given} {family}", "name", "official"),
                AliasEntry(entity_id, f"{given[0]}. {family}", "name", "official"),
                AliasEntry(entity_id, f"{family}ov", "surname", "official"),
            ]
        else:
            name = f"{synthetic_name(rng)} {synthetic_name(rng)} Institute"
            aliases += [
                AliasEntry(entity_id, name),
                AliasEntry(entity_id, name.replace("Institute", "College"), "former"),
                AliasEntry(entity_id, "".join(w[:2] for w in name.split()).upper(), "short"),
            ]
    return aliases


def synthetic_article(rng: random.Random, aliases: list[AliasEntry]) -> str:
    words = [rng.choice(FILLER) for _ in range(ARTICLE_WORDS)]
    for position in rng.sample(range(ARTICLE_WORDS), MENTIONS):
        words[position] = rng.choice(aliases).text
    paragraphs = [" ".join(words[i : i + 100]) + "." for i in range(0, ARTICLE_WORDS, 100)]
    return "\n\n".join(paragraphs)


def median_ms(action) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    rng = random.Random(20240601)
    aliases = synthetic_aliases(rng)
    article = synthetic_article(rng, aliases)

    started = time.perf_counter()
    matcher = Matcher(aliases)
    build_ms = (time.perf_counter() - started) * 1000

    hits = matcher.find(article)
    find_ms = median_ms(lambda: matcher.find(article))
    render_ms = median_ms(
        lambda: render_markdown(article, matcher=matcher, url_for=lambda e: f"/entities/{e}/")
    )

    tracemalloc.start()
    Matcher(aliases)
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    rows = [
        ("aliases", f"{len(aliases):,}", ""),
        ("article words / hits", f"{len(article.split()):,} / {len(hits)}", ""),
        ("matcher build", f"{build_ms:,.0f} ms", "< 2,000 ms"),
        ("find, one article (median)", f"{find_ms:.1f} ms", "< 20 ms"),
        ("render with links (median)", f"{render_ms:.1f} ms", ""),
        ("build peak, Python heap", f"{python_peak / 2**20:.1f} MiB", ""),
        ("process max RSS", f"{max_rss_kib / 1024:.1f} MiB", ""),
    ]
    width = max(len(label) for label, _, _ in rows)
    for label, value, target in rows:
        print(f"{label:<{width}}  {value:>16}  {target}")


if __name__ == "__main__":
    main()
