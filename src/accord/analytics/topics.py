"""Topics of cooperation and conflict: the domains (energy, transport, trade, defence...) an
event or a document concerns, each with the words that put it there.

The lexicon is data (``data/topics.yaml``: topics, their cue words and the PLOVER contexts that
also bring them). Topics are computed on read from the text already stored (an event's
sentences, a document's body), so the pipeline and the store do not change and a lexicon edit
applies to every existing store at once. Everything here is a pure function over text: the
event glue (finding a mention's sentence) is in ``accord.analytics.dyad``.

Why not PLOVER contexts alone: they carry no evidence, lump trade with transport under
"economic", know nothing of education, culture, agriculture or transport, and add "diplomatic"
or "military" by event type even when the sentence says neither. Contexts still count: a topic
mapped from a context the event carries takes that context's cue words as evidence.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources

from accord import yamlfile
from accord.errors import AccordError
from accord.model import Span

MAX_EXAMPLES = 3  # example evidence per topic in a report
MAX_WORDS = 6  # most frequent evidence words per topic in a report


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    label: str
    cues: tuple[str, ...]  # lower case, as in the file
    contexts: tuple[str, ...] = ()


@dataclass(slots=True)
class TopicHit:
    """One topic of an event or a document, with the words that put it there."""

    topic: str
    label: str
    words: list[Span] = field(default_factory=list)  # evidence, in the coordinates of the text searched
    sentence: str = ""  # the sentence of the first evidence (events; "" for documents)
    via: str = "lexicon"  # "lexicon", or "context:<name>" when only a PLOVER context brought it


@dataclass(slots=True)
class TopicPeriod:
    period: str
    events: int
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TopicExample:
    event_id: str
    when: str | None
    words: list[str]
    sentence: str


@dataclass(slots=True)
class TopicStat:
    """A topic of a relationship: how many counted events concern it, when, and on what words."""

    topic: str
    label: str
    events: int
    documents: int  # distinct documents reporting those events
    periods: list[TopicPeriod]  # periods with such events, in order (quiet periods left out)
    words: list[tuple[str, int]]  # the evidence words most often seen, with counts
    examples: list[TopicExample]
    undated: int = 0  # counted events with the topic but no period
    event_ids: list[str] = field(default_factory=list)


def _cue_part(cue: str) -> str:
    if cue.endswith("*"):
        return re.escape(cue[:-1]) + r"[\w-]*"
    return re.escape(cue) + r"(?:s|es)?"  # plurals: generators, taxes


def _cue_regex(cues: Iterable[str]) -> str:
    parts = [_cue_part(c) for c in sorted({str(c).strip().lower() for c in cues if str(c).strip()},
                                          key=len, reverse=True)]
    # whole words: not inside a longer word or hyphenated compound ("pro-energy" is one word),
    # but a line-broken hyphen ("military- technical") ends the word before it
    return r"(?<!\w)(?<!\w-)(?:" + "|".join(parts) + r")(?!\w|-\w)"


@functools.cache
def topic_lexicon() -> tuple[Topic, ...]:
    """The topics of ``data/topics.yaml``, in file order."""
    path = resources.files("accord") / "data" / "topics.yaml"
    data = yamlfile.safe_load(path.read_text(encoding="utf-8")) or {}
    topics = []
    for key, entry in data.items():
        if not isinstance(entry, dict) or not entry.get("cues"):
            raise AccordError(f"topics.yaml: topic {key!r} needs a 'cues' list (see the file's header)")
        topics.append(Topic(str(key), str(entry.get("label") or key),
                            tuple(str(c).strip().lower() for c in entry["cues"] if str(c).strip()),
                            tuple(str(c) for c in entry.get("contexts") or ())))
    return tuple(topics)


@functools.cache
def _all_cues() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every topic's cues in one pattern, longest first, one named group per cue -> its topic.

    One pass over the text whatever the number of topics; longest first means that at a given
    position the longer cue wins, so a cue inside a longer cue of another topic gives way to it.
    """
    cues = sorted({(cue, t.key) for t in topic_lexicon() for cue in t.cues},
                  key=lambda ct: (-len(ct[0].rstrip("*")), ct[0]))
    groups = {f"c{i}": topic for i, (_, topic) in enumerate(cues)}
    by_first: dict[str, list[str]] = {}  # cues by first letter: a failed letter skips its whole group
    for i, (cue, _) in enumerate(cues):
        by_first.setdefault(cue[0], []).append(f"(?P<c{i}>{_cue_part(cue)})")
    body = "|".join(f"(?={re.escape(first)})(?:{'|'.join(alts)})" for first, alts in sorted(by_first.items()))
    return re.compile(r"(?<!\w)(?<!\w-)(?:" + body + r")(?!\w|-\w)", re.IGNORECASE), groups


@functools.cache
def _context_patterns() -> dict[str, re.Pattern[str]]:
    """Each PLOVER context's cue words (``data/contexts.yaml``) as one pattern."""
    path = resources.files("accord") / "data" / "contexts.yaml"
    data = yamlfile.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): re.compile(_cue_regex(v), re.IGNORECASE) for k, v in data.items() if v}


@functools.cache
def _cue_starts() -> tuple[re.Pattern[str], frozenset[str]] | None:
    """Where a cue can start, to spare ``_all_cues`` a try at every character of a long text.

    A word start whose first letter begins some cue (or any non-ASCII letter, which case
    folding might map to one), and the cues' first three letters (whole cues when shorter): an
    ASCII word start whose letters begin no cue cannot match. None when a cue has non-ASCII
    letters in those three (then every position is tried, as before).
    """
    heads = {cue.rstrip("*")[:3] for t in topic_lexicon() for cue in t.cues}
    if not all(h.isascii() and h for h in heads):
        return None
    firsts = re.escape("".join(sorted({h[0] for h in heads})))
    return re.compile(r"(?<!\w)(?<!\w-)(?:[" + firsts + r"]|[^\x00-\x7f])", re.IGNORECASE), frozenset(heads)


def _cue_matches(text: str) -> Iterator[re.Match[str]]:
    """``_all_cues()[0].finditer(text)``, trying the pattern only where a cue can start."""
    pattern = _all_cues()[0]
    starts = _cue_starts()
    if starts is None:
        yield from pattern.finditer(text)
        return
    where, heads = starts
    end = 0
    for m in where.finditer(text):
        p = m.start()
        if p < end:
            continue  # inside the last match: finditer does not overlap
        w = text[p:p + 3]
        if w.isascii():
            low = w.lower()
            if low not in heads and low[:2] not in heads and low[:1] not in heads:
                continue
        hit = pattern.match(text, p)
        if hit:
            yield hit
            end = hit.end()


def preload() -> None:
    """Compile the lexicon's patterns now rather than at the first search: a server pays for
    them at start-up, not in its first answer."""
    _all_cues()
    _cue_starts()
    _context_patterns()


def find_topics(text: str, contexts: Sequence[str] = (), offset: int = 0) -> list[TopicHit]:
    """The topics ``text`` concerns, with their evidence spans (shifted by ``offset``).

    A cue inside a longer cue of another topic gives way to it ("food security" is agriculture,
    not security). ``contexts`` are the event's PLOVER contexts: a topic mapped from one of them
    also takes that context's cue words as evidence, unless another topic already claims them.
    """
    return [TopicHit(h.topic, h.label, [w.shifted(offset) for w in h.words] if offset else list(h.words),
                     h.sentence, h.via) for h in _topics_of(text, tuple(contexts))]


@functools.lru_cache(maxsize=8192)
def _topics_of(text: str, contexts: tuple[str, ...]) -> tuple[TopicHit, ...]:
    """``find_topics`` at offset 0, kept by text: a sentence is searched once however many events
    quote it (several events per sentence, and wire copies of one story in many outlets). The
    key is the text itself and the lexicon is read once per process, so it cannot go stale;
    callers get copies (``find_topics``)."""
    groups = _all_cues()[1]
    found: dict[str, list[Span]] = {}
    for m in _cue_matches(text):
        found.setdefault(groups[m.lastgroup or ""], []).append(Span(m.start(), m.end(), m.group()))
    claimed = [s for spans in found.values() for s in spans]
    via: dict[str, str] = {}
    if contexts:
        patterns = _context_patterns()
        for topic in topic_lexicon():
            for ctx in topic.contexts:
                if ctx not in contexts or ctx not in patterns or topic.key in found:
                    continue
                spans = [Span(m.start(), m.end(), m.group())
                         for m in patterns[ctx].finditer(text)]
                spans = [s for s in spans if not any(s.overlaps(c) for c in claimed)]
                if spans:
                    found[topic.key], via[topic.key] = spans, f"context:{ctx}"
    hits = []
    for topic in topic_lexicon():
        if topic.key in found:
            hits.append(TopicHit(topic.key, topic.label, found[topic.key], via=via.get(topic.key, "lexicon")))
    return tuple(hits)


def merge_hits(groups: Iterable[tuple[list[TopicHit], str]]) -> list[TopicHit]:
    """One hit per topic from several texts' hits (an event's mentions), each with its sentence."""
    by_topic: dict[str, TopicHit] = {}
    for hits, sentence in groups:
        for hit in hits:
            have = by_topic.get(hit.topic)
            if have is None:
                by_topic[hit.topic] = TopicHit(hit.topic, hit.label, list(hit.words), sentence, hit.via)
            else:
                seen = {(w.start, w.end, w.text) for w in have.words}
                have.words += [w for w in hit.words if (w.start, w.end, w.text) not in seen]
                if have.via != "lexicon" and hit.via == "lexicon":
                    have.via, have.sentence = "lexicon", sentence
    order = {t.key: i for i, t in enumerate(topic_lexicon())}
    return sorted(by_topic.values(), key=lambda h: order.get(h.topic, len(order)))


def text_topics(text: str) -> list[TopicHit]:
    """The topics of a whole text (a document's body, metadata masked): every cue, no contexts."""
    return find_topics(text)


def evidence_words(hit: TopicHit) -> list[str]:
    """The distinct words of a hit, as written, in order of first appearance."""
    return list(dict.fromkeys(" ".join(w.text.split()) for w in hit.words))


def topic_stats(items: Iterable[tuple[str, str | None, str | None, list[str], list[TopicHit]]]) -> list[TopicStat]:
    """A relationship's topics from its counted events.

    ``items`` are (event id, period or None, when, document ids, hits) per event, in date order.
    Topics are ranked by events, then by the lexicon's order.
    """
    stats: dict[str, TopicStat] = {}
    docs: dict[str, set[str]] = {}
    words: dict[str, Counter[str]] = {}
    per: dict[str, dict[str, TopicPeriod]] = {}
    # a hit's distinct words and their lower case, by the words as written: a big pair's hits
    # repeat a few phrasings thousands of times
    seen: dict[tuple[str, ...], tuple[list[str], list[str]]] = {}
    for event_id, period, when, documents, hits in items:
        for hit in hits:
            st = stats.get(hit.topic)
            if st is None:  # a topic's records made once, not at every hit
                st = stats[hit.topic] = TopicStat(hit.topic, hit.label, 0, 0, [], [], [])
                docs[hit.topic], words[hit.topic], per[hit.topic] = set(), Counter(), {}
            st.events += 1
            st.event_ids.append(event_id)
            docs[hit.topic].update(documents)
            written = tuple([w.text for w in hit.words])
            if (known := seen.get(written)) is None:
                said = evidence_words(hit)
                known = seen[written] = (said, [w.lower() for w in said])
            said = known[0]
            words[hit.topic].update(known[1])
            if period is None:
                st.undated += 1
            else:
                periods = per[hit.topic]
                tp = periods.get(period)
                if tp is None:
                    tp = periods[period] = TopicPeriod(period, 0)
                tp.events += 1
                tp.event_ids.append(event_id)
            if len(st.examples) < MAX_EXAMPLES and hit.via == "lexicon":
                st.examples.append(TopicExample(event_id, when, list(said), hit.sentence))
    order = {t.key: i for i, t in enumerate(topic_lexicon())}
    for key, st in stats.items():
        st.documents = len(docs.get(key, ()))
        st.periods = sorted(per.get(key, {}).values(), key=lambda p: p.period)
        st.words = words[key].most_common(MAX_WORDS)
    return sorted(stats.values(), key=lambda s: (-s.events, order.get(s.topic, len(order))))


__all__ = [
    "MAX_EXAMPLES", "Topic", "TopicExample", "TopicHit", "TopicPeriod", "TopicStat", "evidence_words",
    "find_topics", "merge_hits", "preload", "text_topics", "topic_lexicon", "topic_stats",
]
