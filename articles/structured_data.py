"""schema.org descriptions of articles, for JSON-LD in the page head."""

from authors.structured_data import author_reference
from institutions.structured_data import entity_reference
from newsroom.site import absolute_url
from newsroom.structured_data import publisher

from .cards import card_reference


def article_jsonld(article, mentions):
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
        "mentions": [entity_reference(mention.entity) for mention in mentions],
        "about": [entity_reference(mention.entity) for mention in mentions if mention.is_about],
        "publisher": publisher(),
        "isAccessibleForFree": True,
    }
    if article.seo_title:
        data["alternativeHeadline"] = article.seo_title
    authors = [author_reference(author) for author in article.author_list()]
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
