"""Webhooks: addresses that receive a signed POST when readers' articles change."""

import secrets

from django.db import models


def new_secret():
    return secrets.token_hex(32)


class Webhook(models.Model):
    url = models.URLField(
        "address",
        max_length=500,
        help_text="Receives a POST with JSON when an article is published, updated or unpublished.",
    )
    description = models.CharField(max_length=200, blank=True, help_text="Who or what it feeds.")
    secret = models.CharField(
        max_length=128,
        default=new_secret,
        help_text="Shared with the receiver, who checks each POST's X-Newsroom-Signature "
        "with it. Keep it private.",
    )
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url", "pk"]

    def __str__(self):
        return self.description or self.url


class WebhookDelivery(models.Model):
    """One event sent, or being sent, to one webhook; the log editors read."""

    class Event(models.TextChoices):
        PUBLISHED = "article.published", "Article published"
        UPDATED = "article.updated", "Published article updated"
        UNPUBLISHED = "article.unpublished", "Article unpublished"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be (re)sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed; no more tries"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=30, choices=Event.choices)
    article = models.ForeignKey(
        "articles.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    payload = models.TextField(help_text="The JSON body sent, exactly as signed.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The HTTP status of the last answer."
    )
    error = models.TextField(blank=True, help_text="Why the last try failed.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.get_event_display()} to {self.webhook}"
