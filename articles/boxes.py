"""The costly parts of an article's page: its own story (header, lead image, text and the
lines it adds to the page's head), who and what it mentions, the related articles, the
translations and the credits (byline and JSON-LD authors).

Each shows what its cache keys name, so a published article's parts are kept in the
shared cache (``newsroom.fragments``) and made again only when something they show
changes: a page rendered after an edit to something else, or once its cached copy has
gone, reads them from there instead of making their queries. An article readers cannot
see (a draft, a preview) has its parts made each time: saving it retires nothing.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from authors.structured_data import author_reference
from institutions.cache_keys import articles_key
from institutions.models import Entity
from institutions.structured_data import entity_reference
from newsroom import fragments
from newsroom.cache_keys import object_key
from newsroom.context_processors import site

from .cache_keys import named_keys, translations_key
from .cards import card_reference
from .models import Article

RELATED_COUNT = 4


def page_parts(article, *, keep=True):
    """``{"mentioned": ..., "related": ..., "translations": ..., "credits": ...,
    "story": ...}`` for ``article``'s page, each as its function below makes it; kept in
    the cache unless ``keep`` is false (the desk's preview of fields not saved)."""
    language = translation.get_language()
    kept = fragments.read(
        {
            "mentioned": f"article-mentioned {article.pk} {language}",
            "related": f"article-related {article.pk} {language}",
            "translations": f"article-translations {article.pk}",
            "credits": f"article-credits {article.pk} {language}",
            "story": f"article-story {article.pk} {language}",
        },
        keep=keep and article.pk is not None and article.is_public,
    )
    mentioned = kept.get("mentioned", lambda: _mentioned(article))
    credits = kept.get("credits", lambda: _credits(article))
    return {
        "mentioned": mentioned,
        "related": kept.get("related", lambda: _related(article, mentioned["entities"])),
        "translations": kept.get("translations", lambda: _translations(article)),
        "credits": credits,
        "story": kept.get("story", lambda: _story(article, credits["byline"])),
    }


def _render(template, context):
    # The part's own template ends with a newline the page around it does not have.
    return mark_safe(render_to_string(template, context).strip())


def _story(article, byline):
    """The article's own part of its page, which shows nothing but the article (its
    section, authors and images retire every page when they change): ``{"head": ...,
    "body": ...}``, its lines in the page's head and its header, lead image, text and
    correction. A page rendered again because something else on it changed (a related
    article's title, an entity's name) reads it rather than rendering the text again."""
    pictured = article.lead or article.lead_image or article.pk is None
    card = None if pictured else card_reference(article)
    context = {**site(None), "article": article, "byline": byline, "share_card": card}
    value = {
        "head": _render("articles/includes/story_head.html", context),
        "body": _render("articles/includes/story.html", context),
    }
    return value, {object_key(article)} if article.pk else set()


def _mentioned(article):
    """The "Mentioned in this article" box, the JSON-LD ``mentions`` and ``about``, and
    the pks of the entities named."""
    # Officials appear with the posts they held when the article came out.
    on_day = timezone.localdate(article.published_at or timezone.now())
    mentions = list(article.mentions.public().with_entities(roles_on=on_day)) if article.pk else []
    officials = [m for m in mentions if m.entity.kind == Entity.Kind.OFFICIAL]
    institutions = [m for m in mentions if m.entity.kind == Entity.Kind.INSTITUTION]
    box = _render(
        "includes/mentioned_box.html",
        {"mentioned_officials": officials, "mentioned_institutions": institutions},
    )
    entities = [mention.entity_id for mention in mentions]
    keys = {object_key(article)} if article.pk else set()
    keys.update(named_keys(mentions))
    value = {
        "box": box,
        "mentions": [entity_reference(mention.entity) for mention in mentions],
        "about": [entity_reference(mention.entity) for mention in mentions if mention.is_about],
        "entities": entities,
    }
    return value, keys


def _related(article, entities):
    """The related articles box, empty when there are none: the published articles that
    share most of ``entities``, the ones ``article`` names."""
    if article.pk is None:
        return "", set()
    found = list(Article.objects.published().related_to(article)[:RELATED_COUNT])
    box = _render("includes/related_articles.html", {"related": found}) if found else ""
    return box, {object_key(article), *map(articles_key, entities), *map(object_key, found)}


def translations_of(article):
    """The published versions of ``article`` in other languages, each read with the site
    in its language."""
    names = dict(settings.LANGUAGES)
    found = []
    for other in Article.objects.published().translations_of(article):
        with translation.override(other.language):
            url = other.get_absolute_url()
        found.append({"url": url, "language": other.language, "name": names[other.language]})
    return found


def _translations(article):
    # Publishing or withdrawing a translation, or changing its address or language,
    # retires the key of its translations; linking this one to another original, its own.
    if article.pk is None:
        return [], set()
    return translations_of(article), {object_key(article), translations_key(article)}


def _credits(article):
    """The byline (authors linked to their pages) and the JSON-LD ``author``.

    A change to an author retires every page (``authors.apps``), and a change to who
    wrote an article comes with a save of the article.
    """
    authors = article.author_list()
    linked = format_html_join(
        ", ",
        '<a href="{}" rel="author">{}</a>',
        ((author.get_absolute_url(), author.name) for author in authors),
    )
    if linked and article.byline:
        byline = format_html("{}, {}", linked, article.byline)
    else:
        byline = linked or article.byline
    value = {"byline": byline, "authors": [author_reference(author) for author in authors]}
    return value, {object_key(article)} if article.pk else set()
