"""The registry as the database holds it, in the registry file's shape, and back.

``registry_data()`` is the inverse of ``institutions.services.registry_import``: what
it returns, checked by ``read_registry``, loads into an empty database as the same rows.
Export and import in Popolo go through it, so Popolo and the registry file carry the
same facts.
"""

import json

from django.db.models import F, Prefetch

from institutions import registry as registry_file
from institutions.models import Alias, Appointment, Institution, Official
from institutions.services import registry_records_import

from .popolo import from_popolo, to_popolo

# Entity fields the registry file writes under the same name; ``wikidata`` differs.
SHARED_FIELDS = ("slug", "name", "summary", "name_ru", "name_kk", "summary_ru", "summary_kk")
INSTITUTION_FIELDS = ("classification", "city", "country", "founded", "dissolved")
OFFICIAL_FIELDS = ("given_name", "family_name")


def _present(entry):
    """Only the keys with a value, as an editor writes an entry."""
    return {key: value for key, value in entry.items() if value not in ("", None, [], ())}


def _aliases(entity):
    return [
        _present(
            {
                "name": alias.name,
                "kind": alias.kind,
                "language": alias.language,
                "is_common_word": alias.is_common_word,
            }
        )
        for alias in entity.registry_aliases
    ]


def _entity(entity, fields):
    entry = {field: getattr(entity, field) for field in (*SHARED_FIELDS, *fields)}
    entry["wikidata"] = entity.wikidata_id
    entry["aliases"] = _aliases(entity)
    return entry


def registry_data():
    """Every institution and official with aliases, posts and appointments, as the
    registry file's tables; in a stable order, so two exports of one registry match."""
    aliases = Prefetch(
        "aliases", queryset=Alias.objects.order_by("name", "pk"), to_attr="registry_aliases"
    )
    institutions = []
    for institution in (
        Institution.objects.select_related("parent", "superseded_by")
        .prefetch_related(aliases, "posts")
        .order_by("slug")
    ):
        entry = _entity(institution, INSTITUTION_FIELDS)
        entry["parent"] = institution.parent.slug if institution.parent else None
        entry["superseded_by"] = (
            institution.superseded_by.slug if institution.superseded_by else None
        )
        entry["posts"] = sorted((post.label for post in institution.posts.all()), key=str.casefold)
        institutions.append(_present(entry))
    held = Appointment.objects.select_related("post__institution").order_by(
        F("start_date").asc(nulls_first=True), "post__institution__slug", "post__label", "pk"
    )
    officials = []
    for official in Official.objects.prefetch_related(
        aliases, Prefetch("appointments", queryset=held)
    ).order_by("slug"):
        entry = _entity(official, OFFICIAL_FIELDS)
        entry["appointments"] = [
            _present(
                {
                    "institution": appointment.post.institution.slug,
                    "post": appointment.post.label,
                    "start": appointment.start_date,
                    "end": appointment.end_date,
                }
            )
            for appointment in official.appointments.all()
        ]
        officials.append(_present(entry))
    return {"institution": institutions, "official": officials}


def popolo_export():
    """The registry as a Popolo document."""
    return to_popolo(registry_data())


def popolo_import(text, *, source, dry_run=False):
    """Load a Popolo document (JSON ``text``) into the registry, as the registry file
    loads; returns the loader's summary. Raises ``RegistryError`` naming ``source`` and
    every problem; nothing is written then."""
    try:
        document = json.loads(text)
    except ValueError as error:
        raise registry_file.RegistryError([f"{source}: not valid JSON ({error})"]) from error
    try:
        data = from_popolo(document)
    except ValueError as error:
        raise registry_file.RegistryError([f"{source}: {error}"]) from error
    records = registry_file.read_registry(data, source)
    return registry_records_import(records, dry_run=dry_run)
