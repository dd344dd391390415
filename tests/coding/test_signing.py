"""coding.signing: one signing rule (words in data/signing.yaml) and the title of what was signed,
decided once when coding (``Event.signing``)."""

from __future__ import annotations

import pytest

from accord.coding.signing import UNNAMED, agreement_title, is_signing, signing_of
from accord.model import Event, Span


def _event(*texts: str) -> Event:
    mentions = [Span(0, len(t), t) for t in texts]
    return Event(type="SUPPORT", doc_id="d", mentions=mentions, trigger=mentions[0])


@pytest.mark.parametrize("text", [
    "Kyiv and Baku signed a memorandum", "the signing of a treaty", "Parliament ratified the deal",
    "the ratification of the pact", "they inked a deal", "a co-signed statement", "cosigned the letter",
])
def test_signing_words(text):
    assert is_signing(_event(text))


@pytest.mark.parametrize("text", ["a sign of goodwill?", "signature", "the signal", "they met"])
def test_not_signing(text):
    # "sign" alone is a signing word, as in both rules before (merging and the dyad); others are not
    assert is_signing(_event(text)) == (text == "a sign of goodwill?")


def test_any_mention_makes_a_signing():
    assert is_signing(_event("talks", "the leaders signed"))


def test_the_title_comes_from_the_sentence_of_each_mention_in_turn():
    sentences = {0: Span(0, 60, "The leaders met in Kyiv."),
                 1: Span(0, 80, "Kyiv and Baku signed a memorandum on cooperation in the energy sector in Kyiv.")}
    first = Span(0, 10, "signed it")
    ev = Event(type="SUPPORT", doc_id="d", mentions=[first, Span(1, 11, "signed a memo")], trigger=first)
    by_start = {first.start: sentences[0], 1: sentences[1]}
    assert signing_of(ev, lambda m: by_start[m.start]) == "memorandum on cooperation in the energy sector"


def test_a_signing_that_names_nothing_is_unnamed_and_unnamed_is_no_title():
    ev = _event("signed today")
    assert signing_of(ev, lambda m: m) == UNNAMED
    assert agreement_title("They signed an agreement.") == "agreement"  # a title is never "an ..."
    assert not UNNAMED.startswith("agreement")


def test_no_signing_is_none():
    assert signing_of(_event("they met"), lambda m: m) is None


def test_signed_is_the_coders_decision_else_the_words():
    from accord.coding.signing import signed

    ev = _event("the leaders signed")
    assert signed(ev)  # no sentence: stored before the coder decided, so read from the words
    ev.sentence = Span(0, 18, "the leaders signed")
    assert not signed(ev)  # the coder decided: no signing
    ev.signing = UNNAMED
    assert signed(ev)


def test_a_merged_event_takes_the_first_title_of_its_members():
    from accord.coding.signing import merged_signing

    a, b, c = _event("met"), _event("signed it"), _event("signed a treaty")
    b.signing, c.signing = UNNAMED, "treaty"
    assert merged_signing([a, b, c]) == "treaty"
    assert merged_signing([a, b]) == UNNAMED
    assert merged_signing([a]) is None
