"""Editors' decisions on what the linker found: per place (an occurrence), per entity
(the entity panel's row, applied to its places), and spellings taught to the registry.
Each decision relinks the article, so its links and summary follow at once.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, When
from django.utils import timezone

from articles.models import Article, Mention, Occurrence
from institutions.models import Alias

from .services import link_article


@transaction.atomic
def occurrence_decide(*, occurrence, state, by, entity=None):
    """Record an editor's decision on one place: confirm it, reject it, or say it names
    ``entity`` instead (``state`` reassigned). The article's mentions and links follow."""
    if state not in Occurrence.EDITOR_STATES:
        raise ValidationError(f"Not an editor's decision: {state!r}.")
    reassigning = state == Occurrence.State.REASSIGNED
    if reassigning != (entity is not None):
        raise ValidationError("Name another entity exactly when linking the place to it.")
    if reassigning and entity.pk == occurrence.entity_id:
        raise ValidationError("That is the entity found here: confirm the place instead.")
    occurrence.state = state
    occurrence.reassigned_to = entity
    occurrence.decided_by = by
    occurrence.decided_at = timezone.now()
    occurrence.full_clean()
    # Only the decision: a save since this occurrence was read may have moved its place.
    occurrence.save(update_fields=["state", "reassigned_to", "decided_by", "decided_at"])
    # The article as stored, not as this occurrence last saw it.
    link_article(Article.objects.get(pk=occurrence.article_id))
    return occurrence


@transaction.atomic
def mention_decide(*, mention, state, by):
    """Apply an editor's decision on an entity's row of the entity panel to its places.

    Confirming confirms the places that link; when none does, the places waiting for an
    editor (or, when none waits, the rejected ones). Rejecting rejects every place;
    choosing the linker's own states undoes the decisions. A mention with no place (added
    by hand) keeps the state itself. The article is relinked, so the mention is derived again.
    """
    if state not in Mention.State.values:
        raise ValidationError(f"Not a state of a mention: {state!r}.")
    places = Occurrence.objects.filter(article_id=mention.article_id).naming(mention.entity_id)
    decided = {"decided_by": by, "decided_at": timezone.now()}
    if state == Mention.State.CONFIRMED:
        linked = places.filter(state__in=Occurrence.LINKED_STATES)
        if linked.exists():
            # The places that link are confirmed; a suggestion elsewhere may name someone
            # else ("Askar Tokayev" before "President Tokayev") and waits for its own review.
            linked.filter(state=Occurrence.State.AUTO).update(state=state, **decided)
        elif not places.filter(state=Occurrence.State.SUGGESTED).update(state=state, **decided):
            places.filter(state=Occurrence.State.REJECTED).update(state=state, **decided)
    elif state == Mention.State.REJECTED:
        places.update(state=state, reassigned_to=None, **decided)
    else:
        matcher_state = Case(
            When(exact=True, then=models.Value(Occurrence.State.AUTO)),
            default=models.Value(Occurrence.State.SUGGESTED),
        )
        places.update(state=matcher_state, reassigned_to=None, decided_by=None, decided_at=None)
    mention.state = state
    mention.decided_by, mention.decided_at = decided["decided_by"], decided["decided_at"]
    mention.save(update_fields=["state", "decided_by", "decided_at"])
    link_article(Article.objects.get(pk=mention.article_id))
    return mention


def teach_alias(mention):
    """Add the spelling an editor confirmed in ``mention`` as an alias of its entity."""
    spelling = mention.matched_text.strip()
    if mention.state != Mention.State.CONFIRMED or not spelling:
        return None
    alias = Alias.objects.filter(entity_id=mention.entity_id, name__iexact=spelling).first()
    return alias or Alias.objects.create(entity_id=mention.entity_id, name=spelling)


def occurrence_teach_alias(*, occurrence, by):
    """Add the spelling at ``occurrence`` as an alias of the entity it links to; a place
    not linked yet is confirmed first, since the editor has said whose name it is."""
    if occurrence.state not in Occurrence.LINKED_STATES:
        occurrence_decide(occurrence=occurrence, state=Occurrence.State.CONFIRMED, by=by)
    entity_id = occurrence.reassigned_to_id or occurrence.entity_id
    spelling = occurrence.matched_text.strip()
    alias = Alias.objects.filter(entity_id=entity_id, name__iexact=spelling).first()
    return alias or Alias.objects.create(entity_id=entity_id, name=spelling)
