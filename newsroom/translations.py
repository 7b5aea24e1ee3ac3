"""Which of the site's translatable strings a language's compiled catalogue lacks.

The strings are found the way ``makemessages`` finds them (templates through Django's
own ``templatize``, Python through its syntax tree), without needing GNU xgettext; the
catalogue read is the compiled one Django uses, so an entry left untranslated, marked
fuzzy or never compiled into the ``.mo`` counts as missing.
"""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.utils.translation import trans_real
from django.utils.translation.template import templatize

SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop"}
PLURAL = {"ngettext", "ngettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
CONTEXT_PLURAL = {"npgettext", "npgettext_lazy"}
CALLS = SINGULAR | PLURAL | CONTEXT | CONTEXT_PLURAL
SKIPPED_DIRS = {".venv", "node_modules", "tests", "migrations", "bench", "static", "locale"}
CALL_START = re.compile(r"\b(?:np|n|p)?gettext\(")


def source_files(root):
    for path in sorted(Path(root).rglob("*")):
        if SKIPPED_DIRS.intersection(path.relative_to(root).parts[:-1]) or not path.is_file():
            continue
        if path.suffix in {".py", ".html", ".txt", ".xml"}:
            yield path


def messages_in_python(code):
    """(context, msgid) for every literal passed to a gettext function in ``code``."""
    for node in ast.walk(ast.parse(code)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        if name not in CALLS:
            continue
        texts = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        context = texts.pop(0) if name in CONTEXT | CONTEXT_PLURAL else None
        if texts and isinstance(texts[0], str):
            yield context, texts[0]


def messages_in_template(text):
    """What ``{% translate %}`` and ``{% blocktranslate %}`` in a template ask for."""
    code = templatize(text)
    for match in CALL_START.finditer(code):
        # The call ends at the first closing parenthesis after which it parses.
        for end in (m.end() for m in re.finditer(r"\)", code[match.start() :])):
            try:
                yield from messages_in_python(code[match.start() : match.start() + end])
            except SyntaxError:
                continue
            break


def messages_in_project(root=None):
    root = Path(root or settings.BASE_DIR)
    found = set()
    for path in source_files(root):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            found.update(messages_in_python(text))
        elif "translate" in text or "trans " in text:
            found.update(messages_in_template(text))
    return found


def catalogue(language):
    """Every message the language translates: ours and Django's own (the admin's "Home")."""
    keys = trans_real.translation(language)._catalog.keys()
    return {key[0] if isinstance(key, tuple) else key for key in keys}


def missing_translations(language, messages=None, exceptions=()):
    """The messages (by default every one the project asks for), sorted, that the
    language's catalogue does not translate, but for ``exceptions``."""
    known = catalogue(language)
    keys = (
        msgid if context is None else f"{context}\x04{msgid}"
        for context, msgid in (messages_in_project() if messages is None else messages)
    )
    return sorted(key for key in keys if key not in known and key not in exceptions)
