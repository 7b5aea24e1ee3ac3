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
                "lead_image_alt",
                "lead_image_credit",
                "source_name",
                "source_url",
            )
        },
        "id": article.pk,
        "url": _url(request, article),
        "lead_image": request.build_absolute_uri(article.lead_image.url)
        if article.lead_image
        else None,
        "mentions": [
            {
                "entity": entity_ref(request, mention.entity),
                "state": mention.state,
                "count": mention.count,
                "is_about": mention.is_about,
                "snippet": mention.snippet,
                "roles": [role(request, a) for a in _roles(mention.entity)],
            }
            for mention in mentions
        ],
        "translations": [
            {"language": other["language"], "url": request.build_absolute_uri(other["url"])}
            for other in translations_of(article)
        ],
    }


def _roles(entity):
    if entity.kind != Entity.Kind.OFFICIAL:
        return []
    return entity.official.roles


def form_errors(errors):
    """A form's errors as one line: ``field: message; field: message``."""
    return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
