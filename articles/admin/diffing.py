"""Comparing two revisions as an editor reads them: word by word, side by side, under the
form's own field labels, with the entity links each version had."""

import difflib
import re
from dataclasses import dataclass

from django.utils.text import capfirst

from .. import services
from ..models import Article, Mention, Revision
from .forms import ArticleAdminForm

WORDS = re.compile(r"\s+|[^\s]+")
# An unchanged stretch longer than this shows only its ends, with an ellipsis between.
LONG_SAME = 400
SAME_END = 150

MENTION_STATES = dict(Mention.State.choices)


@dataclass
class FieldDiff:
    label: str
    old: list  # (kind, text) pieces: "same" or "removed"
    new: list  # (kind, text) pieces: "same" or "added"


@dataclass
class LinkChange:
    change: str  # added, removed, confirmed, rejected, changed
    name: str
    before: str
    after: str


def label(name):
    """A field's label as the change form shows it ("dek" is "Standfirst")."""
    field = ArticleAdminForm.base_fields.get(name)
    if field is not None and field.label:
        return capfirst(field.label)
    return capfirst(Article._meta.get_field(name).verbose_name)


def _shorten(text):
    if len(text) <= LONG_SAME:
        return text
    return f"{text[:SAME_END]} … {text[-SAME_END:]}"


def word_diff(old, new):
    """``old`` and ``new`` cut into pieces: what both share, what left ``old`` (removed)
    and what came in ``new`` (added), word by word."""
    before, after = WORDS.findall(old), WORDS.findall(new)
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            same = _shorten("".join(before[i1:i2]))
            left.append(("same", same))
            right.append(("same", same))
            continue
        if i2 > i1:
            left.append(("removed", "".join(before[i1:i2])))
        if j2 > j1:
            right.append(("added", "".join(after[j1:j2])))
    return left, right


def readable(article, field):
    """A field's value as the form shows it: choices by their label, none as empty."""
    if field.choices:
        return str(getattr(article, f"get_{field.name}_display")() or "")
    return field.value_to_string(article) or ""


def content_diff(old, new):
    """A ``FieldDiff`` for each field that differs from revision ``old`` to ``new``."""
    diffs = []
    for field in Article.editable_fields():
        before, after = readable(old.saved, field), readable(new.saved, field)
        if before != after:
            diffs.append(FieldDiff(label(field.name), *word_diff(before, after)))
    return diffs


def _link_change(before, after):
    if before is None:
        return "added"
    if after is None:
        return "removed"
    if before["state"] == after["state"]:
        return None
    if after["state"] == Mention.State.CONFIRMED:
        return "confirmed"
    if after["state"] == Mention.State.REJECTED:
        return "rejected"
    return "changed"


def links_diff(old, new):
    """How the entity links changed from revision ``old`` to ``new``, by entity name."""
    changes = []
    for entity in set(old.links) | set(new.links):
        before, after = old.links.get(entity), new.links.get(entity)
        change = _link_change(before, after)
        if change is not None:
            changes.append(
                LinkChange(
                    change,
                    (after or before)["name"],
                    MENTION_STATES.get(before["state"], "") if before else "",
                    MENTION_STATES.get(after["state"], "") if after else "",
                )
            )
    return sorted(changes, key=lambda change: (change.name, change.change))


def compare(old, new):
    """What changed from revision ``old`` to ``new``: the fields, then the links."""
    return {"fields": content_diff(old, new), "links": links_diff(old, new)}


def current_revision(article):
    """The article as it stands, read as a revision."""
    revision = Revision.of(article)
    revision.links = services.links_of(article)
    return revision
