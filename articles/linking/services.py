"""The Django side of entity linking: the registry in, rendered bodies and mentions out.

The matcher is built once per version of the alias registry and kept per process; the
version is read from the database on every use, so an alias saved by another process or
server is picked up on the next article that links.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max

from articles.models import Article, Mention
from institutions.models import Alias, Entity
from newsroom.caching import content_changed
from newsroom.words import is_common_word

from .matcher import AliasEntry, Matcher
from .render import render_markdown, snippet

_built = {}


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


@dataclass
class _Tally:
    count: int = 0
    first_offset: int | None = None
    matched_text: str = ""
    snippet: str = ""
    exact: bool = False

    def add(self, hit, text, *, in_body):
        self.count += 1
        self.exact = self.exact or hit.exact
        if in_body and self.first_offset is None:
            self.first_offset = hit.start
        if (in_body and self.first_offset == hit.start) or not self.matched_text:
            self.matched_text = hit.text[:255]
            self.snippet = snippet(text, hit.start, hit.end)


def _tally(article, matcher, rendered):
    """Each entity's mentions in title, dek and body; offsets index the body's prose."""
    tallies = {}
    for field in ("title", "dek"):
        text = getattr(article, field) or ""
        for hit in matcher.find(text, article.language):
            tallies.setdefault(hit.entity_id, _Tally()).add(hit, text, in_body=False)
    for hit in rendered.hits:
        tallies.setdefault(hit.entity_id, _Tally()).add(hit, rendered.text, in_body=True)
    return tallies


def _render(article, registry, existing):
    """``article``'s body rendered with links, and each entity's tally of mentions.

    ``existing`` maps entity ids to the article's current mentions: editors' decisions
    in them decide which entities link regardless of what the matcher finds.
    """
    confirmed = {pk for pk, m in existing.items() if m.state == Mention.State.CONFIRMED}
    rejected = {pk for pk, m in existing.items() if m.state == Mention.State.REJECTED}
    rendered = render_markdown(
        article.body or "",
        matcher=registry.matcher,
        url_for=registry.urls.get,
        link_entities=confirmed,
        reject=rejected,
        language=article.language,
    )
    return rendered, _tally(article, registry.matcher, rendered)


_TALLIED = ("state", "count", "first_offset", "matched_text", "snippet")


def _record(mention, tally):
    """Write ``tally`` into ``mention``; an editor's decision on its state stays.

    Returns the names of the fields that changed.
    """
    before = [getattr(mention, name) for name in _TALLIED]
    if mention.state not in Mention.EDITOR_STATES:
        mention.state = Mention.State.AUTO if tally.exact else Mention.State.SUGGESTED
    mention.count = tally.count
    mention.first_offset = tally.first_offset
    mention.matched_text = tally.matched_text
    mention.snippet = tally.snippet
    return {
        name for name, old in zip(_TALLIED, before, strict=True) if getattr(mention, name) != old
    }


def link_article(article, *, registry=None):
    """Render ``article``'s body with entity links and record its mentions.

    Editors' decisions stick: a rejected entity is never linked, a confirmed one always
    is, and neither decision is overwritten by what the matcher finds this time.
    """
    registry = registry or get_registry()
    existing = {mention.entity_id: mention for mention in article.mentions.all()}
    rendered, tallies = _render(article, registry, existing)
    with transaction.atomic():
        changed = rendered.html != article.body_html
        if changed:
            Article.objects.filter(pk=article.pk).update(body_html=rendered.html)
            article.body_html = rendered.html
        if _store_mentions(article, existing, tallies) or changed:
            # update(), bulk_create() and bulk_update() send no signals.
            content_changed()
    return rendered


def link_articles(articles, *, registry=None):
    """Link new articles for bulk creation, writing nothing.

    Sets each article's ``body_html`` and returns the unsaved mentions of all of them, to
    ``bulk_create`` once the articles are saved. New articles have no editors' decisions
    yet, so this is what ``link_article`` would record for them one by one.
    """
    registry = registry or get_registry()
    mentions = []
    for article in articles:
        rendered, tallies = _render(article, registry, {})
        article.body_html = rendered.html
        for entity_id, tally in tallies.items():
            mention = Mention(article=article, entity_id=entity_id)
            _record(mention, tally)
            mentions.append(mention)
    return mentions


def _store_mentions(article, existing, tallies):
    """Write the mentions ``tallies`` describe; returns whether anything was written."""
    to_create, to_update, changed = [], [], set()
    for entity_id, tally in tallies.items():
        mention = existing.get(entity_id)
        if mention is None:
            mention = Mention(article=article, entity_id=entity_id)
            _record(mention, tally)
            to_create.append(mention)
        elif fields := _record(mention, tally):
            # Only what changed is written: a relink of an unchanged text writes nothing,
            # and bulk_update's cost grows with rows times fields.
            to_update.append(mention)
            changed |= fields
    gone = [mention.pk for entity_id, mention in existing.items() if entity_id not in tallies]
    if gone:
        # The matcher no longer finds these: its own guesses go, editors' decisions stay.
        article.mentions.filter(pk__in=gone).exclude(state__in=Mention.EDITOR_STATES).delete()
        article.mentions.filter(pk__in=gone).update(count=0, first_offset=None)
    Mention.objects.bulk_create(to_create)
    if to_update:
        Mention.objects.bulk_update(to_update, [name for name in _TALLIED if name in changed])
    return bool(gone or to_create or to_update)


# How many articles are read or relinked at a time: progress is recorded after each chunk.
CHUNK_SIZE = 200


def _spelling_matcher(spellings, entity_kinds):
    """A matcher that finds ``spellings`` wherever the linker could find them as names
    of entities of these kinds (an institution's multi-word name also takes a plural
    ending, an official's last name word also matches alone)."""
    return Matcher(
        AliasEntry(kind, spelling, "name", kind) for spelling in spellings for kind in entity_kinds
    )


def relink_candidates(*, entity_ids=(), spellings=(), article_ids=()):
    """The ids of the articles that may change when these entities or spellings change.

    The articles that mention the entities now, plus those whose title, dek or body
    contains a spelling as the linker reads it (folded: a spelling in Latin letters finds
    its Cyrillic form too). The archive is streamed through one matcher of the changed
    spellings, so the cost in SQL does not grow with the number of spellings.
    """
    found = set(article_ids)
    found.update(
        Mention.objects.filter(entity_id__in=list(entity_ids)).values_list("article_id", flat=True)
    )
    spellings = {s.strip() for s in spellings if s and s.strip()}
    if spellings:
        # With the entities gone (deleted), the spellings are read as either kind's.
        kinds = set(Entity.objects.filter(pk__in=list(entity_ids)).values_list("kind", flat=True))
        matcher = _spelling_matcher(spellings, kinds or Entity.Kind.values)
        texts = Article.objects.values_list("pk", "title", "dek", "body")
        for pk, *fields in texts.iterator(chunk_size=2000):
            # Line breaks end words, so joining the fields makes no match across them.
            if pk not in found and matcher.find("\n".join(f or "" for f in fields)):
                found.add(pk)
    return sorted(found)


def relink(articles, *, progress=None):
    """Relink each article with one matcher; returns how many were relinked."""
    registry = get_registry()
    done = 0
    for article in articles.prefetch_related("mentions").iterator(chunk_size=CHUNK_SIZE):
        link_article(article, registry=registry)
        done += 1
        if progress:
            progress(done)
    return done


def run_relink_job(job):
    """Relink what ``job`` names, recording its progress; a job not queued is left alone.

    A failure marks the job failed with the error, then propagates, so that whatever
    runs the job (the task worker, the seed loader) records it too.
    """
    if not job.start():
        return
    try:
        candidates = relink_candidates(
            entity_ids=job.entities.values_list("pk", flat=True),
            spellings=job.spellings,
            article_ids=job.article_ids,
        )
        job.record_progress(total=len(candidates))
        for first in range(0, len(candidates), CHUNK_SIZE):
            chunk = candidates[first : first + CHUNK_SIZE]
            # One commit per chunk, not per article: a commit waits for the disk.
            with transaction.atomic():
                relink(Article.objects.filter(pk__in=chunk).order_by("pk"))
            job.record_progress(done=first + len(chunk))
    except Exception as error:
        job.fail(error)
        raise
    job.finish()


def teach_alias(mention):
    """Add the spelling an editor confirmed in ``mention`` as an alias of its entity."""
    spelling = mention.matched_text.strip()
    if mention.state != Mention.State.CONFIRMED or not spelling:
        return None
    alias = Alias.objects.filter(entity_id=mention.entity_id, name__iexact=spelling).first()
    return alias or Alias.objects.create(entity_id=mention.entity_id, name=spelling)
