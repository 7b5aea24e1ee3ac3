"""Every string readers and editors see has its Russian and Kazakh translation."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from newsroom.translations import (
    messages_in_project,
    messages_in_python,
    messages_in_template,
    missing_translations,
)

# Messages that stay as they are in every language (proper names, say), each with why.
# None so far: add here rather than leave a .po entry untranslated.
UNTRANSLATED = frozenset()


class MissingTranslationTests:
    @pytest.mark.parametrize("language", ["ru", "kk"])
    def test_every_message_has_a_translation(self, language):
        assert missing_translations(language, exceptions=UNTRANSLATED) == []

    def test_the_command_says_so(self):
        out = StringIO()
        call_command("check_translations", stdout=out)
        assert "Every message is translated." in out.getvalue()

    def test_a_message_nobody_translated_is_named(self):
        found = set(messages_in_template('{% load i18n %}{% translate "Ink the presses" %}'))
        assert missing_translations("ru", messages=found) == ["Ink the presses"]
        assert missing_translations("ru", messages=found, exceptions={"Ink the presses"}) == []

    def test_the_project_scan_finds_templates_code_and_models(self):
        found = {msgid for _context, msgid in messages_in_project()}
        assert "My drafts" in found  # the admin's dashboard template
        assert "Publish %(count)d article?" in found  # a confirmation's ngettext
        assert "Note for the desk" in found  # a form label
        assert "Error 503" in found  # a public error page


class ExtractionTests:
    def test_blocktranslate_names_its_variables_as_makemessages_does(self):
        template = (
            "{% load i18n %}{% blocktranslate count n=items|length %}{{ n }} flag"
            "{% plural %}{{ n }} flags{% endblocktranslate %}"
            '{% translate "Draft" context "article state" %}'
        )
        assert set(messages_in_template(template)) == {
            (None, "%(n)s flag"),
            ("article state", "Draft"),
        }

    def test_python_calls_with_literals_only(self):
        code = (
            "from django.utils.translation import gettext_lazy as _, ngettext, pgettext\n"
            "a = _('Lead image')\n"
            "b = ngettext('%(count)d article', '%(count)d articles', n)\n"
            "c = pgettext('month', 'May')\n"
            "d = _(name)\n"
        )
        assert set(messages_in_python(code)) == {
            (None, "Lead image"),
            (None, "%(count)d article"),
            ("month", "May"),
        }

    def test_without_our_catalogues_the_command_fails_naming_the_messages(self, settings, tmp_path):
        settings.LOCALE_PATHS = [tmp_path]
        out = StringIO()
        with pytest.raises(CommandError, match="messages have no translation"):
            call_command("check_translations", stdout=out)
        assert "ru: 'My drafts'" in out.getvalue()
        assert "kk: 'My drafts'" in out.getvalue()
