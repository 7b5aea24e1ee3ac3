import time

from django.core.management.base import BaseCommand, CommandError

from articles.linking.relinking import relink
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Re-render every article (or those given by slug) and refresh the places where it "
        "names entities, and its mentions; editors' decisions stay. Run once after the "
        "upgrade that records places: it passes each entity's earlier decision to them."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Only these articles.")

    def handle(self, *args, slugs, **options):
        articles = Article.objects.all()
        if slugs:
            articles = articles.filter(slug__in=slugs)
            unknown = sorted(set(slugs) - set(articles.values_list("slug", flat=True)))
            if unknown:
                # Checked before anything is rewritten: a typo relinks nothing.
                raise CommandError(f"No article with the slug: {', '.join(unknown)}.")
        total = articles.count()
        started = time.perf_counter()

        def progress(done):
            if done % 500 == 0:
                self.stdout.write(f"  {done}/{total}")

        done = relink(articles.order_by("pk"), progress=progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Relinked {done} article(s) in {elapsed:.1f} s.")
