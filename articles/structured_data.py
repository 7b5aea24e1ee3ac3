"""schema.org descriptions of articles, for JSON-LD in the page head."""

from django.conf import settings

from institutions.structured_data import entity_reference
from newsroom.site import absolute_url


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
        "publisher": {"@type": "Organization", "name": settings.NEWSROOM_SITE_NAME},
    }
    if article.seo_title:
        data["alternativeHeadline"] = article.seo_title
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if article.lead and article.lead.for_sharing:
        data["image"] = absolute_url(article.lead.for_sharing.url)
    elif article.lead_image:
        data["image"] = absolute_url(article.lead_image.url)
    return data
