"""The cache keys of institutions and officials: what their pages show, and which pages a
change to the registry retires (see ``newsroom.cache_keys``).

- ``object_key(entity)``: one entity's own data (name, summary, image, posts held), on
  every page that shows it.
- ``articles_key(entity)``: which published articles name it, and how (the snippet): its
  page, its feeds, the pages of the articles naming it (their related articles).
- ``ENTITIES``: which entities there are and what they are called (aliases included):
  the indexes, search and the sitemap.
- ``MENTIONS``: how many articles name each entity: the indexes' counts and rankings.
"""

from newsroom.cache_keys import object_key

ENTITIES = "entities"
MENTIONS = "mentions"


def entity_key(entity_id):
    return f"entity-{entity_id}"


def articles_key(entity_id):
    return f"entity-{entity_id}-articles"


def entity_change_keys(before, after):
    entity = after or before
    return [entity_key(entity.pk), ENTITIES]


def alias_change_keys(before, after):
    return [entity_key((after or before).entity_id), ENTITIES]


def post_change_keys(before, after):
    post = after or before
    officials = post.appointments.values_list("official_id", flat=True) if after else []
    return [entity_key(post.institution_id), *map(entity_key, officials)]


def appointment_change_keys(before, after):
    appointment = after or before
    institution = type(appointment.post).objects.values_list("institution_id", flat=True)
    return [
        entity_key(appointment.official_id),
        *map(entity_key, institution.filter(pk=appointment.post_id)),
    ]


def index_keys(request, response, **kwargs):
    """An index: entities with their article counts."""
    return [ENTITIES, MENTIONS]


def fact_box_keys(entity, often_with):
    """An entity's fact box: its data, the articles naming it (the span of their dates,
    the entities named with them), the entities ``often_with`` it, and those its facts
    name (parent, successor, children, the officials of its posts, the institutions of
    the posts held)."""
    keys = {object_key(entity), articles_key(entity.pk), *map(object_key, often_with)}
    for field in ("parent_id", "superseded_by_id"):
        if getattr(entity, field, None):
            keys.add(entity_key(getattr(entity, field)))
    if hasattr(entity, "posts"):
        for post in entity.posts.all():
            keys.update(entity_key(a.official_id) for a in post.appointments.all())
        keys.update(object_key(child) for child in entity.children.all())
    if hasattr(entity, "appointments"):
        keys.update(entity_key(a.post.institution_id) for a in entity.appointments.all())
    return keys


def entity_page_keys(request, response, **kwargs):
    """An entity's page: its data, the articles naming it (each an object of its own).
    Its fact box tags the page with what it shows (``fact_box_keys``)."""
    context = response.context_data
    entity = context["object"]
    keys = {object_key(entity), articles_key(entity.pk)}
    keys.update(object_key(article) for article in context["page_obj"].object_list)
    return keys


def sitemap_keys():
    return [ENTITIES]
