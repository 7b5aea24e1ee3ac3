"""Fill the database with a synthetic corpus for load and performance work.

    .venv/bin/python bench/generate_content.py --articles 5000 --entities 2000 [--seed 1]

Institutions, officials, their aliases, posts and appointments, and published articles
linked by the real linker, in the database of ``DATABASE_URL`` (as ``manage.py`` would
use). The same ``--seed`` gives the same content. Refuses to run where a generated corpus
already exists.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from bench.corpus import CorpusExists, generate_corpus  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="Articles to create.")
    parser.add_argument(
        "--entities", type=int, default=500, help="Institutions and officials to create."
    )
    parser.add_argument("--seed", default="1", help="Same seed, same content (default 1).")
    parser.add_argument(
        "--batch-size", type=int, default=500, help="Articles per insert (default 500)."
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="Processes rendering articles (default: up to 2).",
    )
    args = parser.parse_args(argv)
    for option, value, least in (
        ("--articles", args.articles, 0),
        ("--entities", args.entities, 0),
        ("--batch-size", args.batch_size, 1),
        ("--workers", args.workers, 1),
    ):
        if value < least:
            parser.error(f"{option} must be {least} or more, not {value}.")
    if args.articles and not args.entities:
        parser.error("--entities must be 1 or more: articles need entities to name.")
    return args


def main(argv=None):
    args = parse_args(argv)

    def progress(done, total, rate):
        print(f"  {done}/{total} articles ({rate:.0f} articles/s)", flush=True)

    try:
        summary = generate_corpus(
            articles=args.articles,
            entities=args.entities,
            seed=args.seed,
            batch_size=args.batch_size,
            workers=args.workers,
            progress=progress,
        )
    except CorpusExists as error:
        sys.exit(str(error))
    print(
        f"Created {summary.institutions} institutions and {summary.officials} officials "
        f"({summary.aliases} aliases, {summary.posts} posts, {summary.appointments} "
        f"appointments) and {summary.articles} published articles with "
        f"{summary.mentions} mentions in {summary.seconds:.1f} s "
        f"({summary.rate:.0f} articles/s)."
    )


if __name__ == "__main__":
    main()
