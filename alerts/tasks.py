"""Mail goes out from the task worker, never from the request that asked for it."""

from django_tasks import task

from .models import Subscription
from .services import send_confirmation_mail
from .services import send_digests as send_all_digests


@task()
def send_confirmation(subscription_id):
    subscription = Subscription.objects.select_related("entity").filter(pk=subscription_id).first()
    if subscription is not None and not subscription.is_active:
        send_confirmation_mail(subscription)


@task()
def send_digests():
    return send_all_digests()
