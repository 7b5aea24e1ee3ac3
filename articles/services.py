"""Writes on articles that editors trigger: saving, publishing, restoring a revision,
sharing a draft.

Every save of an article goes through ``article_save``: it refuses an edit based on an
older version (no silent overwrite) and an edit by someone the article is not open to
(a reporter's draft is its author's and those it is shared with; editors edit every
article), and records a revision of what was saved. ``by=None`` is the site itself
(imports, seeds), which edits everything.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from newsroom.addresses import record_slug_change

from .linking.services import link_article
from .models import Article, ArticleRedirect, ReviewNote, Revision, is_editor


class EditConflict(Exception):
    """Someone saved the article after the version an edit was based on."""

    def __init__(self, current):
        self.current = current
        self.latest_revision = current.revisions.select_related("created_by").first()
        super().__init__(f"{current} is at version {current.version}")

    @property
    def changed_by(self):
        revision = self.latest_revision
        return revision.created_by if revision and revision.created_by else None


def can_publish(user):
    return is_editor(user)


def check_can_edit(*, article, by):
    """Refuse with ``PermissionDenied`` an edit of the stored ``article`` by ``by``, or
    one that publishes it by anyone but an editor."""
    if by is None or is_editor(by):
        return
    if article.pk is not None and not article.is_editable_by(by):
        raise PermissionDenied(f"You may not edit “{article}”: it is not yours or shared with you.")
    if article.status == Article.Status.PUBLISHED:
        raise PermissionDenied("Only an editor can publish an article.")


def article_lock(*, article, expected_version):
    """Lock ``article``'s row until the transaction ends; refuse a stale edit.

    Raises ``EditConflict`` when the stored version is not ``expected_version``.
    """
    current = Article.objects.select_for_update().get(pk=article.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    return current


# What readers read: a change to one of these after publication is an update they are told of.
READER_TEXT = ("title", "dek", "body", "correction")


@transaction.atomic
def article_save(*, article, by, expected_version=None, kind=None, note="", review_note=""):
    """Save ``article`` as a new version, record a revision of it and relink it.

    With ``expected_version``, the save happens only if nobody saved the article since
    that version; otherwise ``EditConflict`` is raised and nothing is written. An edit by
    a user the article is not open to raises ``PermissionDenied``. A save that changes
    nothing writes nothing: no version, no revision. The revision is labelled ``kind``,
    or by what the save did (``what_happened``); ``review_note`` travels with a
    submission or a return to the other side of the desk.
    """
    check_can_edit(article=article, by=by)
    if article.pk is None and article.created_by_id is None:
        article.created_by = by
    stored = None
    if article.pk is not None:
        if expected_version is None:
            expected_version = Article.objects.values_list("version", flat=True).get(pk=article.pk)
        stored = article_lock(article=article, expected_version=expected_version)
        # Continue from the stored count even if this instance was loaded earlier.
        article.version = stored.version
    article.full_clean()
    if stored is not None and Revision.content_of(stored) == Revision.content_of(article):
        return article
    kind = kind or what_happened(stored, article)
    if stored is not None:
        _keep_readers_told(stored, article)
    article.save()
    link_article(article)
    revision = Revision.of(article, by=by, kind=kind, note=note)
    revision.links = links_of(article)
    revision.save()
    _pass_review_note(article, kind, review_note, by)
    return article


def what_happened(stored, article):
    """The ``Revision.Kind`` of a save from ``stored`` (None: a new article) to ``article``."""
    Kind, Status = Revision.Kind, Article.Status
    if stored is None:
        return Kind.CREATED
    if article.status == Status.PUBLISHED and (stored.is_scheduled, stored.is_public) != (
        article.is_scheduled,
        article.is_public,
    ):
        return Kind.SCHEDULED if article.is_scheduled else Kind.PUBLISHED
    if stored.status != article.status:
        if article.status == Status.REVIEW:
            return Kind.SUBMITTED
        if stored.status == Status.REVIEW and article.status == Status.DRAFT:
            return Kind.RETURNED
        if stored.status == Status.PUBLISHED:
            return Kind.UNPUBLISHED
    if article.correction and article.correction != stored.correction:
        return Kind.CORRECTED
    return Kind.EDITED


def _keep_readers_told(stored, article):
    """Date a change readers see and keep every address the article had answering."""
    if stored.is_public and any(
        getattr(stored, name) != getattr(article, name) for name in READER_TEXT
    ):
        article.text_updated_at = timezone.now()
    came_out = stored.published_at is not None and stored.published_at <= timezone.now()
    if came_out and stored.status != Article.Status.DRAFT and stored.slug != article.slug:
        record_slug_change(ArticleRedirect.objects, article, stored.slug)


def links_of(article):
    """The entities ``article`` names and what was decided of each: a revision keeps it."""
    return {
        str(entity_id): {"name": name, "state": state}
        for entity_id, name, state in article.mentions.values_list(
            "entity_id", "entity__name", "state"
        )
    }


def record_links(article):
    """Keep the current revision's links up to date after an editor's decision: a
    decision is no new version (it would force an edit conflict in another tab)."""
    Revision.objects.filter(article=article, version=article.version).update(
        links=links_of(article)
    )


def _pass_review_note(article, kind, message, by):
    if kind == Revision.Kind.SUBMITTED:
        ReviewNote.objects.create(
            article=article, kind=ReviewNote.Kind.SUBMITTED, message=message, created_by=by
        )
    elif kind == Revision.Kind.RETURNED:
        submitted = article.review_notes.filter(kind=ReviewNote.Kind.SUBMITTED).first()
        reporter = submitted.created_by if submitted else article.created_by
        ReviewNote.objects.create(
            article=article,
            kind=ReviewNote.Kind.RETURNED,
            message=message,
            created_by=by,
            recipient=reporter,
        )


def article_publish(*, article, by):
    """Publish ``article`` now, or at its publication time if one is already set."""
    if not can_publish(by):
        raise PermissionDenied("You do not have permission to publish articles.")
    article.status = Article.Status.PUBLISHED
    if article.published_at is None:
        article.published_at = timezone.now()
    return article_save(article=article, by=by)


def article_unpublish(*, article, by):
    """Take ``article`` off the public site; it keeps its date and its addresses."""
    if not can_publish(by):
        raise PermissionDenied("You do not have permission to unpublish articles.")
    article.status = Article.Status.UNPUBLISHED
    return article_save(article=article, by=by)


def article_restore(*, article, revision, by, expected_version=None):
    """Bring back ``revision``'s text as a new version of ``article``.

    Status, publication date and slug stay as they are (``Revision.NOT_RESTORED``).
    """
    revision.restore_onto(article)
    return article_save(
        article=article,
        by=by,
        expected_version=expected_version,
        kind=Revision.Kind.RESTORED,
        note=f"version {revision.version}",
    )


@transaction.atomic
def article_share(*, article, users, by):
    """Open ``article`` to exactly ``users`` besides its author; only the author or an
    editor may choose them."""
    if by is not None and not article.can_share(by):
        raise PermissionDenied(f"Only the author of “{article}” or an editor may share it.")
    check_can_edit(article=article, by=by)
    article.shared_with.set(users)
    return article
