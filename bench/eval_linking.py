"""Measure how well the linker does what a careful editor would, per language.

Reads the corpus in ``tests/linking/corpus``: scraped-style articles in English, Russian
and Kazakh, a registry in the project's format, and an answer key of how many mentions
of each entity should link in each article. Each article is parsed as the importer
parses it and its title, standfirst and story go through the matcher built as the site
builds it; an exact hit is a link, a suggestion is not.

Each article is read in the language the importer detects in it.

Run as `python bench/eval_linking.py [corpus dir] [-v]`; `-v` lists every article whose
links differ from the key. Recall is the share of the key's links the linker makes;
precision is the share of its links that the key holds.
"""

import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from articles.linking.matcher import AliasEntry, Matcher
from articles.scrape import parse_scrape
from institutions.registry import load_registry
from newsroom.words import is_common_word

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "linking" / "corpus"


@dataclass
class Score:
    expected: int = 0
    made: int = 0
    right: int = 0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.made if self.made else 1.0


def registry_matcher(path: Path) -> Matcher:
    """The matcher over the registry file, its aliases flagged as the importer flags them."""
    registry = load_registry(path)
    entries = []
    for kind, entities in (
        ("institution", registry.institutions),
        ("official", registry.officials),
    ):
        for entity in entities:
            country = getattr(entity, "country", "")
            entries.append(
                AliasEntry(
                    entity.slug, entity.name, "name", kind, is_common_word(entity.name), country
                )
            )
            entries += [
                AliasEntry(
                    entity.slug,
                    alias.name,
                    alias.kind,
                    kind,
                    alias.is_common_word or is_common_word(alias.name),
                    country,
                )
                for alias in entity.aliases
            ]
    return Matcher(entries)


def links(matcher: Matcher, data: bytes) -> Counter:
    """How many mentions of each entity link in the scraped article `data`."""
    article = parse_scrape(data)
    return Counter(
        hit.entity_id
        for text in (article.title, article.dek, article.body)
        for hit in matcher.find(text, article.language)
        if hit.exact
    )


def evaluate(corpus: Path = CORPUS, *, report=None) -> dict[str, Score]:
    """Scores per language (the file name's prefix, "en-01.txt") and "all"."""
    matcher = registry_matcher(corpus / "registry.toml")
    answers = tomllib.loads((corpus / "answers.toml").read_text(encoding="utf-8"))
    scores: dict[str, Score] = defaultdict(Score)
    for path in sorted((corpus / "articles").glob("*.txt")):
        expected = Counter(answers.get(path.stem, {}))
        made = links(matcher, path.read_bytes())
        right = expected & made
        for language in (path.stem.split("-")[0], "all"):
            score = scores[language]
            score.expected += expected.total()
            score.made += made.total()
            score.right += right.total()
        if report and made != expected:
            report(f"{path.name}: missing {dict(expected - made)}, wrong {dict(made - expected)}")
    return dict(scores)


def main() -> None:
    args = [arg for arg in sys.argv[1:] if arg != "-v"]
    corpus = Path(args[0]) if args else CORPUS
    scores = evaluate(corpus, report=print if "-v" in sys.argv else None)
    print(f"{'language':<10}{'links':>7}{'made':>7}{'recall':>9}{'precision':>11}")
    # Each language, then all of them together.
    for language, score in sorted(scores.items(), key=lambda item: item[0] == "all"):
        print(
            f"{language:<10}{score.expected:>7}{score.made:>7}"
            f"{score.recall:>9.3f}{score.precision:>11.3f}"
        )


if __name__ == "__main__":
    main()
