import difflib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from institutions.models import Entity
from newsroom.pagination import DeepPaginator

from . import services
from .linking import services as linking
from .models import Article, Mention, Revision


class PreloadedChoiceField(forms.ModelChoiceField):
    """A model choice first looked up among objects a formset fetched for all its rows.

    ``preloaded`` returns them by primary key as text; a value not among them is looked
    up and validated as usual.
    """

    preloaded = None

    def to_python(self, value):
        if self.preloaded is not None and isinstance(value, str):
            found = self.preloaded().get(value)
            if found is not None:
                return found
        return super().to_python(value)


class MentionFormSet(forms.BaseInlineFormSet):
    """The entity panel: each row's mention and entity come from two queries for all
    rows, not two per row, so an article naming many entities saves as fast as any."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        mention = form.fields["id"]
        form.fields["id"] = PreloadedChoiceField(
            mention.queryset, initial=mention.initial, required=False, widget=mention.widget
        )
        form.fields["id"].preloaded = lambda: self._mentions
        if isinstance(form.fields.get("entity"), PreloadedChoiceField):
            form.fields["entity"].preloaded = lambda: self._entities

    @cached_property
    def _mentions(self):
        # The formset's own queryset, fetched anyway to give each row its instance.
        return {str(mention.pk): mention for mention in self.get_queryset()}

    @cached_property
    def _entities(self):
        rows = range(self.total_form_count())
        keys = {self.data.get(f"{self.add_prefix(row)}-entity", "") for row in rows}
        pks = [key for key in keys if key.isascii() and key.isdigit()]
        entities = self.form.base_fields["entity"].queryset.in_bulk(pks)
        return {str(pk): entity for pk, entity in entities.items()}


class MentionForm(forms.ModelForm):
    add_alias = forms.BooleanField(
        required=False,
        label="Add spelling as alias",
        help_text="On confirming, teach the registry this spelling.",
    )

    class Meta:
        model = Mention
        fields = ("entity", "state", "is_about")


class MentionInline(admin.TabularInline):
    """The article's entity panel: what the linker found and what editors decided."""

    model = Mention
    form = MentionForm
    formset = MentionFormSet
    extra = 0
    verbose_name = "entity"
    verbose_name_plural = "Entities (confirm or reject what the linker found)"
    fields = ("entity", "state", "is_about", "count", "context", "add_alias")
    readonly_fields = ("count", "context")
    autocomplete_fields = ("entity",)
    classes = ("entity-panel",)

    class Media:
        css = {"all": ("admin/newsroom.css",)}

    def get_queryset(self, request):
        # Each row shows its mention's name: "<entity> in <article>".
        return super().get_queryset(request).select_related("entity", "article")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "entity":
            kwargs["form_class"] = PreloadedChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Where it is mentioned")
    def context(self, mention):
        sentence, spelling = mention.snippet, mention.matched_text
        if not sentence:
            return "Not found in the text (added by an editor)"
        before, found, after = sentence.partition(spelling) if spelling else (sentence, "", "")
        return format_html("{}<mark>{}</mark>{}", before, found, after)


def entity_autocomplete(admin_site):
    """The admin's search-as-you-type entity box, marked for entity_filter.js."""
    return AutocompleteSelect(
        Mention._meta.get_field("entity"),
        admin_site,
        attrs={"data-entity-filter": ""},
    )


class EntityFilter(admin.SimpleListFilter):
    """Articles that name one entity (``?entity=<id>``), found by searching the registry.

    Listing every entity that has a mention would read all mentions on each page load;
    the search box asks for a few names as the editor types.
    """

    title = "entity mentioned"
    parameter_name = "entity"
    template = "admin/articles/article/entity_filter.html"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        field = forms.ModelChoiceField(
            Entity.objects.all(), required=False, widget=entity_autocomplete(model_admin.admin_site)
        )
        self.search_box = field.widget.render(self.parameter_name, self.entity_id())

    def entity_id(self):
        value = self.value()
        if value is None:
            return None
        if not (value.isascii() and value.isdigit()):
            raise IncorrectLookupParameters(f"Not an entity id: {value!r}")
        return int(value)

    def lookups(self, request, model_admin):
        # Nothing to list: the search box chooses. "All" still clears the filter.
        return ()

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        entity_id = self.entity_id()
        if entity_id is None:
            return queryset
        mentions = Mention.objects.filter(article=OuterRef("pk"), entity_id=entity_id)
        return queryset.filter(Exists(mentions))


def conflict_message(conflict):
    """What an editor reads when someone else saved the article first."""
    current = conflict.current
    who = conflict.changed_by or "someone else"
    when = date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
    latest = reverse("admin:articles_article_change", args=[current.pk])
    revisions = reverse("admin:articles_article_revisions", args=[current.pk])
    return format_html(
        "This article was changed by {} at {} while you were editing. Your changes were "
        'not saved. <a href="{}" target="_blank" rel="noopener">Open the latest version in '
        'a new tab</a>, or <a href="{}" target="_blank" rel="noopener">compare the '
        "revisions</a>, then copy your changes over.",
        who,
        when,
        latest,
        revisions,
    )


class ArticleAdminForm(forms.ModelForm):
    source_url = forms.URLField(
        label="Source URL", max_length=500, required=False, assume_scheme="https"
    )
    # The version the editor started from; a save based on an older one is refused.
    based_on_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Article
        fields = (
            "title",
            "slug",
            "dek",
            "byline",
            "body",
            "status",
            "published_at",
            "seo_title",
            "lead_image",
            "lead_image_alt",
            "lead_image_credit",
            "source_name",
            "source_url",
        )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["based_on_version"].initial = self.instance.version
        status = self.fields.get("status")
        if status is not None and user is not None and not services.can_publish(user):
            status.choices = [
                choice for choice in status.choices if choice[0] != Article.Status.PUBLISHED
            ]
            status.help_text = "An editor publishes the article once it is in review."

    def clean_status(self):
        status = self.cleaned_data["status"]
        was_published = self.instance.pk and self.instance.status == Article.Status.PUBLISHED
        changes_publication = (status == Article.Status.PUBLISHED) != bool(was_published)
        if changes_publication and self.user is not None and not services.can_publish(self.user):
            raise forms.ValidationError("Only an editor can publish or unpublish an article.")
        return status

    def clean(self):
        cleaned = super().clean()
        # Publishing without a date means "now"; the database insists on a date.
        if cleaned.get("status") == Article.Status.PUBLISHED and not cleaned.get("published_at"):
            cleaned["published_at"] = timezone.now()
        based_on = cleaned.get("based_on_version")
        if self.instance.pk is not None and based_on is not None:
            # The admin validates and saves in one transaction: the row stays locked
            # until this edit is saved, so no other save can slip in between.
            try:
                services.article_lock(article=self.instance, expected_version=based_on)
            except services.EditConflict as conflict:
                raise forms.ValidationError(conflict_message(conflict), code="conflict") from None
        return cleaned


def text_diff(old, new):
    """Lines of a unified diff from ``old`` to ``new``, each with how to show it."""
    lines = difflib.unified_diff(
        str(old).splitlines(), str(new).splitlines(), "this revision", "current", lineterm=""
    )
    for line in lines:
        kind = {"+": "added", "-": "removed", "@": "hunk"}.get(line[:1], "same")
        if line.startswith(("+++", "---")):
            kind = "file"
        yield kind, line


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ("title", "status", "published_at", "mention_count", "updated_at")
    list_filter = ("status", "published_at", EntityFilter)
    search_fields = ("title", "dek", "slug")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    # Where the article came from and when: shown to editors, never edited by them.
    PROVENANCE = (
        "source_file",
        "source_hash",
        "imported_at",
        "quality_flag_list",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("lead_image_preview", *PROVENANCE)
    fieldsets = (
        (None, {"fields": ("title", "slug", "dek", "byline", "body", "based_on_version")}),
        ("Publication", {"fields": ("status", "published_at", "seo_title")}),
        (
            "Lead image",
            {"fields": ("lead_image", "lead_image_preview", "lead_image_alt", "lead_image_credit")},
        ),
        (
            "Source",
            {
                "classes": ("collapse",),
                "fields": ("source_name", "source_url", *PROVENANCE),
            },
        ),
    )
    inlines = (MentionInline,)
    actions = ("publish_selected", "unpublish_selected")
    show_full_result_count = False
    # The last of 2,000 pages of 100,000 articles: 1.1 s with OFFSET over whole rows.
    paginator = DeepPaginator
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).with_mention_counts()

    @property
    def media(self):
        return (
            super().media
            + entity_autocomplete(self.admin_site).media
            + forms.Media(css={"all": ["admin/newsroom.css"]}, js=["admin/entity_filter.js"])
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **inner):
                inner.setdefault("user", request.user)
                super().__init__(*args, **inner)

        return RequestForm

    def has_change_permission(self, request, obj=None):
        # A reporter may not rewrite what an editor has already published.
        published = obj is not None and obj.status == Article.Status.PUBLISHED
        if published and not services.can_publish(request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        services.article_save(
            article=obj,
            by=request.user,
            expected_version=form.cleaned_data["based_on_version"] if change else None,
            note="Edited" if change else "Created",
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/revisions/",
                view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:version>/",
                view(self.revision_view),
                name="articles_article_revision",
            ),
            path(
                "<path:object_id>/revisions/<int:version>/restore/",
                view(require_POST(self.restore_view)),
                name="articles_article_revision_restore",
            ),
            *super().get_urls(),
        ]

    def _viewable_article(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _revision_context(self, request, article, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "has_change_permission": self.has_change_permission(request, article),
            **extra,
        }

    def revisions_view(self, request, object_id):
        article = self._viewable_article(request, object_id)
        revisions = article.revisions.select_related("created_by")
        context = self._revision_context(
            request, article, title=f"Revisions of “{article}”", revisions=revisions
        )
        return TemplateResponse(request, "admin/articles/article/revision_list.html", context)

    def revision_view(self, request, object_id, version):
        article = self._viewable_article(request, object_id)
        revision = get_object_or_404(article.revisions, version=version)
        diff = [
            (name, list(text_diff(getattr(revision, name), getattr(article, name))))
            for name in Revision.CONTENT_FIELDS
            if getattr(revision, name) != getattr(article, name)
        ]
        context = self._revision_context(
            request,
            article,
            title=f"Version {revision.version} of “{article}”",
            revision=revision,
            diff=diff,
        )
        return TemplateResponse(request, "admin/articles/article/revision_detail.html", context)

    def restore_view(self, request, object_id, version):
        article = self._viewable_article(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(article.revisions, version=version)
        based_on = request.POST.get("based_on_version", "")
        try:
            services.article_restore(
                article=article,
                revision=revision,
                by=request.user,
                expected_version=int(based_on) if based_on.isdigit() else -1,
            )
        except services.EditConflict:
            self.message_user(
                request,
                "The article changed since you opened this revision; nothing was restored. "
                "Look at the revisions again before restoring.",
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse("admin:articles_article_revisions", args=[article.pk])
            )
        self.log_change(request, article, f"Restored version {revision.version}.")
        self.message_user(
            request,
            f"Version {revision.version} restored; it is now version {article.version}.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def save_formset(self, request, form, formset, change):
        if formset.model is not Mention:
            return super().save_formset(request, form, formset, change)
        for mention_form in formset.forms:
            mention = mention_form.instance
            if mention_form in formset.deleted_forms or not mention_form.has_changed():
                continue
            if "state" in mention_form.changed_data or mention.pk is None:
                if mention.pk is None and mention.state == Mention.State.SUGGESTED:
                    # An entity an editor adds by hand is a decision, not a guess.
                    mention.state = Mention.State.CONFIRMED
                mention.decided_by = request.user
                mention.decided_at = timezone.now()
        formset.save()
        for mention_form in formset.forms:
            if mention_form.cleaned_data.get("add_alias") and mention_form.instance.pk:
                linking.teach_alias(mention_form.instance)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The save already linked the article; decisions made in the panel just now
        # change which links it gets.
        if any(formset.model is Mention and formset.has_changed() for formset in formsets):
            linking.link_article(form.instance)

    @admin.display(description="Entities", ordering="mention_count")
    def mention_count(self, obj):
        return obj.mention_count

    @admin.display(description="Preview")
    def lead_image_preview(self, obj):
        if not obj.lead_image:
            return "No image"
        return format_html(
            '<img src="{}" alt="{}" style="max-width:320px;height:auto">',
            obj.lead_image.url,
            obj.lead_image_alt,
        )

    @admin.display(description="Quality flags")
    def quality_flag_list(self, obj):
        if not obj.quality_flags:
            return "None"
        items = format_html_join("", "<li>{}</li>", ((flag,) for flag in obj.quality_flags))
        return format_html("<ul>{}</ul>", items)

    def _apply(self, request, queryset, service, verb):
        done = 0
        for article in queryset:
            try:
                service(article=article, by=request.user)
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
                return
            self.log_change(request, article, f"{verb.capitalize()} from the article list.")
            done += 1
        self.message_user(request, f"{done} article(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Publish selected articles", permissions=("publish",))
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, services.article_publish, "published")

    @admin.action(description="Unpublish selected articles", permissions=("publish",))
    def unpublish_selected(self, request, queryset):
        self._apply(request, queryset, services.article_unpublish, "unpublished")
