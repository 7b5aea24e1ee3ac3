"""What an editor's browser posts from the article form in the admin."""

from django.utils import timezone


def article_form(article, **changes):
    """The article's change form as the admin shows it, with ``changes`` typed over it.

    Its mention rows are the article's mentions in the order the admin lists them; an
    unsaved article gives the add form, which has none.
    """
    mentions = list(article.mentions.order_by("pk")) if article.pk else []
    published_at = article.published_at and timezone.localtime(article.published_at)
    data = {
        "title": article.title,
        "slug": article.slug,
        "dek": article.dek,
        "authors": [str(pk) for pk in article.authors.values_list("pk", flat=True)]
        if article.pk
        else [],
        "byline": article.byline,
        "section": str(article.section_id or ""),
        "kind": article.kind,
        "body": article.body,
        "status": article.status,
        "seo_title": article.seo_title,
        "language": article.language,
        "translation_of": str(article.translation_of_id or ""),
        "published_at_0": published_at.strftime("%Y-%m-%d") if published_at else "",
        "published_at_1": published_at.strftime("%H:%M:%S") if published_at else "",
        "lead": str(article.lead_id or ""),
        "lead_image_alt": article.lead_image_alt,
        "lead_image_credit": article.lead_image_credit,
        "source_name": article.source_name,
        "source_url": article.source_url,
        "based_on_version": str(article.version),
        "mentions-TOTAL_FORMS": str(len(mentions)),
        "mentions-INITIAL_FORMS": str(len(mentions)),
        "mentions-MIN_NUM_FORMS": "0",
        "mentions-MAX_NUM_FORMS": "1000",
    }
    for index, mention in enumerate(mentions):
        prefix = f"mentions-{index}-"
        data[prefix + "id"] = str(mention.pk)
        data[prefix + "article"] = str(article.pk)
        data[prefix + "entity"] = str(mention.entity_id)
        data[prefix + "state"] = mention.state
    data.update(changes)
    return data
