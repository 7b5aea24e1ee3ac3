"""The article change form: who may publish, and the refusal of a stale edit."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services
from ..models import Article
from .conflicts import conflict_rows, take_theirs


def conflict_message(conflict):
    """What an editor reads when someone else saved the article first."""
    current = conflict.current
    who = conflict.changed_by or _("someone else")
    when = date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
    latest = reverse("admin:articles_article_change", args=[current.pk])
    revisions = reverse("admin:articles_article_revisions", args=[current.pk])
    return format_html(
        _(
            "This article was changed by {who} at {when} while you were editing. Your "
            "changes were not saved yet: below, for each field that differs, keep yours or "
            'take theirs, then save again. <a href="{latest}" target="_blank" '
            'rel="noopener">Open the latest version in a new tab</a> or <a '
            'href="{revisions}" target="_blank" rel="noopener">compare the revisions</a>.'
        ),
        who=who,
        when=when,
        latest=latest,
        revisions=revisions,
    )


# Whether readers see an article is an editor's decision.
EDITORS_STATES = (Article.Status.PUBLISHED, Article.Status.UNPUBLISHED)


class ArticleAdminForm(forms.ModelForm):
    source_url = forms.URLField(
        label=gettext_lazy("Source URL"), max_length=500, required=False, assume_scheme="https"
    )
    # The version the editor started from; a save based on an older one is refused.
    based_on_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    review_note = forms.CharField(
        label=gettext_lazy("Note for the desk"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Goes with the article when a reporter puts it in review (for the editors) or "
            "an editor sends it back to draft (for the reporter); both see it on their "
            "dashboard."
        ),
    )

    class Meta:
        model = Article
        fields = [field.name for field in Article.editable_fields()] + ["authors"]
        # The Markdown stays in this textarea, which editor.js turns into an editor.
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "data-markdown-editor": ""})}

    class Media:
        css = {"all": ["vendor/easymde/easymde.min.css", "admin/writing.css"]}
        js = ["vendor/easymde/easymde.min.js", "admin/editor.js", "admin/desk.js"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.conflict = None
        self.fields["based_on_version"].initial = self.instance.version
        published_at = self.fields.get("published_at")
        if published_at is not None and hasattr(published_at.widget, "widgets"):
            # The admin labels the pair once; each box needs its own name for a screen reader.
            names = (_("Publication date"), _("Publication time"))
            for box, name in zip(published_at.widget.widgets, names, strict=True):
                box.attrs["aria-label"] = name
        status = self.fields.get("status")
        if status is not None and user is not None and not services.can_publish(user):
            status.choices = [
                choice for choice in status.choices if choice[0] not in EDITORS_STATES
            ]
            status.help_text = _("An editor publishes the article once it is in review.")
        elif status is not None and self.instance.is_scheduled:
            # A scheduled article is not out yet: the form says when it will be.
            status.choices = [
                (value, self.instance.state_label if value == Article.Status.PUBLISHED else text)
                for value, text in status.choices
            ]

    def clean_status(self):
        status = self.cleaned_data["status"]
        was_published = self.instance.pk and self.instance.status == Article.Status.PUBLISHED
        changes_publication = (status == Article.Status.PUBLISHED) != bool(was_published)
        if changes_publication and self.user is not None and not services.can_publish(self.user):
            raise forms.ValidationError(_("Only an editor can publish or unpublish an article."))
        return status

    def clean_published_at(self):
        # The form shows whole seconds: the time an editor left alone is no change.
        value = self.cleaned_data["published_at"]
        stored = self.instance.published_at
        if value and stored and value == stored.replace(microsecond=0):
            return stored
        return value

    def clean(self):
        cleaned = super().clean()
        # Browsers send a text box's line breaks as CRLF; the text keeps them as stored.
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Textarea) and isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].replace("\r\n", "\n")
        returned = (
            self.instance.status == Article.Status.REVIEW
            and cleaned.get("status") == Article.Status.DRAFT
        )
        if returned and not cleaned.get("review_note", "").strip():
            self.add_error(
                "review_note", _("Tell the reporter what to change before returning the article.")
            )
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
                # The next save is based on what the editor now sees side by side.
                self.conflict = conflict
                self.data = self.data.copy()
                self.data["based_on_version"] = str(conflict.current.version)
                raise forms.ValidationError(conflict_message(conflict), code="conflict") from None
            take_theirs(self, cleaned)
        return cleaned

    def conflict_rows(self):
        return conflict_rows(self) if self.conflict else []
