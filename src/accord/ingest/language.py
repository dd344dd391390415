"""Which language a document is in, offline: py3langid (its model ships inside the package).

Only English is coded today. A document in another language is stored with its language and
reported as not coded; one whose language is unclear (short, mixed, low confidence) is taken as
English, so that English news is never lost to a wrong guess.

>>> detect_language("Der Bundeskanzler traf sich am Montag in Berlin mit dem französischen Präsidenten, "
...                 "um über die Lage in der Ukraine und die Energiepreise zu sprechen.")
'de'
>>> detect_language("Azerbaijan and Ukraine signed a trade deal in Baku on Monday.")
'en'
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

SUPPORTED = frozenset({"en"})
DEFAULT = "en"
_SAMPLE = 3000  # characters looked at: the lead says which language an article is in
_MIN_LETTERS = 80  # fewer letters than this: too short to tell, English
_ENGLISH_SHARE = 0.04  # this share of English marker words: English, whatever the model says
_MIN_PROBABILITY = 0.95  # below it the model is unsure: English
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _markers() -> frozenset[str]:
    text = (Path(__file__).resolve().parents[1] / "data" / "english_markers.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text``; ``"en"`` when short or unclear."""
    sample = text[:_SAMPLE]
    # the lead alone has enough letters for almost every article: the whole sample is counted
    # only when it has not (``map`` over the str methods: a fraction of a generator's time)
    if (sum(map(str.isalpha, sample[:4 * _MIN_LETTERS])) < _MIN_LETTERS
            and sum(map(str.isalpha, sample)) < _MIN_LETTERS):
        return DEFAULT
    words = _WORD.findall(sample.lower())
    if words:
        markers = _markers()
        if sum(map(markers.__contains__, words)) >= _ENGLISH_SHARE * len(words):
            return DEFAULT
    language, probability = _identifier().classify(sample)
    if probability < _MIN_PROBABILITY:
        return DEFAULT
    return str(language)


def supported(language: str) -> bool:
    return language in SUPPORTED


def not_coded_message(language: str) -> str:
    return f"not coded: language {language} is not supported yet (only English is)"
