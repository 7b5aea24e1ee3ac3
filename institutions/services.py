"""Writes on the entity registry: loading the registry file into the database."""

from collections import Counter

from django.db import transaction

from newsroom.words import is_common_word

from . import registry as registry_file
from .models import Alias, Appointment, Institution, Official, Post

INSTITUTION_FIELDS = ("name", "classification", "city", "country", "founded", "dissolved")
OFFICIAL_FIELDS = ("name", "given_name", "family_name")
SHARED_FIELDS = {
    "summary": "summary",
    "wikidata_id": "wikidata",
    "name_ru": "name_ru",
    "name_kk": "name_kk",
    "summary_ru": "summary_ru",
    "summary_kk": "summary_kk",
}


def _upsert(model, entry, fields, tally):
    """Create the entity, or fill in what its row leaves empty.

    A value already in the database wins: an editor's later correction in the admin
    survives every reload of the registry.
    """
    values = {field: getattr(entry, field) for field in fields}
    values.update({field: getattr(entry, key) for field, key in SHARED_FIELDS.items()})
    entity = model.objects.filter(slug=entry.slug).first()
    if entity is None:
        entity = model(slug=entry.slug, **values)
        entity.full_clean()
        entity.save()
        tally["entities created"] += 1
        return entity
    missing = {f: v for f, v in values.items() if v not in ("", None) and not getattr(entity, f)}
    if missing:
        for field, value in missing.items():
            setattr(entity, field, value)
        entity.full_clean()
        entity.save()
        tally["entities filled in"] += 1
    return entity


def _add_aliases(entity, aliases, tally):
    known = {name.casefold() for name in entity.aliases.values_list("name", flat=True)}
    for alias in aliases:
        if alias.name.casefold() in known:
            continue
        Alias(
            entity=entity,
            name=alias.name,
            kind=alias.kind,
            language=alias.language,
            is_common_word=alias.is_common_word or is_common_word(alias.name),
        ).save()
        known.add(alias.name.casefold())
        tally["aliases added"] += 1


def _post(institution, label, tally):
    post = institution.posts.filter(label__iexact=label).first()
    if post is None:
        post = Post.objects.create(institution=institution, label=label)
        tally["posts added"] += 1
    return post


def registry_import(path, *, dry_run=False):
    """Load the registry file at ``path``; returns a one-line summary of what changed.

    Raises ``registry.RegistryError`` naming every problem in the file; nothing is
    written then. With ``dry_run`` everything is checked and counted, then rolled back.
    """
    return registry_records_import(registry_file.load_registry(path), dry_run=dry_run)


@transaction.atomic
def registry_records_import(data, *, dry_run=False):
    """Load checked registry records (``registry.Registry``), as ``registry_import``."""
    tally = Counter()
    institutions = {}
    for entry in data.institutions:
        institution = _upsert(Institution, entry, INSTITUTION_FIELDS, tally)
        if entry.parent and institution.parent_id is None:
            institution.parent = institutions[entry.parent]
            institution.save()
        _add_aliases(institution, entry.aliases, tally)
        for label in entry.posts:
            _post(institution, label, tally)
        institutions[entry.slug] = institution
    for entry in data.institutions:
        institution = institutions[entry.slug]
        if entry.superseded_by and institution.superseded_by_id is None:
            institution.superseded_by = institutions[entry.superseded_by]
            institution.save()
    for entry in data.officials:
        official = _upsert(Official, entry, OFFICIAL_FIELDS, tally)
        _add_aliases(official, entry.aliases, tally)
        for held in entry.appointments:
            post = _post(institutions[held.institution], held.post, tally)
            _, created = Appointment.objects.get_or_create(
                official=official,
                post=post,
                start_date=held.start,
                defaults={"end_date": held.end},
            )
            tally["appointments added"] += created
    if dry_run:
        transaction.set_rollback(True)
    total = len(data.institutions) + len(data.officials)
    changes = ", ".join(f"{n} {what}" for what, n in sorted(tally.items()) if n)
    return f"{total} entities ({changes or 'no changes'})"
