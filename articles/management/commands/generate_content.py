import os

from django.core.management.base import BaseCommand, CommandError

from articles.corpus import CorpusExists, generate_corpus


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic corpus for load and performance work: "
        "institutions, officials, their aliases, posts and appointments, and published "
        "articles linked by the real linker. The same --seed gives the same content. "
        "Refuses to run where a generated corpus already exists."
    )

    def add_arguments(self, parser):
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

    def handle(self, *args, articles, entities, seed, batch_size, workers, **options):
        for option, value, least in (
            ("--articles", articles, 0),
            ("--entities", entities, 0),
            ("--batch-size", batch_size, 1),
            ("--workers", workers, 1),
        ):
            if value < least:
                raise CommandError(f"{option} must be {least} or more, not {value}.")
        if articles and not entities:
            raise CommandError("--entities must be 1 or more: articles need entities to name.")

        def progress(done, total, rate):
            self.stdout.write(f"  {done}/{total} articles ({rate:.0f} articles/s)")

        try:
            summary = generate_corpus(
                articles=articles,
                entities=entities,
                seed=seed,
                batch_size=batch_size,
                workers=workers,
                progress=progress,
            )
        except CorpusExists as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {summary.institutions} institutions and {summary.officials} officials "
                f"({summary.aliases} aliases, {summary.posts} posts, {summary.appointments} "
                f"appointments) and {summary.articles} published articles with "
                f"{summary.mentions} mentions in {summary.seconds:.1f} s "
                f"({summary.rate:.0f} articles/s)."
            )
        )
