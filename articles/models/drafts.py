"""What the desk keeps beside an article: each editor's autosaved form, and share links."""

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import Article


class Draft(models.Model):
    """One editor's unsaved change form of one article (or of a new article), saved by
    the form itself every few seconds so that a closed tab or a crash loses nothing.

    Not a revision: readers and other editors never see it, and saving the article
    deletes it.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="drafts"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fields = models.JSONField(default=dict, help_text="The form's fields as the editor left them.")
    based_on_version = models.PositiveIntegerField(
        default=0, help_text="The article's version the editor was changing."
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="draft_one_per_editor"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article=None), name="draft_one_new_per_editor"
            ),
        ]

    def __str__(self):
        return f"{self.user}'s unsaved changes to {self.article or 'a new article'}"


class ShareLinkQuerySet(models.QuerySet):
    def active(self):
        """Links that still open the article: not revoked, not expired."""
        return self.filter(revoked_at=None, expires_at__gt=timezone.now())


class ShareLink(models.Model):
    """A signed address that shows an unpublished article to anyone holding it, until
    it expires or an editor revokes it."""

    # Each choice is (hours, label); the longest is the signature's own limit too.
    LIFETIMES = [
        (1, _("1 hour")),
        (6, _("6 hours")),
        (24, _("1 day")),
        (72, _("3 days")),
        (168, _("7 days")),
    ]
    SALT = "articles.share-link"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="share_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Share link for {self.article} until {self.expires_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("articles:shared", kwargs={"token": self.token})

    @property
    def token(self):
        # Not timestamped: the address stays the same for the link's life, so the one an
        # editor copied is the one the article lists; the row says when it expires.
        return signing.Signer(salt=self.SALT).sign_object([self.pk, self.article_id], compress=True)

    @classmethod
    def from_token(cls, token):
        """The active link ``token`` names, or None: a bad signature, an expired or a
        revoked link all open nothing."""
        try:
            pk, article_id = signing.Signer(salt=cls.SALT).unsign_object(token)
        except (signing.BadSignature, ValueError, TypeError):
            return None
        return (
            cls.objects.active()
            .select_related("article")
            .filter(pk=pk, article_id=article_id)
            .first()
        )
