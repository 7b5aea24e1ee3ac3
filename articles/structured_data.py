"""schema.org descriptions of articles, for JSON-LD in the page head."""

from newsroom.site import absolute_url
from newsroom.structured_data import publisher

from .cards import card_reference


def article_jsonld(article, *, mentions, about, authors):
    """``mentions``, ``about`` and ``authors`` as ``articles.boxes.page_parts`` gives
    them: the entities it names and those it is about (``entity_reference``), and its
    authors (``author_reference``)."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.dek,
        "inLanguage": article.language,
        "url": absolute_url(article.get_absolute_url()),
        "mainEntityOfPage": absolute_url(article.get_absolute_url()),
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "mentions": mentions,
        "about": about,
        "publisher": publisher(),
        "isAccessibleForFree": True,
    }
    if article.seo_title:
        data["alternativeHeadline"] = article.seo_title
    authors = list(authors)
    if article.byline:
        authors.append({"@type": "Person", "name": article.byline})
    if authors:
        data["author"] = authors
    if article.lead and article.lead.for_sharing:
        data["image"] = absolute_url(article.lead.for_sharing.url)
    elif article.lead_image:
        data["image"] = absolute_url(article.lead_image.url)
    else:
        card = card_reference(article)
        data["image"] = {"@type": "ImageObject", **card}
    return data
