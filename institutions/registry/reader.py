"""Reading the registry file: TOML in, checked records out.

Every problem in the file is collected before anything is returned, so an editor
sees them all at once and a bad file yields no records at all.
"""

import re
import tomllib
from datetime import date
from pathlib import Path

from .records import (
    ALIAS_KINDS,
    CLASSIFICATIONS,
    Alias,
    Appointment,
    Institution,
    Official,
    Registry,
)

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")

# The name and summary as pages in Russian and Kazakh show them.
_LOCALIZED_KEYS = ("name_ru", "name_kk", "summary_ru", "summary_kk")
_INSTITUTION_KEYS = frozenset(
    {
        "slug",
        "name",
        "classification",
        "parent",
        "superseded_by",
        "city",
        "country",
        "founded",
        "dissolved",
        "summary",
        "wikidata",
        "aliases",
        "posts",
        *_LOCALIZED_KEYS,
    }
)
_OFFICIAL_KEYS = frozenset(
    {
        "slug",
        "name",
        "given_name",
        "family_name",
        "summary",
        "wikidata",
        "aliases",
        "appointments",
        *_LOCALIZED_KEYS,
    }
)
_ALIAS_KEYS = frozenset({"name", "kind", "language", "is_common_word"})
_APPOINTMENT_KEYS = frozenset({"institution", "post", "start", "end"})


class RegistryError(ValueError):
    """The registry file is wrong; the message lists every problem, one per line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


def load_registry(path: str | Path) -> Registry:
    """Read and check the registry at ``path``; raise ``RegistryError`` on any mistake."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError([f"{path.name}: cannot be read ({exc})"]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError([f"{path.name}: not valid TOML ({exc})"]) from exc
    return read_registry(data, path.name)


def read_registry(data: dict, source: str) -> Registry:
    """Check ``data``, shaped as the file's TOML reads, and return its records; raise
    ``RegistryError`` naming ``source`` on any mistake. For registries that arrive in
    another format (Popolo) but must pass the same checks."""
    return _Reader(source).read(data)


class _Reader:
    """Builds the records while collecting every problem, so an editor fixes them in one go."""

    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.filename}: {where}: {message}")

    def read(self, data: dict) -> Registry:
        for key in sorted(data.keys() - {"institution", "official"}):
            self.problems.append(
                f'{self.filename}: unknown section "{key}" (use [[institution]] or [[official]])'
            )
        institutions = [
            self.institution(entry, n) for n, entry in enumerate(self.tables(data, "institution"))
        ]
        officials = [
            self.official(entry, n) for n, entry in enumerate(self.tables(data, "official"))
        ]
        institutions = [i for i in institutions if i is not None]
        officials = [o for o in officials if o is not None]
        self.check_slugs_unique([*institutions, *officials])
        by_slug = {i.slug: i for i in institutions}
        for institution in institutions:
            self.check_links(institution, by_slug)
        for official in officials:
            self.check_appointments(official, by_slug)
        if self.problems:
            raise RegistryError(self.problems)
        return Registry(institutions=_parents_first(institutions), officials=tuple(officials))

    def tables(self, data: dict, section: str) -> list[dict]:
        entries = data.get(section, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            self.problems.append(f'{self.filename}: "{section}" must be written as [[{section}]]')
            return []
        return entries

    # --- one entry ---------------------------------------------------------

    def entry_label(self, kind: str, entry: dict, number: int) -> str:
        slug = entry.get("slug")
        return f'{kind} "{slug}"' if isinstance(slug, str) and slug else f"{kind} #{number + 1}"

    def common(self, where: str, entry: dict, allowed: frozenset) -> dict | None:
        """Check the keys every entry shares; None when the entry cannot be built."""
        for key in sorted(entry.keys() - allowed):
            self.problem(where, f'unknown key "{key}"')
        ok = True
        for key in ("slug", "name"):
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                self.problem(where, f'missing "{key}"')
                ok = False
        slug = entry.get("slug")
        if isinstance(slug, str) and slug and not _SLUG.match(slug):
            self.problem(where, f'slug "{slug}" must be lowercase words joined by "-"')
        wikidata = self.text(where, entry, "wikidata")
        if wikidata and not _WIKIDATA.match(wikidata):
            self.problem(
                where, f'wikidata "{wikidata}" is not a Wikidata id (Q followed by digits)'
            )
        aliases = self.aliases(where, entry)
        if not ok:
            return None
        return {
            "slug": slug,
            "name": entry["name"].strip(),
            "summary": self.text(where, entry, "summary"),
            **{key: self.text(where, entry, key) for key in _LOCALIZED_KEYS},
            "wikidata": wikidata,
            "aliases": aliases,
        }

    def institution(self, entry: dict, number: int) -> Institution | None:
        where = self.entry_label("institution", entry, number)
        common = self.common(where, entry, _INSTITUTION_KEYS)
        classification = entry.get("classification")
        if classification is None:
            self.problem(where, 'missing "classification"')
        elif classification not in CLASSIFICATIONS:
            self.problem(
                where,
                f'classification "{classification}" is not one of: '
                + ", ".join(sorted(CLASSIFICATIONS)),
            )
        founded = self.date(where, entry, "founded", "founded")
        dissolved = self.date(where, entry, "dissolved", "dissolved")
        if founded and dissolved and dissolved < founded:
            self.problem(where, "dissolved before it was founded")
        posts = self.posts(where, entry)
        fields = {
            key: self.text(where, entry, key)
            for key in ("parent", "superseded_by", "city", "country")
        }
        # Built even with a bad classification, so the appointments that refer to it
        # are checked rather than reported as dangling; the file is rejected anyway.
        if common is None:
            return None
        return Institution(
            **common,
            classification=classification,
            parent=fields["parent"] or None,
            superseded_by=fields["superseded_by"] or None,
            city=fields["city"],
            country=fields["country"],
            founded=founded,
            dissolved=dissolved,
            posts=posts,
        )

    def official(self, entry: dict, number: int) -> Official | None:
        where = self.entry_label("official", entry, number)
        common = self.common(where, entry, _OFFICIAL_KEYS)
        given_name = self.text(where, entry, "given_name")
        family_name = self.text(where, entry, "family_name")
        appointments = tuple(
            appointment
            for item in self.list_of_tables(where, entry, "appointments")
            if (appointment := self.appointment(where, item)) is not None
        )
        if common is None:
            return None
        return Official(
            **common, given_name=given_name, family_name=family_name, appointments=appointments
        )

    # --- fields ------------------------------------------------------------

    def text(self, where: str, table: dict, key: str) -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            self.problem(where, f'"{key}" must be text in quotes')
            return ""
        return value.strip()

    def date(self, where: str, table: dict, key: str, label: str) -> date | None:
        value = table.get(key)
        if value is None or value == "":
            return None
        # TOML's own date literals (start = 2022-02-01) arrive as date objects.
        if type(value) is date:
            return value
        if isinstance(value, str) and _DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(where, f'{label} "{value}" is not a date (YYYY-MM-DD)')
        return None

    def list_of_tables(self, where: str, table: dict, key: str) -> list[dict]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(where, f'"{key}" must be a list of {{...}} tables')
            return []
        return value

    def aliases(self, where: str, entry: dict) -> tuple[Alias, ...]:
        aliases: list[Alias] = []
        seen = {entry["name"].strip().casefold()} if isinstance(entry.get("name"), str) else set()
        for item in self.list_of_tables(where, entry, "aliases"):
            for key in sorted(item.keys() - _ALIAS_KEYS):
                self.problem(where, f'alias has unknown key "{key}"')
            name = self.text(where, item, "name")
            if not name:
                self.problem(where, 'alias without a "name"')
                continue
            kind = item.get("kind", "name")
            if kind not in ALIAS_KINDS:
                self.problem(
                    where,
                    f'alias "{name}": kind "{kind}" is not one of: '
                    + ", ".join(sorted(ALIAS_KINDS)),
                )
                continue
            language = self.text(where, item, "language")
            if language and not _LANGUAGE.match(language):
                self.problem(where, f'alias "{name}": language "{language}" is not a tag like "ru"')
            if name.casefold() in seen:
                self.problem(where, f'alias "{name}" repeats the name or another alias')
                continue
            common = item.get("is_common_word", False)
            if not isinstance(common, bool):
                self.problem(where, f'alias "{name}": "is_common_word" must be true or false')
            seen.add(name.casefold())
            aliases.append(
                Alias(name=name, kind=kind, language=language, is_common_word=common is True)
            )
        return tuple(aliases)

    def posts(self, where: str, entry: dict) -> tuple[str, ...]:
        value = entry.get("posts", [])
        if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
            self.problem(where, '"posts" must be a list of post names, e.g. ["Chairman"]')
            return ()
        posts = tuple(p.strip() for p in value)
        if len({p.casefold() for p in posts}) < len(posts):
            self.problem(where, "a post is listed twice")
        return posts

    def appointment(self, where: str, item: dict) -> Appointment | None:
        for key in sorted(item.keys() - _APPOINTMENT_KEYS):
            self.problem(where, f'appointment has unknown key "{key}"')
        institution = self.text(where, item, "institution")
        post = self.text(where, item, "post")
        start = self.date(where, item, "start", "appointment start")
        end = self.date(where, item, "end", "appointment end")
        if not institution or not post:
            self.problem(where, 'appointment needs an "institution" and a "post"')
            return None
        if start and end and end < start:
            self.problem(where, f"appointment as {post} ends before it starts")
        return Appointment(institution=institution, post=post, start=start, end=end)

    # --- across entries ----------------------------------------------------

    def check_slugs_unique(self, entries) -> None:
        seen: set[str] = set()
        for entry in entries:
            if entry.slug in seen:
                kind = "institution" if isinstance(entry, Institution) else "official"
                self.problem(f'{kind} "{entry.slug}"', "slug is used by another entry")
            seen.add(entry.slug)

    def check_links(self, institution: Institution, by_slug: dict) -> None:
        where = f'institution "{institution.slug}"'
        for key in ("parent", "superseded_by"):
            target = getattr(institution, key)
            if target is None:
                continue
            if target == institution.slug:
                self.problem(where, f"{key} is the institution itself")
            elif target not in by_slug:
                self.problem(where, f'{key} "{target}" is not an institution in the registry')
        seen, parent = {institution.slug}, institution.parent
        while parent in by_slug:
            if parent in seen:
                self.problem(where, "parents form a loop")
                break
            seen.add(parent)
            parent = by_slug[parent].parent

    def check_appointments(self, official: Official, by_slug: dict) -> None:
        where = f'official "{official.slug}"'
        for appointment in official.appointments:
            institution = by_slug.get(appointment.institution)
            if institution is None:
                self.problem(
                    where,
                    f'appointment at "{appointment.institution}", '
                    "which is not an institution in the registry",
                )
            elif appointment.post not in institution.posts:
                listed = ", ".join(f'"{p}"' for p in institution.posts) or "none"
                self.problem(
                    where,
                    f'appointment as "{appointment.post}" at "{institution.slug}", '
                    f"which lists the posts: {listed}",
                )


def _parents_first(institutions: list[Institution]) -> tuple[Institution, ...]:
    ordered: list[Institution] = []
    placed: set[str] = set()
    pending = list(institutions)
    while pending:
        ready = [i for i in pending if i.parent is None or i.parent in placed]
        ordered.extend(ready)
        placed.update(i.slug for i in ready)
        pending = [i for i in pending if i.slug not in placed]
    return tuple(ordered)
