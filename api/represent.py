"""Articles and entities as the API shows them: plain data, with absolute addresses."""

from articles.boxes import translations_of
from institutions.models import Entity


def _url(request, obj):
    return request.build_absolute_uri(obj.get_absolute_url())


def entity_ref(request, entity):
    return {
        "slug": entity.slug,
        "name": entity.name,
        "kind": entity.kind,
        "url": _url(request, entity),
    }


def named_page(request, obj, name):
    """A section or a journalist: what links to its page."""
    return {"slug": obj.slug, "name": name, "url": _url(request, obj)}


def section(request, article):
    if article.section is None:
        return None
    return named_page(request, article.section, article.section.display_name(article.language))


def entity_summary(request, entity):
    return {**entity_ref(request, entity), "article_count": entity.article_count or 0}


def role(request, appointment):
    return {
        "post": appointment.post.label,
        "institution": entity_ref(request, appointment.post.institution),
        "start_date": appointment.start_date,
        "end_date": appointment.end_date,
    }


def article_summary(request, article, fields):
    """The ``fields`` of an article read with ``for_cards()`` (its public mentions)."""
    values = {
        "id": lambda: article.pk,
        "slug": lambda: article.slug,
        "url": lambda: _url(request, article),
        "title": lambda: article.title,
        "dek": lambda: article.dek,
        "byline": lambda: article.byline,
        "language": lambda: article.language,
        "section": lambda: section(request, article),
        "published_at": lambda: article.published_at,
        "updated_at": lambda: article.updated_at,
        "mentions": lambda: [
            {"slug": m.entity.slug, "name": m.entity.name, "kind": m.entity.kind}
            for m in article.public_mentions
        ],
    }
    return {field: values[field]() for field in fields}


def article_detail(request, article, mentions):
    """``article`` with ``mentions`` read by ``with_entities(roles_on=...)``."""
    return {
        **{
            field: getattr(article, field)
            for field in (
                "slug",
                "title",
                "seo_title",
                "dek",
                "byline",
                "language",
                "published_at",
                "updated_at",
                "body",
                "body_html",
                "source_name",
                "source_url",
            )
        },
        "id": article.pk,
        "url": _url(request, article),
        **lead_image(request, article),
        "section": section(request, article),
        "authors": [named_page(request, a, a.name) for a in article.author_list()],
        "mentions": [
            {
                "entity": entity_ref(request, mention.entity),
                "state": mention.state,
                "count": mention.count,
                "is_about": mention.is_about,
                "snippet": mention.snippet,
                "roles": [role(request, a) for a in roles(mention.entity)],
            }
            for mention in mentions
        ],
        "translations": [
            {"language": other["language"], "url": request.build_absolute_uri(other["url"])}
            for other in translations_of(article)
        ],
    }


def lead_image(request, article):
    """The lead image readers see on the article's page."""
    file, alt, credit = article.lead_picture()
    return {
        "lead_image": request.build_absolute_uri(file.url) if file else None,
        "lead_image_alt": alt,
        "lead_image_credit": credit,
    }


def roles(entity):
    """The posts an official named in an article held on its day (read by
    ``with_entities(roles_on=...)``); none for an institution."""
    if entity.kind != Entity.Kind.OFFICIAL:
        return []
    return entity.official.roles


def form_errors(errors):
    """A form's errors as one line: ``field: message; field: message``."""
    return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
