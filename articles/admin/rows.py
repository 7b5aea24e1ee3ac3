"""Plain inputs, checkboxes and selects written out in Python, for forms repeated per row.

The entity panel of an article naming 60 entities draws six of them per row; through the
template engine that was half the time to open the change form. Each writes what Django's
own template for it (``django/forms/widgets/``) writes, from the same context.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


def _input(widget):
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', value) if value is not None else "",
        flatatt(widget["attrs"]),
    )


def _select(widget):
    groups = []
    for group_name, choices, _ in widget["optgroups"]:
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((option["value"], flatatt(option["attrs"]), option["label"]) for option in choices),
        )
        if group_name:
            options = format_html('<optgroup label="{}">{}</optgroup>', group_name, options)
        groups.append((options,))
    return format_html(
        '<select name="{}"{}>{}</select>',
        widget["name"],
        flatatt(widget["attrs"]),
        format_html_join("", "{}", groups),
    )


class PlainHTML:
    """Writes the widget with ``writer`` instead of its template."""

    writer = None

    def _render(self, template_name, context, renderer=None):
        return self.writer(context["widget"])


class PlainHidden(PlainHTML, forms.HiddenInput):
    writer = staticmethod(_input)


class PlainCheckbox(PlainHTML, forms.CheckboxInput):
    writer = staticmethod(_input)


class PlainSelect(PlainHTML, forms.Select):
    writer = staticmethod(_select)


PLAIN = {
    forms.HiddenInput: PlainHidden,
    forms.CheckboxInput: PlainCheckbox,
    forms.Select: PlainSelect,
}


def plain_widgets(form):
    """Give ``form``'s hidden inputs, checkboxes and selects the plain writers above."""
    for field in form.fields.values():
        plain = PLAIN.get(type(field.widget))
        if plain is not None:
            # The same widget, attributes and choices: only how it writes itself differs.
            field.widget.__class__ = plain
