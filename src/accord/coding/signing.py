"""Signings: whether an event is the signing of an agreement, and what was signed.

One rule, decided once when coding (``Event.signing``) and read by merging, the dyad analytics
and the reports. Its words are data (``data/signing.yaml``). ``agreement_title`` reads the title
from a sentence's words; readers of a store coded before ``Event.signing`` existed call
``is_signing`` and ``agreement_title`` themselves. Nothing here asks the lexicon, so selective
recoding (``accord.recoding``) stays exact: the file is part of the code's fingerprint.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources

from accord import yamlfile
from accord.model import Event, Span

# What ``Event.signing`` holds for a signing whose sentences name no agreement. ``agreement_title``
# never returns a phrase that starts with an article, so this cannot be mistaken for a title.
UNNAMED = "an agreement"

_TOKEN = re.compile(r"[\w][\w'’\-]*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class _Words:
    sign: re.Pattern[str]  # a signing word, with "of" / "off on" after it when there
    agreements: frozenset[str]  # words that name an agreement
    skip: frozenset[str]
    dets: frozenset[str]
    stop: frozenset[str]
    trailing: frozenset[str]
    quotes: frozenset[str]
    breaks: frozenset[str]
    dates: frozenset[str]
    passive: frozenset[str]
    passive_adverbs: frozenset[str]
    max_words: int


@functools.cache
def _words() -> _Words:
    data = yamlfile.safe_load((resources.files("accord") / "data" / "signing.yaml").read_text(encoding="utf-8"))

    def alternatives(items: Iterable[str]) -> str:
        # longest first, so that "off on" is tried before "of"
        return "|".join(r"\s+".join(map(re.escape, str(w).split())) for w in sorted(items, key=len, reverse=True))

    skip = frozenset(map(str, data["skip"]))
    dets = skip | frozenset(map(str, data["determiners"]))
    return _Words(
        sign=re.compile(rf"\b(?:{alternatives(data['words'])})\b(?:\s+(?:{alternatives(data['joined'])}))?",
                        re.IGNORECASE),
        agreements=frozenset(map(str, data["agreements"])), skip=skip, dets=dets, stop=frozenset(map(str, data["stop"])),
        trailing=dets | frozenset(map(str, data["continuing"])) | {"-", "–"},
        quotes=frozenset(map(str, data["quotes"])), breaks=frozenset(map(str, data["breaks"])),
        dates=frozenset(map(str, data["dates"])), passive=frozenset(map(str, data["passive"])),
        passive_adverbs=frozenset(map(str, data["passive_adverbs"])), max_words=int(data["max_words"]),
    )


def is_signing(event: Event) -> bool:
    """Whether the event's trigger or one of its mentions has a signing word ("signed", "inked")."""
    sign = _words().sign
    return bool(sign.search(event.trigger.text)) or any(sign.search(m.text) for m in event.mentions)


def signed(event: Event) -> bool:
    """Whether ``event`` is a signing: the coder's decision (``Event.signing``), else, for an
    event stored before the coder made it (no ``sentence``), ``is_signing`` on its words."""
    if event.sentence is not None:
        return event.signing is not None
    return is_signing(event)


def merged_signing(members: Iterable[Event]) -> str | None:
    """``Event.signing`` of one event standing for several (a merged event's representative):
    the first member's title, else ``UNNAMED`` when a member is a signing, else None."""
    found = [e.signing for e in members if e.signing is not None]
    return next((s for s in found if s != UNNAMED), found[0] if found else None)


def agreement_title(text: str) -> str | None:
    """The agreement a signing sentence names: the noun phrase after "signed"/"signing of".

    ``"Kyiv and Baku signed a memorandum on cooperation in the energy sector in Kyiv."`` gives
    ``"memorandum on cooperation in the energy sector"``. Falls back to the subject of a
    passive ("A roadmap was signed") and returns None when the sentence names no agreement.
    Titles without a word naming an agreement (``agreements`` in the data file) are not
    trusted: "signed today" names nothing.
    """
    words = _words()

    def noun_like(word: str) -> bool:
        w = word.lower()
        return w in words.agreements or w.rstrip("s") in words.agreements

    for match in words.sign.finditer(text):
        # a line break ends the phrase: a headline runs into the lede without a full stop
        found = _forward(_TOKEN.findall(text[match.end():].split("\n", 1)[0]), words)
        if not any(noun_like(w) for w in found):
            found = _backward(_TOKEN.findall(text[:match.start()].rsplit("\n", 1)[-1]), words, noun_like)
        if found and any(noun_like(w) for w in found):
            return _join(found)
    return None


def _forward(tokens: list[str], words: _Words) -> list[str]:
    """The noun phrase at the start of ``tokens`` (the words after "signed")."""
    out: list[str] = []
    i = 0
    while i < len(tokens) and tokens[i].lower() in words.skip | words.quotes:
        i += 1
    while i < len(tokens) and len(out) < words.max_words:
        tok, low = tokens[i], tokens[i].lower()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok in words.quotes:
            i += 1
            continue
        if tok in words.breaks or low in words.stop:
            break
        if low == "on" and (nxt.lower() in words.dates or nxt[:1].isdigit()):
            break  # "signed a memorandum on June 17": a date, not the topic
        if low == "in" and (nxt[:1].isupper() or nxt[:1].isdigit() or
                            (nxt.lower() == "the" and i + 2 < len(tokens) and tokens[i + 2].lower() == "presence")):
            break  # "in Kyiv", "in 2020", "in the presence of": where or when, not what
        if low == "and" and not nxt[:1].isupper():
            break  # "a memorandum and discussed ...": a new clause, not "Ukraine and Azerbaijan"
        out.append(tok)
        i += 1
    while out and out[-1].lower() in words.trailing:
        out.pop()
    return out


def _backward(tokens: list[str], words: _Words, noun_like: Callable[[str], bool]) -> list[str]:
    """For a passive "X was signed": the phrase from the last agreement noun before the verb."""
    end = len(tokens)
    while end and tokens[end - 1].lower() in words.passive | words.passive_adverbs:
        end -= 1
    if end == len(tokens):
        return []  # not a passive: the words before "signed" are its subject, not the agreement
    head = next((i for i in range(end - 1, -1, -1) if noun_like(tokens[i])), None)
    if head is None:
        return []
    start = head
    while start > 0 and tokens[start - 1] not in words.breaks and tokens[start - 1].lower() not in words.dets | words.stop \
            and tokens[start - 1] not in words.quotes and head - start < 3:
        start -= 1
    return [t for t in tokens[start:end] if t not in words.quotes]


def _join(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return re.sub(r"\s+([’'\-–])\s*|\s*([\-–])\s+", lambda m: m.group(1) or m.group(2), text)


def signing_of(event: Event, sentence_of: Callable[[Span], Span]) -> str | None:
    """``Event.signing``: None when the event is no signing; else the title of what was signed,
    read from the sentence of each mention in turn (``sentence_of``), else ``UNNAMED``."""
    if not is_signing(event):
        return None
    for mention in event.mentions or [event.trigger]:
        if title := agreement_title(sentence_of(mention).text):
            return title
    return UNNAMED
