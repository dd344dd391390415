"""Topics of cooperation and conflict on hand-written sentences (accord.analytics.topics)."""

from __future__ import annotations

import pytest

from accord.analytics.topics import (
    TopicHit,
    evidence_words,
    find_topics,
    merge_hits,
    topic_lexicon,
    topic_stats,
)
from accord.model import Span


def topics(text: str, contexts: tuple[str, ...] = ()) -> dict[str, list[str]]:
    return {h.topic: evidence_words(h) for h in find_topics(text, contexts)}


def test_lexicon_loads_with_labels_and_known_contexts():
    lex = topic_lexicon()
    keys = [t.key for t in lex]
    for key in ("energy", "transport", "trade", "defence", "security", "humanitarian", "health", "education",
                "culture", "agriculture", "technology", "legal", "territorial"):
        assert key in keys
    assert all(t.label for t in lex)
    assert {c for t in lex for c in t.contexts} <= {"natural_resource", "military", "human_security", "health",
                                                   "cyber", "legal", "territory", "legislative", "migration",
                                                   "environment"}


@pytest.mark.parametrize("text, expected", [
    ("The company shipped 60 generators to restore the power grid.", {"energy": ["generators", "power grid"]}),
    ("Ministers discussed trade turnover and new investments.", {"trade": ["trade turnover", "investments"]}),
    ("The railway corridor will carry transit cargo to the port.",
     {"transport": ["railway", "corridor", "transit", "cargo", "port"]}),
    ("Both states reaffirmed support for the territorial integrity of Georgia.",
     {"territorial": ["territorial integrity"]}),
    ("The ministry will open two schools and fund university scholarships.",
     {"education": ["schools", "university", "scholarships"]}),
    ("Farmers exported grain and agricultural machinery.", {"agriculture": ["Farmers", "grain", "agricultural"],
                                                          "trade": ["exported"]}),
    ("The two presidents met in the capital.", {}),
])
def test_sentences(text, expected):
    assert topics(text) == expected


def test_longer_cue_of_another_topic_wins():
    # "food security" is agriculture, not security; "border crossing" is transport, not territory
    assert topics("They talked about food security.") == {"agriculture": ["food security"]}
    assert topics("A new border crossing opened.") == {"transport": ["border crossing"]}
    # two topics side by side both count
    assert set(topics("Energy security was on the agenda.")) == {"energy", "security"}


def test_whole_words_only():
    assert topics("The think tank said the importance of the talks was great.") == {}
    assert topics("Great powers met.") == {}
    # a line-broken hyphen still ends the word
    assert topics("They discussed military- technical cooperation.") == {"defence": ["military"]}


def test_evidence_spans_are_in_the_given_coordinates():
    text = "He praised the humanitarian aid."
    (hit,) = find_topics(text, offset=100)
    assert hit.topic == "humanitarian"
    (word,) = hit.words
    assert (word.start - 100, word.end - 100) == (text.index("humanitarian aid"), text.index("humanitarian aid") + 16)


def test_context_brings_its_topic_with_the_context_words():
    # "duma" is a cue of the legislative context (contexts.yaml), not of the topic lexicon
    assert topics("The Duma approved the bill.") == {}
    hits = find_topics("The Duma approved the bill.", ("legislative",))
    assert [(h.topic, evidence_words(h), h.via) for h in hits] == [("parliamentary", ["Duma"], "context:legislative")]
    # a context cue already claimed by another topic is not evidence twice
    assert topics("They spoke of security.", ("military",)) == {"security": ["security"]}
    # no words of the context in the sentence: no topic (a type default is no evidence)
    assert topics("The two presidents met.", ("military",)) == {}


def test_merge_hits_keeps_one_hit_per_topic_with_its_sentence():
    a = TopicHit("energy", "Energy", [Span(0, 3, "oil")])
    b = TopicHit("energy", "Energy", [Span(10, 13, "gas"), Span(0, 3, "oil")])
    (merged,) = merge_hits([([a], "Oil first."), ([b], "Then gas.")])
    assert evidence_words(merged) == ["oil", "gas"]
    assert merged.sentence == "Oil first."


def test_topic_stats_by_period():
    energy = TopicHit("energy", "Energy", [Span(0, 10, "generators")], "Sent generators.")
    trade = TopicHit("trade", "Trade and investment", [Span(0, 5, "trade")], "More trade.")
    stats = topic_stats([
        ("e1", "2024-01", "2024-01-05", ["d1"], [energy]),
        ("e2", "2024-03", "2024-03-02", ["d2"], [energy, trade]),
        ("e3", None, None, ["d2"], [energy]),
    ])
    assert [s.topic for s in stats] == ["energy", "trade"]
    e = stats[0]
    assert (e.events, e.documents, e.undated) == (3, 2, 1)
    assert [(p.period, p.events) for p in e.periods] == [("2024-01", 1), ("2024-03", 1)]
    assert e.words == [("generators", 3)]
    assert e.examples[0].event_id == "e1" and e.examples[0].sentence == "Sent generators."


def test_cue_search_finds_what_the_full_pattern_finds():
    """``_cue_matches`` only tries the cue pattern where a cue can start: same matches, in order,
    including upper case, hyphens, plurals and letters that case folding maps to ASCII ones."""
    import random

    from accord.analytics.topics import _all_cues, _cue_matches, topic_lexicon

    pattern = _all_cues()[0]
    cues = [c.rstrip("*") for t in topic_lexicon() for c in t.cues]
    rng = random.Random(7)
    texts = ["Kyiv and Baku signed an energy deal; pro-energy talk, gas-pipelines and FOOD SECURITY.",
             "ſanctions \u212aerosene İran trade-offs re-armament", ""]
    for _ in range(500):
        words = [rng.choice(cues) if rng.random() < 0.4 else rng.choice(["the", "Trade", "x", "pro", "s", "es"])
                 for _ in range(rng.randint(1, 10))]
        text = "".join(w + rng.choice([" ", "-", "s ", "es ", "", "ſ", "é", "\n", "ß"]) for w in words)
        texts.append(text.upper() if rng.random() < 0.3 else text)
    for text in texts:
        want = [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]
        assert [(m.start(), m.end(), m.lastgroup) for m in _cue_matches(text)] == want, text
