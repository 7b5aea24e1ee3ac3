"""The linker on the corpus of English, Russian and Kazakh articles and its answer key."""

import pytest

from bench.eval_linking import evaluate


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
