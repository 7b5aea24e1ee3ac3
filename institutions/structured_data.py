"""schema.org descriptions of institutions and officials, for JSON-LD in the page head."""

from newsroom.site import absolute_url

from .models import Entity, Institution, Official

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


def institution_reference(institution):
    return {
        "@type": entity_type(institution, institution.classification),
        "name": institution.name,
        "url": absolute_url(institution.get_absolute_url()),
    }


def appointment_role(appointment):
    """An appointment as schema.org's Role pattern: the post held, from when to when."""
    role = {
        "@type": "OrganizationRole",
        "roleName": appointment.post.label,
        "memberOf": institution_reference(appointment.post.institution),
    }
    if appointment.start_date:
        role["startDate"] = appointment.start_date.isoformat()
    if appointment.end_date:
        role["endDate"] = appointment.end_date.isoformat()
    return role


def official_facts(official):
    """Posts held now as ``jobTitle``/``worksFor``; every appointment as ``memberOf``.

    Reads ``official.appointments`` as ``OfficialQuerySet.with_appointments()`` prefetches it.
    """
    appointments = list(official.appointments.all())
    current = [appointment for appointment in appointments if appointment.is_current]
    facts = {}
    if current:
        facts["jobTitle"] = [appointment.post.label for appointment in current]
        facts["worksFor"] = [
            institution_reference(appointment.post.institution) for appointment in current
        ]
    if appointments:
        facts["memberOf"] = [appointment_role(appointment) for appointment in appointments]
    if official.given_name:
        facts["givenName"] = official.given_name
    if official.family_name:
        facts["familyName"] = official.family_name
    return facts


def institution_facts(institution):
    facts = {}
    if institution.parent_id:
        facts["parentOrganization"] = institution_reference(institution.parent)
    if institution.image:
        facts["logo"] = absolute_url(institution.image.url)
    if institution.founded:
        facts["foundingDate"] = institution.founded.isoformat()
    if institution.dissolved:
        facts["dissolutionDate"] = institution.dissolved.isoformat()
    return facts


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
    if isinstance(entity, Official):
        data.update(official_facts(entity))
    elif isinstance(entity, Institution):
        data.update(institution_facts(entity))
    return data
