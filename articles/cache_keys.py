"""The cache keys of articles: what the article pages, lists, feeds and search show, and
which pages a change to an article or its mentions retires (see ``newsroom.cache_keys``).

- ``object_key(article)``: one published article's own data, on every page that shows
  it (its page, each card, feed item and related link).
- ``translations_key(article)``: which published translations an original has.
- ``ARTICLES``: which articles are published, in which order: the front page, the list,
  the site's feeds, search, the sitemap.
- ``ARTICLE_TEXT``: the text of every published article: search and the sitemap's dates.

A draft is on no public page: saving one retires nothing.
"""

from institutions.cache_keys import ENTITIES, MENTIONS, articles_key, entity_key
from newsroom.cache_keys import object_key

from .models import Article, Mention

ARTICLES = "articles"
ARTICLE_TEXT = "article-text"


def article_key(article_id):
    return f"article-{article_id}"


def translations_key(article):
    return f"article-{article.translation_of_id or article.pk}-translations"


def _entity_list_keys(article_id):
    """Every entity the article names: each lists it, and ranks the others named with it."""
    entities = Mention.objects.filter(article_id=article_id).values_list("entity_id", flat=True)
    return [MENTIONS, *map(articles_key, entities)]


def _listed(article):
    return article is not None and article.is_public, article and (
        article.published_at,
        article.language,
        article.slug,
    )


def article_change_keys(before, after):
    article = after or before
    if not (before and before.is_public) and not (after and after.is_public):
        # Scheduled: no page shows it yet, but retiring its key asks the schedule again.
        scheduled = after and after.status == Article.Status.PUBLISHED and after.published_at
        return [object_key(article)] if scheduled else []
    keys = [object_key(article), ARTICLE_TEXT]
    if _listed(before) != _listed(after):
        keys += [ARTICLES, translations_key(article), *_entity_list_keys(article.pk)]
    return keys


def mention_change_keys(before, after):
    mention = after or before
    article = Article.objects.filter(pk=mention.article_id).only("status", "published_at").first()
    if article is not None and not article.is_public:
        return []
    return [article_key(mention.article_id), *_entity_list_keys(mention.article_id)]


def linked_article_keys(article, *, text_changed, mentions_changed):
    """What relinking ``article`` changed: its rendered text, its mentions, or both."""
    if not article.is_public or not (text_changed or mentions_changed):
        return []
    keys = [object_key(article), ARTICLE_TEXT]
    return keys + _entity_list_keys(article.pk) if mentions_changed else keys


def named_keys(mentions):
    """What an article's ``mentions`` (read by ``with_entities(roles_on=...)``) show: each
    entity, and the institution of each post its officials held on the day."""
    keys = {entity_key(mention.entity_id) for mention in mentions}
    for mention in mentions:
        if mention.entity.kind == mention.entity.Kind.OFFICIAL:
            keys.update(
                entity_key(role.post.institution_id) for role in mention.entity.official.roles
            )
    return keys


def card_keys(articles):
    """Cards: each article, and the entities named on it."""
    keys = set()
    for article in articles:
        keys.add(object_key(article))
        keys.update(object_key(m.entity) for m in getattr(article, "public_mentions", ()))
    return keys


def home_keys(request, response, **kwargs):
    context = response.context_data
    articles = [context["lead"], *context["latest"]] if context["lead"] else []
    ranked = [*context["top_institutions"][0], *context["top_officials"][0]]
    return {ARTICLES, MENTIONS, *card_keys(articles), *map(object_key, ranked)}


def list_keys(request, response, **kwargs):
    # The filter form names every entity; a filter by entity or kind reads mentions.
    keys = {ARTICLES, ENTITIES, *card_keys(response.context_data["page_obj"].object_list)}
    return keys | {MENTIONS} if {"entity", "kind"} & set(request.GET) else keys


def detail_keys(request, response, **kwargs):
    """An article's page: it and its translations. Its boxes (``articles.boxes``) tag the
    page with what they show: what it names, their other articles (among which its
    related ones) and its related articles."""
    article = response.context_data["object"]
    return {object_key(article), translations_key(article)}


def search_keys(request, response, **kwargs):
    return {ARTICLES, ARTICLE_TEXT, ENTITIES, MENTIONS}


SITEMAP_KEYS = [ARTICLES, ARTICLE_TEXT]
