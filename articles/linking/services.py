"""The Django side of entity linking: the registry in; rendered bodies, the places where
an article names entities (occurrences) and their per-entity summary (mentions) out.

The matcher is built once per version of the alias registry and kept per process; the
version is read from the database on every use, so an alias saved by another process or
server is picked up on the next article that links.
"""

import hashlib
from collections import defaultdict, deque
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max

from articles.cache_keys import linked_article_keys
from articles.models import Article, Mention, Occurrence
from institutions.models import Alias, Entity
from newsroom.cache_keys import retire_keys
from newsroom.text import fold
from newsroom.words import is_common_word

from .matcher import AliasEntry, Matcher
from .render import RenderResult, read_markdown, sentence_span, snippet

_built = {}

# How many words on either side of a name anchor a decision about it (with its sentence).
NEAR_WORDS = 4


def registry_version():
    """A value that changes whenever an entity or alias is added, edited or deleted."""
    entities = Entity.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    aliases = Alias.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    return (entities["count"], entities["changed"], aliases["count"], aliases["changed"])


@dataclass(frozen=True)
class LinkingRegistry:
    """A matcher over every alias, and where each entity's page is."""

    matcher: Matcher
    urls: dict

    @classmethod
    def build(cls):
        entities = list(
            Entity.objects.values_list("pk", "name", "kind", "slug", "institution__country")
        )
        # An entity named by a common word ("Amanat") is read like such an alias.
        entries = [
            AliasEntry(pk, name, "name", kind, is_common_word(name), country or "")
            for pk, name, kind, _, country in entities
        ]
        entries += [
            AliasEntry(entity_id, name, alias_kind, entity_kind, common, country or "")
            for entity_id, name, alias_kind, entity_kind, common, country in (
                Alias.objects.values_list(
                    "entity_id",
                    "name",
                    "kind",
                    "entity__kind",
                    "is_common_word",
                    "entity__institution__country",
                )
            )
        ]
        urls = {
            pk: Entity(pk=pk, kind=kind, slug=slug).get_absolute_url()
            for pk, _, kind, slug, _ in entities
        }
        return cls(Matcher(entries), urls)


def get_registry():
    """The linking registry for the current version of the database's aliases."""
    version = registry_version()
    registry = _built.get(version)
    if registry is None:
        registry = LinkingRegistry.build()
        _built.clear()
        _built[version] = registry
    return registry


def _fingerprint(*parts):
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def _place(article, field, hit, text):
    """An unsaved occurrence of ``hit`` in ``text``, anchored to its sentence and words."""
    sentence_start, sentence_end = sentence_span(text, hit.start, hit.end)
    name = fold(hit.text)
    before = text[sentence_start : hit.start].split()[-NEAR_WORDS:]
    after = text[hit.end : sentence_end].split()[:NEAR_WORDS]
    return Occurrence(
        article=article,
        entity_id=hit.entity_id,
        field=field,
        start=hit.start,
        end=hit.end,
        matched_text=hit.text[:255],
        sentence=snippet(text, hit.start, hit.end),
        anchor=_fingerprint(name, fold(text[sentence_start:sentence_end])),
        near=_fingerprint(name, fold(" ".join(before)), fold(" ".join(after))),
        exact=hit.exact,
        state=Occurrence.State.AUTO if hit.exact else Occurrence.State.SUGGESTED,
    )


def _places(article, matcher, document):
    """Every place in title, dek and body where the matcher finds a name, in that order."""
    places = []
    for field in (Occurrence.Field.TITLE, Occurrence.Field.DEK):
        text = getattr(article, field) or ""
        places += [
            _place(article, field, hit, text) for hit in matcher.find(text, article.language)
        ]
    places += [_place(article, Occurrence.Field.BODY, hit, document.text) for hit in document.hits]
    return places


# Offsets, text and anchors are recomputed on every link; state and decision are kept.
_PLACE_FIELDS = ("start", "end", "matched_text", "sentence", "anchor", "near", "exact")


def _recognise(places, stored):
    """Pair each place found with the stored occurrence at the same place, if any.

    A place is the same when the entity, the field and the folded name match and either
    the whole sentence (wherever it moved) or the words right around the name are
    unchanged; within one sentence, places pair in text order. Returns the pairs and the
    stored occurrences left over.
    """
    pairs, waiting = [], list(stored)
    for key in (_sentence_key, _near_key):
        queues = defaultdict(deque)
        for occurrence in waiting:
            queues[key(occurrence)].append(occurrence)
        unpaired = []
        for place in places:
            queue = queues.get(key(place))
            if queue:
                pairs.append((place, queue.popleft()))
            else:
                unpaired.append(place)
        places = unpaired
        waiting = [occurrence for queue in queues.values() for occurrence in queue]
    pairs += [(place, None) for place in places]
    return pairs, waiting


def _sentence_key(occurrence):
    return occurrence.field, occurrence.entity_id, occurrence.anchor


def _near_key(occurrence):
    return occurrence.field, occurrence.entity_id, occurrence.near


def _decided_for_new_places(mention, found_before, still_found):
    """Whether an editor's decision on ``mention``'s entity applies to new places of it.

    It does when the entity had no place before (``_carry_mention_decision``), and when
    the entity is rejected wherever the article names it and one of those places is
    still there: a new sentence naming it does not bring back a link the editor refused.
    A rejected place whose words were rewritten is gone, so its entity is asked again.
    """
    if mention is None or mention.state not in Mention.EDITOR_STATES:
        return False
    if mention.entity_id not in found_before:
        return True
    return mention.state == Mention.State.REJECTED and mention.entity_id in still_found


def _carry_mention_decision(places, mention):
    """Apply an editor's decision on a whole entity to its places, as the entity panel
    would (``mention_decide``): rejected, every place is; confirmed, the places that link
    are, or when none does, the suggested ones.

    Used once, for an entity with no stored occurrence: a mention decided before
    decisions were made per place, added by hand, or whose places all went and came back.
    """
    if mention.state == Mention.State.REJECTED:
        chosen = places
    else:
        chosen = [place for place in places if place.state == Occurrence.State.AUTO] or places
    for place in chosen:
        place.state = mention.state
        place.decided_by_id, place.decided_at = mention.decided_by_id, mention.decided_at


@dataclass
class _Linking:
    """What linking an article found, before anything is written."""

    rendered: RenderResult
    occurrences: list  # every place, in reading order: stored rows updated, or new ones
    changed: dict  # stored occurrence -> the names of its fields that changed
    gone: list  # stored occurrences the text no longer has


def _link(article, registry, stored, mentions):
    document = read_markdown(
        article.body or "", matcher=registry.matcher, language=article.language
    )
    pairs, gone = _recognise(_places(article, registry.matcher, document), stored)
    found_before = {o.entity_id for o in stored} | {o.reassigned_to_id for o in stored}
    still_found = {occurrence.entity_id for _, occurrence in pairs if occurrence is not None}
    occurrences, changed, carried = [], {}, defaultdict(list)
    for place, occurrence in pairs:
        if occurrence is None:
            if _decided_for_new_places(mentions.get(place.entity_id), found_before, still_found):
                carried[place.entity_id].append(place)
            occurrences.append(place)
        else:
            if fields := _move(occurrence, place):
                changed[occurrence] = fields
            occurrences.append(occurrence)
    for entity_id, places in carried.items():
        _carry_mention_decision(places, mentions[entity_id])
    occurrences.sort(key=_reading_order)
    linked = {
        (o.start, o.entity_id): o.linked_entity_id
        for o in occurrences
        if o.field == Occurrence.Field.BODY
    }
    rendered = document.render(
        url_for=registry.urls.get, decide=lambda hit: linked[hit.start, hit.entity_id]
    )
    return _Linking(rendered, occurrences, changed, gone)


def _move(occurrence, place):
    """Bring a stored occurrence to the ``place`` found for it; an editor's decision stays.

    Returns the names of the fields that changed."""
    values = {name: getattr(place, name) for name in _PLACE_FIELDS}
    if occurrence.state not in Occurrence.EDITOR_STATES:
        values["state"] = place.state
    return _assign(occurrence, values)


def _assign(instance, values):
    """Set ``values`` on ``instance``; returns the names of the fields that changed, so
    that only those are written (a relink of an unchanged text writes nothing)."""
    changed = {name for name, value in values.items() if getattr(instance, name) != value}
    for name in changed:
        setattr(instance, name, values[name])
    return changed


_FIELD_ORDER = {Occurrence.Field.TITLE: 0, Occurrence.Field.DEK: 1, Occurrence.Field.BODY: 2}


def _reading_order(occurrence):
    return _FIELD_ORDER[occurrence.field], occurrence.start, occurrence.entity_id


def _summaries(occurrences):
    """Each entity's mention, as its occurrences (and those reassigned to it) make it."""
    places = defaultdict(list)
    for occurrence in occurrences:
        places[occurrence.counted_entity_id].append(occurrence)
    return {entity_id: _summary(entity_places) for entity_id, entity_places in places.items()}


def _summary(places):
    """A mention's derived fields: public if any place links, else suggested if any
    waits for an editor, else rejected; its text and sentence come from the first place
    that links (the body's first, as readers see it), else from the first place."""
    linked = [place for place in places if place.linked_entity_id is not None]
    states = {place.state for place in places}
    if linked:
        decided = states & {Occurrence.State.CONFIRMED, Occurrence.State.REASSIGNED}
        state = Mention.State.CONFIRMED if decided else Mention.State.AUTO
    elif Occurrence.State.SUGGESTED in states:
        state = Mention.State.SUGGESTED
    else:
        state = Mention.State.REJECTED
    in_body = [place for place in linked or places if place.field == Occurrence.Field.BODY]
    shown = (in_body or linked or places)[0]
    decisions = [place for place in places if place.decided_at is not None]
    last = max(decisions, key=lambda place: place.decided_at) if decisions else None
    return {
        "state": state,
        "count": sum(place.state != Occurrence.State.REJECTED for place in places),
        "first_offset": shown.start if shown.field == Occurrence.Field.BODY else None,
        "matched_text": shown.matched_text,
        "snippet": shown.sentence,
        "decided_by_id": last.decided_by_id if last else None,
        "decided_at": last.decided_at if last else None,
    }


def link_article(article, *, registry=None):
    """Render ``article``'s body with entity links and record where it names entities.

    Every place found becomes an occurrence; an editor's decision on a stored one stays
    with its place (see ``articles.models.occurrences``), and the article's mentions are
    derived from its occurrences in the same transaction.
    """
    registry = registry or get_registry()
    mentions = {mention.entity_id: mention for mention in article.mentions.all()}
    linking = _link(article, registry, list(article.occurrences.all()), mentions)
    with transaction.atomic():
        changed = linking.rendered.html != article.body_html
        if changed:
            Article.objects.filter(pk=article.pk).update(body_html=linking.rendered.html)
            article.body_html = linking.rendered.html
        _store_occurrences(linking)
        mentions_changed = _store_mentions(article, mentions, _summaries(linking.occurrences))
        # update(), bulk_create() and bulk_update() send no signals. Occurrences show on
        # public pages only through the rendered body and the mentions.
        retire_keys(
            *linked_article_keys(article, text_changed=changed, mentions_changed=mentions_changed)
        )
    return linking.rendered


def link_articles(articles, *, registry=None):
    """Link new articles for bulk creation, writing nothing.

    Sets each article's ``body_html`` and returns the unsaved mentions and occurrences of
    all of them, to ``bulk_create`` once the articles are saved. New articles have no
    editors' decisions yet, so this is what ``link_article`` would record for them.
    """
    registry = registry or get_registry()
    mentions, occurrences = [], []
    for article in articles:
        linking = _link(article, registry, [], {})
        article.body_html = linking.rendered.html
        occurrences += linking.occurrences
        for entity_id, summary in _summaries(linking.occurrences).items():
            mentions.append(Mention(article=article, entity_id=entity_id, **summary))
    return mentions, occurrences


def _store_occurrences(linking):
    """Write the occurrences ``linking`` found; returns whether anything was written."""
    if linking.gone:
        Occurrence.objects.filter(pk__in=[o.pk for o in linking.gone]).delete()
    if linking.changed:
        # Only what changed is written: bulk_update's cost grows with rows times fields.
        fields = set().union(*linking.changed.values())
        Occurrence.objects.bulk_update(list(linking.changed), sorted(fields))
    new = [occurrence for occurrence in linking.occurrences if occurrence.pk is None]
    Occurrence.objects.bulk_create(new)
    return bool(linking.gone or linking.changed or new)


_NOWHERE = {"count": 0, "first_offset": None}


def _store_mentions(article, mentions, summaries):
    """Write the mentions ``summaries`` describe; returns whether anything was written.

    A mention no occurrence names any more goes, unless an editor decided it (added it
    by hand, or decided it before its places went): that decision stays, applies to the
    entity's places if they come back, and keeps a hand-added entity listed.
    """
    to_create, to_update, changed = [], [], set()
    for entity_id, summary in summaries.items():
        mention = mentions.get(entity_id)
        if mention is None:
            to_create.append(Mention(article=article, entity_id=entity_id, **summary))
            continue
        if fields := _assign(mention, summary):
            to_update.append(mention)
            changed |= fields
    gone = [mention for entity_id, mention in mentions.items() if entity_id not in summaries]
    if discarded := [m.pk for m in gone if m.state not in Mention.EDITOR_STATES]:
        Mention.objects.filter(pk__in=discarded).delete()
    for mention in gone:
        if mention.state in Mention.EDITOR_STATES and (fields := _assign(mention, _NOWHERE)):
            to_update.append(mention)
            changed |= fields
    Mention.objects.bulk_create(to_create)
    if to_update:
        Mention.objects.bulk_update(to_update, sorted(changed))
    return bool(discarded or to_create or to_update)


def render_unsaved(article, *, registry=None):
    """``article``'s body as saving it now would render it, editors' decisions on its
    stored places included; writes nothing (the desk's live preview)."""
    registry = registry or get_registry()
    if article.pk is None:
        return _link(article, registry, [], {}).rendered
    mentions = {mention.entity_id: mention for mention in article.mentions.all()}
    return _link(article, registry, list(article.occurrences.all()), mentions).rendered
