"""The desk's front page: what waits for whom, what comes out next, what just came out.

Each list is one query of a few rows, whatever the number of articles.
"""

from django.db.models import OuterRef, Subquery

from ..models import Article, ReviewNote

DASHBOARD_ROWS = 8


def _submission(field):
    """The latest submission note's ``field`` for each article in review."""
    notes = ReviewNote.objects.filter(article=OuterRef("pk"), kind=ReviewNote.Kind.SUBMITTED)
    return Subquery(notes.order_by("-created_at", "-pk").values(field)[:1])


def desk(user):
    """The dashboard's lists for ``user``, each a list of at most ``DASHBOARD_ROWS``."""
    articles = Article.objects.for_listing()
    return {
        "returned": list(
            ReviewNote.objects.filter(
                recipient=user,
                kind=ReviewNote.Kind.RETURNED,
                article__status=Article.Status.DRAFT,
            ).select_related("article", "created_by")[:DASHBOARD_ROWS]
        ),
        "my_drafts": list(
            articles.filter(
                created_by=user, status__in=(Article.Status.DRAFT, Article.Status.UNPUBLISHED)
            ).order_by("-updated_at", "-pk")[:DASHBOARD_ROWS]
        ),
        "in_review": list(
            articles.filter(status=Article.Status.REVIEW)
            .annotate(
                review_message=_submission("message"),
                submitted_by=_submission("created_by__username"),
            )
            .order_by("updated_at", "pk")[:DASHBOARD_ROWS]
        ),
        "scheduled": list(articles.scheduled()[:DASHBOARD_ROWS]),
        "published": list(articles.published()[:DASHBOARD_ROWS]),
        "flagged_imports": list(
            articles.filter(imported_at__isnull=False)
            .exclude(quality_flags=[])
            .order_by("-imported_at", "-pk")[:DASHBOARD_ROWS]
        ),
    }
