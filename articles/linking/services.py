"""The Django side of entity linking: the registry in, rendered bodies and mentions out.

The matcher is built once per version of the alias registry and kept per process; the
version is read from the database on every use, so an alias saved by another process or
server is picked up on the next article that links.
"""

import threading
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from articles.models import Article, Mention
from institutions.models import Alias, Entity

from .matcher import AliasEntry, Matcher
from .render import render_markdown, snippet

_built = {}


def registry_version():
    """A value that changes whenever an entity or alias is added, edited or deleted."""
    entities = Entity.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    aliases = Alias.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    return (entities["count"], entities["changed"], aliases["count"], aliases["changed"])


def alias_entries():
    """Every way the registry writes an entity's name, as the matcher wants them."""
    entries = [
        AliasEntry(pk, name, "name", kind)
        for pk, name, kind in Entity.objects.values_list("pk", "name", "kind")
    ]
    entries += [
        AliasEntry(entity_id, name, alias_kind, entity_kind)
        for entity_id, name, alias_kind, entity_kind in Alias.objects.values_list(
            "entity_id", "name", "kind", "entity__kind"
        )
    ]
    return entries


def get_matcher():
    version = registry_version()
    matcher = _built.get(version)
    if matcher is None:
        matcher = Matcher(alias_entries())
        _built.clear()
        _built[version] = matcher
    return matcher


@dataclass
class _Tally:
    count: int = 0
    first_offset: int | None = None
    matched_text: str = ""
    snippet: str = ""
    exact: bool = False


def _tally_hits(article, matcher):
    """Count each entity's mentions in title, dek and body; offsets are into the body."""
    tallies = {}
    for field in ("title", "dek", "body"):
        text = getattr(article, field) or ""
        for hit in matcher.find(text):
            tally = tallies.setdefault(hit.entity_id, _Tally())
            tally.count += 1
            tally.exact = tally.exact or hit.exact
            if field == "body" and tally.first_offset is None:
                tally.first_offset = hit.start
                tally.matched_text = hit.text[:255]
                tally.snippet = snippet(text, hit.start, hit.end)
            elif not tally.matched_text:
                tally.matched_text = hit.text[:255]
                tally.snippet = snippet(text, hit.start, hit.end)
    return tallies


def link_article(article, *, matcher=None):
    """Render ``article``'s body with entity links and record its mentions.

    Editors' decisions stick: a rejected entity is never linked, a confirmed one always
    is, and neither decision is overwritten by what the matcher finds this time.
    """
    matcher = matcher or get_matcher()
    existing = {mention.entity_id: mention for mention in article.mentions.all()}
    confirmed = {pk for pk, m in existing.items() if m.state == Mention.State.CONFIRMED}
    rejected = {pk for pk, m in existing.items() if m.state == Mention.State.REJECTED}
    urls = dict(_entity_urls(matcher, article))

    result = render_markdown(
        article.body or "",
        matcher=matcher,
        url_for=urls.get,
        link_entities=confirmed,
        reject=rejected,
    )
    tallies = _tally_hits(article, matcher)

    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(body_html=result.html)
        article.body_html = result.html
        _store_mentions(article, existing, tallies)
    return result


def _entity_urls(matcher, article):
    ids = {hit.entity_id for hit in matcher.find(article.body or "")}
    for entity in Entity.objects.filter(pk__in=ids).only("pk", "slug", "kind"):
        yield entity.pk, entity.get_absolute_url()


def _store_mentions(article, existing, tallies):
    to_create, to_update = [], []
    for entity_id, tally in tallies.items():
        mention = existing.get(entity_id)
        if mention is None:
            mention = Mention(article=article, entity_id=entity_id)
            to_create.append(mention)
        else:
            to_update.append(mention)
        if mention.state not in Mention.EDITOR_STATES:
            mention.state = Mention.State.AUTO if tally.exact else Mention.State.SUGGESTED
        mention.count = tally.count
        mention.first_offset = tally.first_offset
        mention.matched_text = tally.matched_text
        mention.snippet = tally.snippet
    gone = [mention.pk for entity_id, mention in existing.items() if entity_id not in tallies]
    # The matcher no longer finds these: its own guesses go, editors' decisions stay.
    article.mentions.filter(pk__in=gone).exclude(state__in=Mention.EDITOR_STATES).delete()
    article.mentions.filter(pk__in=gone).update(count=0, first_offset=None)
    Mention.objects.bulk_create(to_create)
    Mention.objects.bulk_update(
        to_update, ["state", "count", "first_offset", "matched_text", "snippet"]
    )


def articles_affected_by(names=(), entity_ids=()):
    """Articles that may change when these alias spellings or entities change.

    A database prefilter keeps a registry edit from re-reading the whole archive: the
    articles that mention the entities now, plus those whose text contains a spelling.
    """
    condition = Q(mentions__entity_id__in=list(entity_ids))
    for name in {n.strip() for n in names if n and n.strip()}:
        condition |= Q(title__icontains=name) | Q(dek__icontains=name) | Q(body__icontains=name)
    return Article.objects.filter(condition).distinct()


def relink(articles, *, progress=None):
    """Relink each article with one matcher; returns how many were relinked."""
    matcher = get_matcher()
    done = 0
    for article in articles.prefetch_related("mentions").iterator(chunk_size=200):
        link_article(article, matcher=matcher)
        done += 1
        if progress:
            progress(done)
    return done


def teach_alias(mention):
    """Add the spelling an editor confirmed in ``mention`` as an alias of its entity."""
    spelling = mention.matched_text.strip()
    if mention.state != Mention.State.CONFIRMED or not spelling:
        return None
    alias = Alias.objects.filter(entity_id=mention.entity_id, name__iexact=spelling).first()
    return alias or Alias.objects.create(entity_id=mention.entity_id, name=spelling)


_pending = threading.local()


def schedule_relink(*, names=(), entity_ids=(), article_ids=()):
    """Relink what a registry change affects once the transaction commits.

    Changes within one transaction (an entity saved with its alias inline) are
    batched into one relink.
    """
    batch = getattr(_pending, "batch", None)
    fresh = batch is None
    if fresh:
        batch = _pending.batch = {"names": set(), "entity_ids": set(), "article_ids": set()}
    batch["names"].update(names)
    batch["entity_ids"].update(entity_ids)
    batch["article_ids"].update(article_ids)
    if fresh:
        transaction.on_commit(_run_pending_relink)


def _run_pending_relink():
    batch, _pending.batch = _pending.batch, None
    affected = articles_affected_by(batch["names"], batch["entity_ids"]).values("pk")
    articles = Article.objects.filter(Q(pk__in=affected) | Q(pk__in=batch["article_ids"]))
    relink(articles)
