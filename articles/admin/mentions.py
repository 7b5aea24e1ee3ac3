"""The article's entity panel and the change list's filter by entity mentioned."""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Exists, OuterRef
from django.forms.utils import flatatt
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from institutions.models import Entity
from newsroom import inputs

from ..models import Mention
from .rows import plain_widgets


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
        plain_widgets(form)

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


class ChosenEntity(forms.Widget):
    """A saved row's entity: its name, its id in a hidden input, and a button with which
    ``entity_rows.js`` swaps in the type-ahead box when the editor wants another entity.

    A type-ahead box per row, each looking up its entity to name it, made an article
    naming 60 entities open in half a second; the row's mention already holds it.
    A choice other than the saved one (sent back with an error) gets the full ``box``.
    """

    def __init__(self, entity, box):
        super().__init__()
        self.entity, self.box = entity, box

    def render(self, name, value, attrs=None, renderer=None):
        if str(value) != str(self.entity.pk):
            return self.box.render(name, value, attrs, renderer)
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<input type="hidden" name="{}" value="{}"{}>'
            '<span class="chosen-entity" data-chosen-entity="{}">{}</span> '
            '<button type="button" class="chosen-entity-change" data-change-entity="{}"'
            ' aria-label="Change the entity “{}”" hidden>Change</button>',
            name,
            value,
            flatatt(attrs),
            attrs.get("id", ""),
            self.entity,
            attrs.get("id", ""),
            self.entity,
        )


class MentionForm(forms.ModelForm):
    add_alias = forms.BooleanField(
        required=False,
        label=_("Add spelling as alias"),
        help_text=_("On confirming, teach the registry this spelling."),
    )

    class Meta:
        model = Mention
        fields = ("entity", "state", "is_about")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entity = self.fields.get("entity")
        if entity is not None and self.instance.pk and self.instance.entity_id:
            entity.widget = ChosenEntity(self.instance.entity, entity.widget)


class MentionInline(admin.TabularInline):
    """The article's entity panel: what the linker found and what editors decided."""

    model = Mention
    form = MentionForm
    formset = MentionFormSet
    extra = 0
    verbose_name = _("entity")
    verbose_name_plural = _("Entities (confirm or reject what the linker found)")
    fields = ("entity", "state", "is_about", "count", "context", "add_alias")
    readonly_fields = ("count", "context")
    autocomplete_fields = ("entity",)
    classes = ("entity-panel",)

    class Media:
        css = {"all": ("admin/newsroom.css",)}
        js = ("admin/entity_rows.js",)

    def get_queryset(self, request):
        # Each row shows its mention's name: "<entity> in <article>".
        return super().get_queryset(request).select_related("entity", "article")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "entity":
            kwargs["form_class"] = PreloadedChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("Where it is mentioned"))
    def context(self, mention):
        sentence, spelling = mention.snippet, mention.matched_text
        if not sentence:
            return _("Not found in the text (added by an editor)")
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
    value_check = staticmethod(inputs.checked_id)

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        field = forms.ModelChoiceField(
            Entity.objects.all(), required=False, widget=entity_autocomplete(model_admin.admin_site)
        )
        # The id ties the box to its label, which review.js gives the type-ahead too.
        self.search_box = field.widget.render(
            self.parameter_name, self.entity_id(), attrs={"id": "entity-filter"}
        )

    def entity_id(self):
        value = self.value()
        if value is None:
            return None
        try:
            return inputs.checked_id(value)
        except inputs.OutOfRange as error:
            raise IncorrectLookupParameters(str(error)) from error

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
