"""Sending one webhook delivery: the signed POST, and when to try again.

The receiver checks ``X-Newsroom-Signature``: ``sha256=`` and the hex HMAC-SHA256, keyed
with the webhook's secret, of ``X-Newsroom-Timestamp``, a dot and the raw body. The
timestamp (Unix seconds) lets it refuse replays of an old delivery.
"""

import datetime
import hashlib
import hmac
import time
import urllib.error
import urllib.request

from django.utils import timezone

from .models import WebhookDelivery

TIMEOUT_SECONDS = 10
MAX_ATTEMPTS = 6
# 30 s, 2 min, 8 min, 32 min, about 2 h: a receiver has half a day to come back.
FIRST_RETRY = datetime.timedelta(seconds=30)
BACKOFF_FACTOR = 4
USER_AGENT = "Newsroom-Webhooks/1"


def signature(secret, timestamp, body):
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def retry_delay(attempts):
    """How long to wait after ``attempts`` failed tries."""
    return FIRST_RETRY * BACKOFF_FACTOR ** (attempts - 1)


def post(delivery):
    """POST the delivery's payload once; return (HTTP status or None, error text)."""
    body = delivery.payload.encode()
    timestamp = int(time.time())
    request = urllib.request.Request(
        delivery.webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Newsroom-Event": delivery.event,
            "X-Newsroom-Delivery": str(delivery.pk),
            "X-Newsroom-Timestamp": str(timestamp),
            "X-Newsroom-Signature": signature(delivery.webhook.secret, timestamp, body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"answered {error.code} {error.reason}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, str(getattr(error, "reason", error))


def attempt(delivery):
    """Try ``delivery`` once and record the outcome; True when it should be retried."""
    status, error = post(delivery)
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_status = status
    delivery.error = error
    if status is not None and 200 <= status < 300:
        delivery.status, delivery.next_attempt_at = WebhookDelivery.Status.DELIVERED, None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = WebhookDelivery.Status.FAILED, None
    else:
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    delivery.save()
    return delivery.status == WebhookDelivery.Status.PENDING
