"""The desk beside an article's change form: autosaved drafts, live previews and share
links. Writes go through these functions; the admin views in ``articles.admin.desk``
only read requests and answer them.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from .models import Draft, ShareLink


def posted_names(form_class):
    """The names a change form posts for the article's own fields (a date and time field
    posts two), files and the version it was based on aside: what an autosave keeps."""
    names = []
    for name, field in form_class.base_fields.items():
        if name == "based_on_version" or isinstance(field, forms.FileField):
            continue
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            names += [name + suffix for suffix in widget.widgets_names]
        else:
            names.append(name)
    return names


def draft_autosave(*, article, user, form_class, data, based_on_version):
    """Keep ``user``'s unsaved form of ``article`` (None: a new article) from ``data``,
    replacing the one kept before."""
    fields = {name: data[name] for name in posted_names(form_class) if name in data}
    draft, _ = Draft.objects.update_or_create(
        article=article,
        user=user,
        defaults={
            "fields": fields,
            "based_on_version": based_on_version,
            "saved_at": timezone.now(),
        },
    )
    return draft


def draft_for(*, article, user):
    """``user``'s autosaved form of ``article``, or None."""
    return Draft.objects.filter(article=article, user=user).first()


def draft_discard(*, article, user):
    Draft.objects.filter(article=article, user=user).delete()


def with_posted_fields(article, form_class, data):
    """``article`` (unsaved) with each field ``data`` gives a valid value for; a field
    being typed that is not valid yet keeps its stored value."""
    for name, field in form_class.base_fields.items():
        if name == "based_on_version" or isinstance(field, forms.FileField):
            continue
        # Relations first: asking an unsaved article for its authors raises.
        if isinstance(field, forms.ModelChoiceField) or not hasattr(article, name):
            continue
        try:
            value = field.clean(field.widget.value_from_datadict(data, {}, name))
        except ValidationError:
            continue
        setattr(article, name, value)
    return article


def share_lifetime(hours):
    """The lifetime an editor chose, from ``ShareLink.LIFETIMES`` only."""
    try:
        hours = int(hours)
    except (TypeError, ValueError):
        hours = None
    if hours not in {choice for choice, _ in ShareLink.LIFETIMES}:
        allowed = ", ".join(str(label) for _hours, label in ShareLink.LIFETIMES)
        raise ValidationError(
            gettext("Choose how long the link works: %(allowed)s.") % {"allowed": allowed}
        )
    return datetime.timedelta(hours=hours)


def share_link_create(*, article, by, hours):
    """A new share link to ``article`` that works for ``hours`` (one of the lifetimes)."""
    if article.is_public:
        raise ValidationError(
            gettext("This article is published: share its public address instead.")
        )
    now = timezone.now()
    return ShareLink.objects.create(
        article=article, created_by=by, created_at=now, expires_at=now + share_lifetime(hours)
    )


@transaction.atomic
def share_link_revoke(*, link, by):
    """Stop ``link`` working now; a link already revoked stays as it was."""
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by = timezone.now(), by
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link
