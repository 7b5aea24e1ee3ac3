import secrets

from django.db import models
from django.utils import timezone


def new_token():
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Confirmed by their owner, and not unsubscribed since."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    """A reader's wish to hear by e-mail of new articles naming one institution or official.

    Double opt-in: nothing is sent but the confirmation until the reader follows its link.
    The token is the reader's key to confirm and to unsubscribe; it is never shown on a page.
    """

    email = models.EmailField()
    entity = models.ForeignKey(
        "institutions.Entity", on_delete=models.CASCADE, related_name="subscriptions"
    )
    language = models.CharField(max_length=2, help_text="The language the reader asked in.")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last digest went out."
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["email", "entity"], name="subscription_unique_email"),
        ]

    def __str__(self):
        return f"{self.email} → {self.entity}"

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None
