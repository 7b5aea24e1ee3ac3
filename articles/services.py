"""Writes on articles that editors trigger: publishing and unpublishing."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .models import Article

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def article_publish(*, article, by):
    """Publish ``article`` now, or at its publication time if one is already set."""
    if not can_publish(by):
        raise PermissionDenied("You do not have permission to publish articles.")
    article.status = Article.Status.PUBLISHED
    if article.published_at is None:
        article.published_at = timezone.now()
    article.full_clean()
    article.save()
    return article


def article_unpublish(*, article, by):
    """Take ``article`` off the public site; it goes back to draft and keeps its date."""
    if not can_publish(by):
        raise PermissionDenied("You do not have permission to unpublish articles.")
    article.status = Article.Status.DRAFT
    article.full_clean()
    article.save()
    return article
