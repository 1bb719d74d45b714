"""Common grams: which pairs of a phrase become one term, and the guard that a change of the
common words names a new index field."""

from __future__ import annotations

import hashlib

from vindplaats.engine.analysis import stems_with_positions
from vindplaats.engine.common_words import COMMON_STEMS, GRAMS_VERSION, phrase_grams

# COMMON_STEMS as of GRAMS_VERSION 1. An index holds the grams of the list it was built with;
# a new list needs a new GRAMS_VERSION (a new field: older indexes are refused and rebuilt).
VERSION_1 = "d69aa3e3"


def test_a_changed_list_of_common_words_needs_a_new_grams_version() -> None:
    digest = hashlib.sha256(" ".join(COMMON_STEMS).encode()).hexdigest()[:8]
    assert (GRAMS_VERSION, digest) == (1, VERSION_1), (
        "the common words changed: raise GRAMS_VERSION and record the new digest here"
    )


def test_pairs_with_a_common_word_are_grams_at_the_first_position() -> None:
    assert phrase_grams(stems_with_positions("de gemeente")) == [(0, "de_meen")]
    assert phrase_grams(stems_with_positions("motie van de raad")) == [
        (0, "motie_van"),
        (1, "van_de"),
        (2, "de_raad"),
    ]
    assert phrase_grams(stems_with_positions("sociale huurwoningen")) == []  # no common word


def test_no_gram_over_a_gap() -> None:
    assert phrase_grams([(0, "de"), (2, "meen")]) == []
