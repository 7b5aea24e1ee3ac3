"""Articles: the published list with the site's filters, one article, search."""

from typing import Literal

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from articles import cache_keys
from articles.filters import ArticleFilter
from articles.models import Article
from institutions.cache_keys import MENTIONS, articles_key
from institutions.models import Entity
from newsroom.cache_keys import object_key, tag_page
from sections.models import Section

from . import represent
from .cursors import cursor_page
from .params import Cursor, Day, Limit, Slug, Text, checked_days
from .schemas import ERRORS_SCHEMA, SUMMARY_FIELDS, ArticleDetail, ArticlePage, SearchResults

router = Router(tags=["articles"])
ORDERING = ("-published_at", "-id")
SEARCH_ENTITY_COUNT = 10
Language = Literal[tuple(code for code, _ in settings.LANGUAGES)]


def selected_fields(fields):
    """The summary fields asked for in ``fields`` (comma-separated), or all of them."""
    if not fields:
        return SUMMARY_FIELDS
    asked = [name.strip() for name in fields.split(",") if name.strip()]
    unknown = sorted(set(asked) - set(SUMMARY_FIELDS))
    if unknown:
        raise HttpError(
            422,
            f"fields: unknown {', '.join(unknown)}; choose from {', '.join(SUMMARY_FIELDS)}",
        )
    return asked


def article_page(request, articles, *, cursor, limit, fields):
    """One page of ``articles``; the operation tags what chose them."""
    chosen = selected_fields(fields)
    articles = articles.select_related("section") if "section" in chosen else articles
    rows, next_cursor = cursor_page(articles, ORDERING, cursor=cursor, limit=limit)
    tag_page(*cache_keys.card_keys(rows))
    return {
        "items": [represent.article_summary(request, a, chosen) for a in rows],
        "next_cursor": next_cursor,
    }


@router.get(
    "/articles",
    response={200: ArticlePage, **ERRORS_SCHEMA},
    exclude_unset=True,
    summary="Published articles, newest first",
)
def list_articles(
    request,
    q: Text | None = None,
    entity: Slug | None = None,
    kind: Literal["institution", "official"] | None = None,
    section: Slug | None = None,
    language: Language | None = None,
    date_from: Day | None = None,
    date_to: Day | None = None,
    cursor: Cursor | None = None,
    limit: Limit = 20,
    fields: Text | None = None,
):
    """The site's article list as data: the same filters (`q` words, `entity` slug,
    `kind` of entity named, `language`, publication `date_from` and `date_to`), and the
    `section` slug, as the section's page lists them."""
    data = checked_days(date_from=date_from, date_to=date_to)
    data.update(q=q, entity=entity, kind=kind, language=language)
    filters = ArticleFilter(
        {k: v for k, v in data.items() if v is not None},
        queryset=Article.objects.published().for_cards(),
    )
    if not filters.is_valid():
        raise HttpError(422, represent.form_errors(filters.errors))
    # Which articles are listed; the words, or a section, read their text and filing.
    tag_page(cache_keys.ARTICLES)
    if entity or kind:
        tag_page(MENTIONS)
    if q or section:
        tag_page(cache_keys.ARTICLE_TEXT)
    articles = filters.qs
    if section is not None:
        if not Section.objects.filter(slug=section).exists():
            raise HttpError(422, f"section: there is no section {section!r}")
        articles = articles.filter(section__slug=section)
    return article_page(request, articles, cursor=cursor, limit=limit, fields=fields)


@router.get(
    "/articles/{slug}",
    response={200: ArticleDetail, **ERRORS_SCHEMA},
    summary="One published article, its linked body and what it mentions",
)
def get_article(request, slug: Slug):
    article = get_object_or_404(
        Article.objects.published().select_related("section", "lead").prefetch_related("authors"),
        slug=slug,
    )
    on_day = timezone.localdate(article.published_at)
    mentions = article.mentions.public().with_entities(roles_on=on_day)
    shown = represent.article_detail(request, article, mentions)
    # As the article's page: it, its translations, what it names and where they served.
    tag_page(object_key(article), cache_keys.translations_key(article))
    tag_page(*cache_keys.named_keys(mentions))
    return shown


@router.get(
    "/entities/{slug}/articles",
    response={200: ArticlePage, **ERRORS_SCHEMA},
    exclude_unset=True,
    summary="The published articles that name an institution or official",
)
def entity_articles(
    request, slug: Slug, cursor: Cursor | None = None, limit: Limit = 20, fields: Text | None = None
):
    entity = get_object_or_404(Entity, slug=slug)
    tag_page(articles_key(entity.pk))
    articles = Article.objects.published().for_cards().mentioning(entity)
    return article_page(request, articles, cursor=cursor, limit=limit, fields=fields)


@router.get(
    "/search",
    response={200: SearchResults, **ERRORS_SCHEMA},
    summary="Institutions and officials by name or alias, then articles",
)
def search(request, q: Text, limit: Limit = 20):
    """As the site's search: entities whose name or an alias contains `q`, then the
    articles whose words match or that name one of those entities, best first."""
    query = q.strip()
    if not query:
        raise HttpError(422, "q: give the words to search for")
    tag_page(*cache_keys.search_keys(request, None))
    found = Entity.objects.search(query)
    # Every entity found leads to its articles; only those shown are counted.
    shown = found.with_article_counts()[:SEARCH_ENTITY_COUNT]
    articles = (
        Article.objects.published()
        .for_cards()
        .select_related("section")
        .search(query, entities=list(found.values_list("pk", flat=True)))[:limit]
    )
    return {
        "entities": [represent.entity_summary(request, e) for e in shown],
        "articles": [represent.article_summary(request, a, SUMMARY_FIELDS) for a in articles],
    }
