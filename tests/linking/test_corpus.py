"""The linker on the corpus of English, Russian and Kazakh articles and its answer key,
and how the key's places are scored."""

import pytest

from bench.eval_linking import (
    AnswerKeyError,
    Place,
    evaluate,
    in_context,
    key_places,
    score_article,
)


@pytest.fixture(scope="module")
def scores():
    return evaluate()


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
class CorpusTests:
    def test_recall(self, scores, language):
        assert scores[language].recall >= 0.95

    def test_precision(self, scores, language):
        assert scores[language].precision >= 0.97

    def test_corpus_has_articles_in_the_language(self, scores, language):
        assert scores[language].expected >= 40


TEXT = "Tokayev met A. Tokayev.\n\nLater Tokayev said so."


class ScoringTests:
    def test_a_miss_and_a_false_link_of_one_entity_do_not_cancel_out(self):
        key = key_places(TEXT, {"tokayev": ["[Tokayev] met", "[Tokayev] said"]}, "en-01")
        made = [Place("tokayev", 0, 7), Place("tokayev", 15, 22)]  # "A. Tokayev" is another man
        missed, wrong = score_article(key, made)
        assert [(p.start, p.end) for p in missed] == [(31, 38)]
        assert [(p.start, p.end) for p in wrong] == [(15, 22)]

    def test_a_link_overlapping_the_place_counts(self):
        key = key_places(TEXT, {"tokayev": ["[A. Tokayev]"]}, "en-01")
        assert score_article(key, [Place("tokayev", 15, 22)]) == ([], [])

    def test_a_link_of_another_entity_at_the_place_is_a_miss_and_a_false_link(self):
        key = key_places(TEXT, {"tokayev": ["[Tokayev] met"]}, "en-01")
        missed, wrong = score_article(key, [Place("senate", 0, 7)])
        assert (len(missed), len(wrong)) == (1, 1)

    def test_a_place_written_across_a_line_break_is_found(self):
        (place,) = key_places(TEXT, {"tokayev": ["Tokayev. Later [Tokayev]"]}, "en-01")
        assert TEXT[place.start : place.end] == "Tokayev" and place.start == 31

    def test_a_place_found_twice_names_the_article_and_the_phrase(self):
        with pytest.raises(AnswerKeyError, match=r"en-01: 'Tokayev' \(tokayev\) is 3 times"):
            key_places(TEXT, {"tokayev": ["Tokayev"]}, "en-01")

    def test_a_count_instead_of_places_is_refused(self):
        with pytest.raises(AnswerKeyError, match="give the places"):
            key_places(TEXT, {"tokayev": 2}, "en-01")

    def test_a_miss_is_shown_with_the_words_around_it(self):
        shown = in_context(TEXT, Place("tokayev", 15, 22))
        assert shown == "Tokayev met A. [Tokayev]. Later Tokayev said so."
