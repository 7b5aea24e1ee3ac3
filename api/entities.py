"""Institutions and officials: lists, and each with aliases, posts and appointments."""

from django.shortcuts import get_object_or_404
from ninja import Router

from institutions.cache_keys import ENTITIES, MENTIONS, articles_key, entity_key
from institutions.models import Entity, Institution, Official
from newsroom.cache_keys import object_key, tag_page

from . import represent
from .cursors import cursor_page
from .params import Cursor, Limit, Slug, Text
from .schemas import ERRORS_SCHEMA, EntityPage, InstitutionDetail, OfficialDetail

router = Router(tags=["institutions and officials"])
ORDERING = ("name", "id")


def entity_page(request, entities, *, q, cursor, limit):
    tag_page(ENTITIES, MENTIONS)
    if q and q.strip():
        entities = entities.filter(pk__in=Entity.objects.search(q.strip()).values("pk"))
    rows, next_cursor = cursor_page(
        entities.with_article_counts(), ORDERING, cursor=cursor, limit=limit
    )
    return {
        "items": [represent.entity_summary(request, e) for e in rows],
        "next_cursor": next_cursor,
    }


@router.get(
    "/institutions",
    response={200: EntityPage, **ERRORS_SCHEMA},
    summary="Institutions by name, with their article counts",
)
def list_institutions(
    request, q: Text | None = None, cursor: Cursor | None = None, limit: Limit = 20
):
    """`q` keeps those whose name or an alias contains it."""
    return entity_page(request, Institution.objects.all(), q=q, cursor=cursor, limit=limit)


@router.get(
    "/officials",
    response={200: EntityPage, **ERRORS_SCHEMA},
    summary="Officials by name, with their article counts",
)
def list_officials(request, q: Text | None = None, cursor: Cursor | None = None, limit: Limit = 20):
    """`q` keeps those whose name or an alias contains it."""
    return entity_page(request, Official.objects.all(), q=q, cursor=cursor, limit=limit)


def _detail(request, entity):
    tag_page(object_key(entity), articles_key(entity.pk))
    return {
        **represent.entity_summary(request, entity),
        "summary": entity.summary,
        "names": {
            language: name
            for language in ("ru", "kk")
            if (name := getattr(entity, f"name_{language}"))
        },
        "wikidata_id": entity.wikidata_id,
        "aliases": [
            {"name": alias.name, "kind": alias.kind, "language": alias.language}
            for alias in entity.aliases.all()
        ],
    }


def _ref(request, entity):
    if entity is None:
        return None
    tag_page(object_key(entity))
    return represent.entity_ref(request, entity)


def _official(request, appointment):
    tag_page(entity_key(appointment.official_id))
    return represent.entity_ref(request, appointment.official)


def _role(request, appointment):
    tag_page(entity_key(appointment.post.institution_id))
    return represent.role(request, appointment)


@router.get(
    "/institutions/{slug}",
    response={200: InstitutionDetail, **ERRORS_SCHEMA},
    summary="An institution with its aliases, posts and who held them",
)
def get_institution(request, slug: Slug):
    institution = get_object_or_404(
        Institution.objects.for_detail()
        .with_posts()
        .with_article_counts()
        .prefetch_related("aliases"),
        slug=slug,
    )
    return {
        **_detail(request, institution),
        **{
            field: getattr(institution, field)
            for field in ("classification", "city", "country", "founded", "dissolved")
        },
        "parent": _ref(request, institution.parent),
        "superseded_by": _ref(request, institution.superseded_by),
        "posts": [
            {
                "label": post.label,
                "appointments": [
                    {
                        "official": _official(request, held),
                        "start_date": held.start_date,
                        "end_date": held.end_date,
                    }
                    for held in post.appointments.all()
                ],
            }
            for post in institution.posts.all()
        ],
    }


@router.get(
    "/officials/{slug}",
    response={200: OfficialDetail, **ERRORS_SCHEMA},
    summary="An official with their aliases and appointments, newest first",
)
def get_official(request, slug: Slug):
    official = get_object_or_404(
        Official.objects.with_appointments().with_article_counts().prefetch_related("aliases"),
        slug=slug,
    )
    return {
        **_detail(request, official),
        "given_name": official.given_name,
        "family_name": official.family_name,
        "appointments": [_role(request, held) for held in official.appointments.all()],
    }
