"""Following an institution or official by e-mail. None of these pages is cached or
indexed: they speak to one reader."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from institutions.models import Entity

from .forms import FollowForm
from .models import Subscription
from .services import subscription_cancel, subscription_confirm, subscription_request


def private(response):
    response["X-Robots-Tag"] = "noindex"
    return response


@method_decorator(never_cache, name="dispatch")
class FollowView(View):
    template_name = "alerts/follow.html"

    def dispatch(self, request, kind, slug):
        self.entity = get_object_or_404(Entity, kind=kind, slug=slug)
        return super().dispatch(request)

    def render(self, form):
        name = self.entity.display_name(translation.get_language())
        context = {"form": form, "entity": self.entity, "name": name}
        return private(render(self.request, self.template_name, context))

    def get(self, request):
        return self.render(FollowForm())

    def post(self, request):
        form = FollowForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        subscription_request(
            email=form.cleaned_data["email"],
            entity=self.entity,
            language=translation.get_language(),
        )
        return redirect("alerts:sent")


@never_cache
def sent(request):
    return private(render(request, "alerts/sent.html"))


@never_cache
def confirm(request, token):
    subscription = subscription_confirm(token=token)
    if subscription is None:
        raise Http404("No such subscription.")
    return private(render(request, "alerts/confirmed.html", {"subscription": subscription}))


# Mail clients unsubscribe with a bare POST (RFC 8058): the token is the key, not a cookie.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        subscription = subscription_cancel(token=token)
        if subscription is None:
            raise Http404("No such subscription.")
        template = "alerts/unsubscribed.html"
    else:
        subscription = get_object_or_404(Subscription.objects.select_related("entity"), token=token)
        template = "alerts/unsubscribe.html"
    return private(render(request, template, {"subscription": subscription}))
