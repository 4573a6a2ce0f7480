"""Text normalisation shared by search, duplicate detection and region look-up."""

import re
import unicodedata
from functools import lru_cache

# Umlauts and their transliterations fold to the same letters, so that
# "Türkisch", "Tuerkisch" and "Turkisch" find each other. Both the indexed
# document and the query go through the same function.
_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_LETTERS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ı": "i", "ø": "o", "æ": "a"})
_WORD = re.compile(r"\w+")


class _Marks(dict):
    """``str.translate`` table that drops combining marks, filled as characters are first seen
    (the whole of Unicode would be a million entries)."""

    def __missing__(self, char: int) -> int | None:
        self[char] = None if unicodedata.combining(chr(char)) else char
        return self[char]


_MARKS = _Marks()


def fold(text: str) -> str:
    """Lower-case ``text``, fold umlauts, transliterations and other diacritics."""
    text = unicodedata.normalize("NFC", text or "").lower().translate(_LETTERS)
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_MARKS)


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The folded words of ``text``; punctuation and operators are dropped."""
    return tuple(_WORD.findall(fold(text)))


@lru_cache(maxsize=65536)
def _trigrams(word: str) -> frozenset[str]:
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def word_similarity(query: str, target: str) -> float:
    """How well ``query`` matches some run of words in ``target``, from 0 to 1.

    An approximation of PostgreSQL's ``pg_trgm.word_similarity`` computed over
    whole words (the trigram Jaccard index of the query and the best run of
    consecutive target words), so that the embedded SQLite default tolerates
    the same typos; PostgreSQL may score partial words a little higher.
    """
    query_words, target_words = words(query), words(target)
    if not query_words or not target_words:
        return 0.0
    wanted = set().union(*(_trigrams(w) for w in query_words))
    best = 0.0
    span = len(query_words)
    for start in range(len(target_words)):
        for end in range(start + 1, min(start + span + 1, len(target_words)) + 1):
            have = set().union(*(_trigrams(w) for w in target_words[start:end]))
            shared = len(wanted & have)
            best = max(best, shared / len(wanted | have) if shared else 0.0)
            if end - start >= span:
                break
    return best


def similarity(left: str, right: str) -> float:
    """Trigram similarity of two texts, from 0 to 1, as PostgreSQL's ``pg_trgm.similarity``:
    shared trigrams of the folded words over all trigrams of either."""
    left_trigrams, right_trigrams = _text_trigrams(left), _text_trigrams(right)
    if not left_trigrams or not right_trigrams:
        return 0.0
    shared = len(left_trigrams & right_trigrams)
    return shared / (len(left_trigrams) + len(right_trigrams) - shared)


def trigram_count(text: str) -> int:
    """How many distinct trigrams ``similarity`` sees in ``text``."""
    return len(_text_trigrams(text))


@lru_cache(maxsize=65536)
def _text_trigrams(text: str) -> frozenset[str]:
    # SQLite calls ``similarity`` once per row with the same stored names again and again.
    return frozenset().union(*(_trigrams(w) for w in words(text)))
