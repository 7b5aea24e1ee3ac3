"""A page with a JSON-LD block, as the article templates write it, to test the nonce."""

from django.template import engines
from django.template.response import TemplateResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

PAGE = engines["django"].from_string(
    '<script type="application/ld+json" nonce="{{ request.csp_nonce }}">{}</script>'
    '<script type="application/ld+json" nonce="{{ CSP_NONCE }}">{}</script>'
)


def structured_data(request):
    return TemplateResponse(request, PAGE, {})


urlpatterns = [path("structured-data/", structured_data), *site_urlpatterns]
