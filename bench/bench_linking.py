"""Time the entity linker on a registry and an article of realistic size, both from the
synthetic corpus (``bench/synthetic.py``): 10,000 entities with their aliases, and a
5,000-word story naming some of them.

Run as `python bench/bench_linking.py`. Targets: building the matcher for 10,000
entities takes under 2 s; linking a 5,000-word article takes under 20 ms.
"""

import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from articles.linking.matcher import AliasEntry, Matcher
from articles.linking.render import render_markdown
from bench import synthetic

ENTITIES = 10_000
ARTICLE_WORDS = 5_000
RUNS = 20
SEED = 1


def registry_entries(world) -> list[AliasEntry]:
    """Each entity's name and aliases, as the linking registry reads them from the database."""
    return [
        AliasEntry(entity.index, text, kind, entity.kind)
        for entity in world.entities
        for text, kind, _ in [(entity.name, "name", ""), *entity.aliases]
    ]


def median_ms(action) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    world = synthetic.make_world(SEED, ENTITIES)
    aliases = registry_entries(world)
    article = synthetic.make_article(world, SEED, 0, words=ARTICLE_WORDS).body

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
