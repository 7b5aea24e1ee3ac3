"""Addresses that never break: a page whose slug changes keeps answering at its old ones.

An app gives its model a table of former slugs (a concrete ``FormerSlug`` with a foreign
key named by ``owner_field``), records a change with ``record_slug_change`` and lets its
detail view fall back on ``FormerSlugRedirectMixin``; ``FormerSlugAdmin`` lists them.
Each former slug points at the object, not at the next address, so chains collapse by
construction: every old address answers with one 301 to the current one. An unknown slug
stays a 404.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.html import format_html


class FormerSlug(models.Model):
    """A slug an object was once public at; its page redirects there for good."""

    owner_field = None  # the name of the concrete model's foreign key to the object

    slug = models.SlugField(
        max_length=255, unique=True, help_text="The part of the old address that changed."
    )
    created_at = models.DateTimeField("moved on", default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]
        verbose_name = "redirect"

    def __str__(self):
        return f"{self.old_address} → {self.owner.get_absolute_url()}"

    @property
    def owner(self):
        return getattr(self, self.owner_field)

    @property
    def old_address(self):
        """The old address, written as the current one with the old slug in its place."""
        current = self.owner.get_absolute_url()
        return current.replace(f"/{self.owner.slug}/", f"/{self.slug}/", 1)

    def clean(self):
        owner = getattr(self, self.owner_field, None)
        if owner is None:
            return
        if self.slug == owner.slug:
            raise ValidationError(
                {
                    "slug": f"“{self.slug}” is the current address of “{owner}”: a redirect "
                    "from it to itself would loop."
                }
            )
        live = type(owner)._base_manager.filter(slug=self.slug).first()
        if live is not None:
            raise ValidationError(
                {
                    "slug": f"“{self.slug}” is the live address of “{live}”; a redirect there "
                    "would hide that page. Change that page's slug first."
                }
            )


def former_owner(redirects, instance, slug):
    """The other object whose former address ``slug`` is, or None when it is free."""
    redirect = redirects.filter(slug=slug).exclude(**{redirects.model.owner_field: instance.pk})
    redirect = redirect.select_related(redirects.model.owner_field).first()
    return redirect.owner if redirect is not None else None


def refuse_former_address(redirects, instance):
    """Raise a ``ValidationError`` on ``slug`` if another object used to live there."""
    if not instance.slug:
        return
    other = former_owner(redirects, instance, instance.slug)
    if other is not None:
        raise ValidationError(
            {
                "slug": f"“{instance.slug}” was an address of “{other}” and redirects there for "
                "good. Choose another slug, or delete that redirect first."
            }
        )


def record_slug_change(redirects, instance, old_slug):
    """Keep ``old_slug`` answering for ``instance`` (which now has its new slug).

    Coming back to a slug it once had takes that slug out of the redirects: it is live
    again, and a redirect from it to itself would loop. An old address another object
    left earlier (a slug made from a title may take it) now leads to its latest owner.
    """
    if not old_slug or old_slug == instance.slug:
        return
    owner = {redirects.model.owner_field: instance}
    redirects.filter(slug=instance.slug, **owner).delete()
    redirects.update_or_create(slug=old_slug, defaults=owner)


class FormerSlugRedirectMixin:
    """For a slug detail view: an old slug of a visible object answers with a 301 to the
    object's current address; any other unknown slug is still the view's 404."""

    redirect_model = None

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            redirect = None
            if request.method in ("GET", "HEAD"):
                redirect = self._former(kwargs.get(self.slug_url_kwarg))
            if redirect is None:
                raise
            return HttpResponsePermanentRedirect(redirect.owner.get_absolute_url())

    def visible_queryset(self):
        """The objects this view shows to the person asking."""
        return self.get_queryset()

    def _former(self, slug):
        owner = self.redirect_model.owner_field
        return (
            self.redirect_model.objects.filter(
                slug=slug, **{f"{owner}__in": self.visible_queryset().values("pk")}
            )
            .select_related(owner)
            .first()
        )


class FormerSlugAdmin(admin.ModelAdmin):
    """The redirects of one model: old address, where it leads now, since when.

    An editor may add one (an address printed in a newsletter) or delete one; the model's
    ``clean`` refuses a loop or a clash with a live page.
    """

    list_display = ("old_address_link", "current_address", "created_at")
    search_fields = ("slug",)
    list_per_page = 100
    show_full_result_count = False

    def get_list_select_related(self, request):
        return (self.model.owner_field,)

    def get_autocomplete_fields(self, request):
        return (self.model.owner_field,)

    def get_fields(self, request, obj=None):
        return (self.model.owner_field, "slug", "created_at")

    @admin.display(description="Old address", ordering="slug")
    def old_address_link(self, obj):
        return obj.old_address

    @admin.display(description="Redirects to")
    def current_address(self, obj):
        url = obj.owner.get_absolute_url()
        return format_html('<a href="{}">{}</a> ({})', url, url, obj.owner)
