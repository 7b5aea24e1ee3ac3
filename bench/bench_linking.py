"""Time the entity linker on a registry and an article of realistic size, both from the
synthetic corpus (``bench/synthetic.py``): 10,000 entities with their aliases, and a
5,000-word story naming some of them.

Run as `python bench/bench_linking.py`. Targets: building the matcher for 10,000
entities takes under 2 s; linking a 5,000-word article takes under 20 ms. Each time is
wall clock with the process's CPU time in brackets, which is what to read on a machine
others are using.
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


def timed_ms(action) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one run: on a shared machine the CPU time is the
    figure that says what the code costs."""
    started, started_cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - started) * 1000, (time.process_time() - started_cpu) * 1000


def median_ms(action) -> tuple[float, float]:
    timings = [timed_ms(action) for _ in range(RUNS)]
    return tuple(statistics.median(timing[i] for timing in timings) for i in (0, 1))


def main() -> None:
    world = synthetic.make_world(SEED, ENTITIES)
    aliases = registry_entries(world)
    article = synthetic.make_article(world, SEED, 0, words=ARTICLE_WORDS).body

    matcher = None

    def build():
        nonlocal matcher
        matcher = Matcher(aliases)

    build_ms = timed_ms(build)

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
        ("times: wall clock (CPU)", "", ""),
        ("matcher build", "{:,.0f} ms ({:,.0f})".format(*build_ms), "< 2,000 ms"),
        ("find, one article (median)", "{:.1f} ms ({:.1f})".format(*find_ms), "< 20 ms"),
        ("render with links (median)", "{:.1f} ms ({:.1f})".format(*render_ms), ""),
        ("build peak, Python heap", f"{python_peak / 2**20:.1f} MiB", ""),
        ("process max RSS", f"{max_rss_kib / 1024:.1f} MiB", ""),
    ]
    width = max(len(label) for label, _, _ in rows)
    for label, value, target in rows:
        print(f"{label:<{width}}  {value:>16}  {target}")


if __name__ == "__main__":
    main()
