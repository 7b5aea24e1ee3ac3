"""schema.org descriptions of articles and entities, for JSON-LD in the page head."""

from django.conf import settings

from institutions.models import Entity, Institution

GOVERNMENT_CLASSIFICATIONS = {
    Institution.Classification.STATE,
    Institution.Classification.HEAD_OF_STATE,
    Institution.Classification.PARLIAMENT,
    Institution.Classification.CHAMBER,
    Institution.Classification.GOVERNMENT,
    Institution.Classification.MINISTRY,
    Institution.Classification.AGENCY,
}
ACADEMIC_CLASSIFICATIONS = {
    Institution.Classification.UNIVERSITY,
    Institution.Classification.COLLEGE,
}


def absolute_url(path):
    return settings.NEWSROOM_SITE_URL + path


def entity_type(entity, classification=None):
    if entity.kind == Entity.Kind.OFFICIAL:
        return "Person"
    if classification in GOVERNMENT_CLASSIFICATIONS:
        return "GovernmentOrganization"
    if classification in ACADEMIC_CLASSIFICATIONS:
        return "CollegeOrUniversity"
    return "Organization"


def entity_reference(entity):
    """The short form an article's ``mentions`` and ``about`` use."""
    classification = None
    if entity.kind == Entity.Kind.INSTITUTION:
        classification = entity.institution.classification
    return {
        "@type": entity_type(entity, classification),
        "name": entity.name,
        "url": absolute_url(entity.get_absolute_url()),
    }


def article_jsonld(article, mentions):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.seo_title or article.title,
        "description": article.dek,
        "url": absolute_url(article.get_absolute_url()),
        "mainEntityOfPage": absolute_url(article.get_absolute_url()),
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "mentions": [entity_reference(mention.entity) for mention in mentions],
        "about": [entity_reference(mention.entity) for mention in mentions if mention.is_about],
        "publisher": {"@type": "Organization", "name": settings.NEWSROOM_SITE_NAME},
    }
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if article.lead_image:
        data["image"] = absolute_url(article.lead_image.url)
    return data


def entity_jsonld(entity, classification=None):
    data = {
        "@context": "https://schema.org",
        "@type": entity_type(entity, classification),
        "name": entity.name,
        "url": absolute_url(entity.get_absolute_url()),
    }
    if entity.summary:
        data["description"] = entity.summary
    if entity.image:
        data["image"] = absolute_url(entity.image.url)
    if entity.wikidata_id:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata_id}"
    return data
