"""Import scraped article files as published articles, idempotently.

Each file is one unit: it is parsed completely before anything is written, and written in
its own transaction, so a bad file adds nothing and never stops the good ones.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from . import services
from .models import Article, Revision
from .scrape import ScrapeError, parse_scrape

CREATED, UPDATED, UNCHANGED, CONFLICT, SKIPPED = (
    "created",
    "updated",
    "unchanged",
    "conflict",
    "skipped",
)
IMPORTED_FIELDS = ("title", "dek", "body", "seo_title")


@dataclass(frozen=True)
class ImportResult:
    path: Path
    action: str
    detail: str = ""
    article: Article | None = None

    @property
    def failed(self):
        return self.action == SKIPPED


def fingerprint(article):
    """A hash of the fields an import writes; an editor's edit changes it."""
    text = "\x1f".join(str(getattr(article, field)) for field in IMPORTED_FIELDS)
    return hashlib.sha256(text.encode()).hexdigest()


def article_files(paths):
    """The ``.txt`` files named or found (recursively) in ``paths``, sorted by name."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        elif path.suffix != ".toml":
            yield path


def import_article_file(path, *, dry_run=False):
    path = Path(path)
    try:
        scraped = parse_scrape(path.read_bytes())
    except OSError as error:
        return ImportResult(path, SKIPPED, f"cannot read the file ({error.strerror})")
    except ScrapeError as error:
        return ImportResult(path, SKIPPED, str(error))

    article = Article.objects.filter(source_file=path.name).first()
    if article is None:
        article = Article(
            source_file=path.name,
            status=Article.Status.PUBLISHED,
            # The scrapes carry no date: the import time stands in for publication.
            published_at=timezone.now(),
            # Detected once: an editor's correction survives later imports of the file.
            language=scraped.language,
        )
        action = CREATED
    elif article.source_hash == scraped.content_hash:
        return ImportResult(path, UNCHANGED, article=article)
    elif fingerprint(article) != article.imported_fingerprint:
        return ImportResult(
            path,
            CONFLICT,
            "the source changed but an editor has edited the article since it was "
            "imported; the editor's version was kept",
            article,
        )
    else:
        action = UPDATED

    article.title = scraped.title
    article.dek = scraped.dek
    article.body = scraped.body
    article.seo_title = scraped.alternative_headlines[0] if scraped.alternative_headlines else ""
    article.quality_flags = list(scraped.flags)
    article.source_hash = scraped.content_hash
    article.imported_at = timezone.now()
    article.imported_fingerprint = fingerprint(article)
    if dry_run:
        return ImportResult(path, action, "dry run, nothing written", article)
    services.article_save(
        article=article, by=None, kind=Revision.Kind.IMPORTED, note=f"from {path.name}"
    )
    return ImportResult(path, action, article=article)
