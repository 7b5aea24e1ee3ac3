"""The packages depend one way: newsroom (infrastructure) <- media_library <- institutions
<- authors and sections <- articles <- api; alerts sit beside articles.

Read from the source, so an import hidden inside a function counts too. The project's
``urls.py`` and ``settings.py`` mount and name the apps, and are the only exceptions.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Each package, and the packages it must never import.
FORBIDDEN = {
    "newsroom": {
        "media_library",
        "institutions",
        "authors",
        "sections",
        "articles",
        "alerts",
        "api",
        "bench",
        "tests",
    },
    "media_library": {
        "institutions",
        "authors",
        "sections",
        "articles",
        "alerts",
        "api",
        "bench",
        "tests",
    },
    "institutions": {"articles", "authors", "sections", "alerts", "api", "bench", "tests"},
    "authors": {"articles", "sections", "alerts", "api", "bench", "tests"},
    "sections": {"articles", "authors", "alerts", "api", "bench", "tests"},
    "alerts": {"articles", "api", "bench", "tests"},
    "articles": {"alerts", "api", "bench", "tests"},
    "api": {"bench", "tests"},
}
MOUNTING = {ROOT / "newsroom" / "urls.py", ROOT / "newsroom" / "settings.py"}


def imported_packages(path):
    """The top-level package of every module ``path`` imports."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.partition(".")[0]


def modules(package):
    return sorted(p for p in (ROOT / package).rglob("*.py") if p not in MOUNTING)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_packages_import_only_downwards(package):
    wrong = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules(package)
        for name in imported_packages(path)
        if name in FORBIDDEN[package]
    }
    assert not wrong, sorted(wrong)


def test_the_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from articles.models import Article\n")
    assert list(imported_packages(module)) == ["articles"]


PLAIN_PYTHON = [
    "newsroom/text.py",
    "articles/scrape.py",
    "articles/linking/matcher.py",
    "articles/linking/context.py",
    "articles/linking/render.py",
    "api/popolo.py",
]


@pytest.mark.parametrize("module", PLAIN_PYTHON)
def test_text_and_matching_modules_are_plain_python(module):
    assert "django" not in set(imported_packages(ROOT / module))
