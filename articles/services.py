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

from .linking.services import link_article
from .models import Article, Revision, is_editor


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


@transaction.atomic
def article_save(*, article, by, expected_version=None, note=""):
    """Save ``article`` as a new version, record a revision of it and relink it.

    With ``expected_version``, the save happens only if nobody saved the article since
    that version; otherwise ``EditConflict`` is raised and nothing is written. An edit by
    a user the article is not open to raises ``PermissionDenied``.
    """
    check_can_edit(article=article, by=by)
    if article.pk is None and article.created_by_id is None:
        article.created_by = by
    if article.pk is not None:
        if expected_version is None:
            expected_version = Article.objects.values_list("version", flat=True).get(pk=article.pk)
        # Continue from the stored count even if this instance was loaded earlier.
        article.version = article_lock(article=article, expected_version=expected_version).version
    article.full_clean()
    article.save()
    Revision.of(article, by=by, note=note).save()
    link_article(article)
    return article


def article_publish(*, article, by):
    """Publish ``article`` now, or at its publication time if one is already set."""
    if not can_publish(by):
        raise PermissionDenied("You do not have permission to publish articles.")
    article.status = Article.Status.PUBLISHED
    if article.published_at is None:
        article.published_at = timezone.now()
    return article_save(article=article, by=by, note="Published")


def article_unpublish(*, article, by):
    """Take ``article`` off the public site; it goes back to draft and keeps its date."""
    if not can_publish(by):
        raise PermissionDenied("You do not have permission to unpublish articles.")
    article.status = Article.Status.DRAFT
    return article_save(article=article, by=by, note="Unpublished")


def article_restore(*, article, revision, by, expected_version=None):
    """Bring back ``revision``'s text as a new version of ``article``.

    Status, publication date and slug stay as they are (``Revision.NOT_RESTORED``).
    """
    revision.restore_onto(article)
    return article_save(
        article=article,
        by=by,
        expected_version=expected_version,
        note=f"Restored version {revision.version}",
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
