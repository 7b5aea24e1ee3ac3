"""schema.org descriptions of institutions and officials, for JSON-LD in the page head."""

from newsroom.site import absolute_url

from .models import Entity, Institution

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


def entity_jsonld(entity, classification=None):
    data = {
        "@context": "https://schema.org",
        "@type": entity_type(entity, classification),
        "name": entity.name,
        "url": absolute_url(entity.get_absolute_url()),
    }
    if entity.summary:
        data["description"] = entity.summary
    if entity.library_image and entity.library_image.for_sharing:
        data["image"] = absolute_url(entity.library_image.for_sharing.url)
    elif entity.image:
        data["image"] = absolute_url(entity.image.url)
    if entity.wikidata_id:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata_id}"
    return data
