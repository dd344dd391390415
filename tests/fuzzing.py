"""Hypothesis settings and input strategies for the fuzz tests (``test_fuzz_*``).

Two profiles: ``ci`` (the default: each fuzz test runs for a few seconds) and ``long``
(``make fuzz``: over a million generated inputs in all). ``fuzz(n)`` gives a test its share of the
long run; in ``ci`` every test gets ``CI_EXAMPLES``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

CI_EXAMPLES = 60
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
_COMMON = dict(deadline=None, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
settings.register_profile("ci", max_examples=CI_EXAMPLES, **_COMMON)
settings.register_profile("long", max_examples=CI_EXAMPLES, **_COMMON)
settings.load_profile(PROFILE)


# In the long profile each Hypothesis example is a batch of inputs built from one drawn seed:
# Hypothesis's own cost per example (about a millisecond) would otherwise dominate a million
# cheap inputs. In ci each example is one input, from the composite strategies (which shrink well).
BATCH = 25 if PROFILE == "long" else 1
COUNTS: Counter[str] = Counter()  # inputs run per test; conftest prints them after a fuzz run


def fuzz(long_inputs: int, ci_examples: int = CI_EXAMPLES) -> settings:
    """Settings for one fuzz test: ``long_inputs`` inputs in all in the long profile."""
    if os.environ.get("FUZZ_EXAMPLES"):  # one number for every test: hunting a crash in one of them
        return settings(max_examples=int(os.environ["FUZZ_EXAMPLES"]))
    return settings(max_examples=max(1, long_inputs // BATCH) if PROFILE == "long" else ci_examples)


def inputs(build, composite=None) -> st.SearchStrategy[list]:
    """A list of inputs: ``BATCH`` of ``build(random.Random(...))`` from one seed in the long
    profile; in ci one input, from ``composite`` or ``build``."""
    if PROFILE == "long":
        return st.integers(0, 2**62).map(lambda seed: [build(random.Random(seed * 1000 + i)) for i in range(BATCH)])
    return seeded(build, composite).map(lambda x: [x])


def count(name: str, batch: list) -> list:
    COUNTS[name] += len(batch)
    return batch


_EDGE_DATES = (dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30), dt.date(2024, 2, 29))


def r_date(rnd: random.Random) -> dt.date | None:
    k = rnd.random()
    if k < 0.15:
        return None
    if k < 0.35:
        return rnd.choice(_EDGE_DATES)
    if k < 0.7:
        return dt.date.fromordinal(rnd.randint(1, dt.date.max.toordinal()))
    return dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randint(-20_000, 5_000))


# --- text pieces that news, headers and broken files are made of ---------------------------

WORDS = (
    "Azerbaijan Ukraine Russia Georgia Armenia Iran Turkey France Germany China the a of and to in on "
    "said met signed agreement talks minister President Ilham Aliyev Zelensky Putin army troops attacked "
    "accused sanctions aid visit Baku Kyiv Moscow Tbilisi on Monday last week next month yesterday today "
    "he she they it its their not no would could will may has had have been was were by with from for "
    "ceasefire deal UN NATO EU European Union Foreign Ministry spokesperson condemned denied threatened"
).split()
DATES = (
    "2024-05-01", "2025-13-45", "0001-01-01", "9999-12-31", "1999-02-29", "2024-02-29", "June 18",
    "June 18, 2024", "18 June 2024", "Dec. 2", "Monday", "last Monday", "next week", "last year",
    "the 1990s", "the 9990s", "Q3", "the third quarter of 2024", "2024", "9999", "0000", "spring 2025",
    "in 10 days", "three years ago", "10000 years ago", "by Oct. 31", "since 1991", "mid-2026",
    "1 Jan 0001", "31 December 9999", "1712345678", "17123456789012", "20240501", "yesterday",
)
MARKS = (
    " ", " ", " ", "\n", "\n\n", "\r\n", "\t", ".", ",", ";", ":", '"', "'", "\u201c", "\u201d", "(", ")",
    "-", "\u2014", "---\n", " date ", "date: ", "By John Smith\n", "BAKU, Dec 2 (Reuters) - ",
    "(AP) \u2014 ", "WASHINGTON \u2014 ", "\x00", "\ufeff", "\u00a0", "\u200b", "\\", "{", "}", "[", "]",
    "<", ">", "&amp;", "</p>", "<p>", "<div>", "%", "$", "#",
)
PIECES = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(DATES), st.sampled_from(MARKS),
    st.text(max_size=6),  # anything Unicode, surrogates excluded by hypothesis
    st.integers(-10, 100_000).map(str),
)


@st.composite
def news_text(draw, max_pieces: int = 40) -> str:
    """Text that looks like (broken) news: words, dates, datelines, separators, junk."""
    pieces = draw(st.lists(PIECES, max_size=max_pieces))
    return "".join(p if p in MARKS else p + " " for p in pieces)


def dates() -> st.SearchStrategy[dt.date]:
    """Any date, the edges of the calendar included."""
    return st.one_of(st.dates(), st.sampled_from([dt.date.min, dt.date.max, dt.date(1, 1, 2),
                                                  dt.date(9999, 12, 30), dt.date(2024, 2, 29)]))


def json_values(max_leaves: int = 8):
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                        st.text(max_size=20), news_text(10), st.sampled_from(DATES))
    return st.recursive(scalars, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "body", "date", "title", "id", "url", "author", "source", "x", ""]) | st.text(max_size=5),
        kids, max_size=5), max_leaves=max_leaves)


@st.composite
def jsonl_text(draw) -> str:
    """JSONL with good records, other JSON values and broken lines mixed."""
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            lines.append(draw(news_text(15)))  # not JSON
        elif kind == 1:
            lines.append(json.dumps(draw(json_values()), ensure_ascii=draw(st.booleans())))
        else:
            record = {"text": draw(news_text()), "date": draw(st.sampled_from(DATES) | st.text(max_size=12))}
            if draw(st.booleans()):
                record["id"] = draw(st.text(max_size=8) | st.integers().map(str))
            line = json.dumps(record, ensure_ascii=draw(st.booleans()))
            if draw(st.integers(0, 5)) == 0:
                line = line[: draw(st.integers(0, len(line)))]  # truncated
            lines.append(line)
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@st.composite
def csv_text(draw) -> str:
    """A CSV with a header (sometimes without a text column) and rows with quotes, some unbalanced."""
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    header = draw(st.lists(st.sampled_from(["id", "date", "text", "title", "body", "x", ""]), min_size=1, max_size=5))
    rows = [sep.join(header)]
    for _ in range(draw(st.integers(0, 6))):
        cells = []
        for _ in range(draw(st.integers(0, len(header) + 1))):
            cell = draw(news_text(8) | st.sampled_from(DATES) | st.integers(0, 99).map(str))
            quote = draw(st.integers(0, 5))
            if quote == 0:
                cell = '"' + cell.replace('"', '""') + '"'
            elif quote == 1:
                cell = '"' + cell  # left open
            cells.append(cell)
        rows.append(sep.join(cells))
    return "\n".join(rows) + draw(st.sampled_from(["", "\n"]))


@st.composite
def html_text(draw) -> str:
    """Pages: nested tags around news text, deep nesting, broken markup, metadata."""
    inner = draw(news_text())
    for _ in range(draw(st.integers(0, 4))):
        tag = draw(st.sampled_from(["div", "p", "article", "span", "section", "script", "b", "li"]))
        inner = f"<{tag}>{inner}</{tag}>" if draw(st.integers(0, 4)) else f"<{tag}>{inner}"
    depth = draw(st.sampled_from([0, 0, 0, 300, 1000]))
    inner = "<div>" * depth + inner + "</div>" * draw(st.sampled_from([0, depth]))
    meta = draw(st.sampled_from(["", '<meta property="article:published_time" content="2024-05-01">',
                                 '<meta name="date" content="9999-12-31">', "<title>T</title>",
                                 '<meta charset="koi8-r">', '<meta charset="no-such-charset">']))
    return draw(st.sampled_from(["<html><head>{m}</head><body>{b}</body></html>", "{m}{b}", "<!doctype html>{b}"])).format(
        m=meta, b=inner)


@st.composite
def feed_text(draw) -> str:
    items = []
    for _ in range(draw(st.integers(0, 4))):
        title, description = draw(news_text(6)), draw(news_text())
        date = draw(st.sampled_from(DATES) | st.text(max_size=10))
        items.append(f"<item><title>{title}</title><description>{description}</description>"
                     f"<pubDate>{date}</pubDate></item>")
    body = "".join(items)
    return draw(st.sampled_from([
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{b}</channel></rss>',
        '<rss><channel>{b}',
        '<feed xmlns="http://www.w3.org/2005/Atom">{b}</feed>',
    ])).format(b=body)


def encodings() -> st.SearchStrategy[str]:
    return st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252",
                            "latin-1", "koi8-r", "shift_jis"])


@st.composite
def file_bytes(draw) -> bytes:
    """What a file on disk might hold: any format, any encoding, a few corrupted bytes."""
    text = draw(st.one_of(news_text(), jsonl_text(), csv_text(), html_text(), feed_text()))
    data = text.encode(draw(encodings()), errors="replace")
    if draw(st.integers(0, 3)) == 0:
        data = data + draw(st.binary(max_size=30))
    if draw(st.integers(0, 5)) == 0 and data:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
    return data


# --- seeded builders: the same kinds of input from a random seed ------------------------------
# Hypothesis's composite strategies shrink failures well but cost milliseconds to draw; the long
# profile draws a seed instead and builds the input with ``random`` (about 20 times faster), so
# that a million inputs fit in minutes. A failure is still reproducible from its seed.

_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.;:'\"-\n\t\u00e9\u00fc\u0416\u4e2d\U0001f600\x00\ufeff\r"


def r_news(rnd: random.Random, max_pieces: int = 40) -> str:
    out = []
    for _ in range(rnd.randint(0, max_pieces)):
        k = rnd.random()
        if k < 0.5:
            out.append(rnd.choice(WORDS) + " ")
        elif k < 0.65:
            out.append(rnd.choice(DATES) + " ")
        elif k < 0.9:
            out.append(rnd.choice(MARKS))
        elif k < 0.97:
            out.append("".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(1, 6))))
        else:
            out.append(chr(rnd.randint(1, 0x2FFFF)) if rnd.random() < 0.5 else str(rnd.randint(-10, 100_000)))
    text = "".join(out)
    return "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)


def _r_json_value(rnd: random.Random, depth: int = 0):
    k = rnd.randint(0, 9 if depth < 3 else 5)
    if k == 0:
        return None
    if k == 1:
        return rnd.random() < 0.5
    if k == 2:
        return rnd.randint(-2**40, 2**40)
    if k == 3:
        return rnd.uniform(-1e12, 1e12)
    if k in (4, 5):
        return r_news(rnd, 10) if rnd.random() < 0.7 else rnd.choice(DATES)
    if k in (6, 7):
        return [_r_json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 4))]
    keys = ["text", "body", "date", "title", "id", "url", "author", "source", "x", ""]
    return {rnd.choice(keys): _r_json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 5))}


def r_jsonl(rnd: random.Random) -> str:
    lines = []
    for _ in range(rnd.randint(0, 6)):
        k = rnd.randint(0, 4)
        if k == 0:
            lines.append(r_news(rnd, 15))
        elif k == 1:
            lines.append(json.dumps(_r_json_value(rnd), ensure_ascii=rnd.random() < 0.5))
        else:
            record = {"text": r_news(rnd), "date": rnd.choice(DATES)}
            if rnd.random() < 0.5:
                record["id"] = str(rnd.randint(0, 99))
            line = json.dumps(record, ensure_ascii=rnd.random() < 0.5)
            if rnd.random() < 0.2:
                line = line[: rnd.randint(0, len(line))]
            lines.append(line)
    return rnd.choice(["\n", "\r\n"]).join(lines)


def r_csv(rnd: random.Random) -> str:
    sep = rnd.choice([",", ";", "\t", "|"])
    header = [rnd.choice(["id", "date", "text", "title", "body", "x", ""]) for _ in range(rnd.randint(1, 5))]
    rows = [sep.join(header)]
    for _ in range(rnd.randint(0, 6)):
        cells = []
        for _ in range(rnd.randint(0, len(header) + 1)):
            cell = rnd.choice([r_news(rnd, 8), rnd.choice(DATES), str(rnd.randint(0, 99))])
            q = rnd.randint(0, 5)
            if q == 0:
                cell = '"' + cell.replace('"', '""') + '"'
            elif q == 1:
                cell = '"' + cell
            cells.append(cell)
        rows.append(sep.join(cells))
    return "\n".join(rows) + rnd.choice(["", "\n"])


def r_html(rnd: random.Random) -> str:
    inner = r_news(rnd)
    for _ in range(rnd.randint(0, 4)):
        tag = rnd.choice(["div", "p", "article", "span", "section", "script", "b", "li"])
        inner = f"<{tag}>{inner}</{tag}>" if rnd.random() < 0.8 else f"<{tag}>{inner}"
    depth = rnd.choice([0, 0, 0, 0, 0, 0, 300])
    inner = "<div>" * depth + inner + "</div>" * rnd.choice([0, depth])
    meta = rnd.choice(["", '<meta property="article:published_time" content="2024-05-01">',
                       '<meta name="date" content="9999-12-31">', "<title>T</title>", '<meta charset="koi8-r">',
                       '<meta charset="no-such-charset">'])
    return rnd.choice(["<html><head>{m}</head><body>{b}</body></html>", "{m}{b}", "<!doctype html>{b}"]).format(
        m=meta, b=inner)


def r_feed(rnd: random.Random) -> str:
    items = "".join(
        f"<item><title>{r_news(rnd, 6)}</title><description>{r_news(rnd)}</description>"
        f"<pubDate>{rnd.choice(DATES)}</pubDate></item>"
        for _ in range(rnd.randint(0, 4)))
    return rnd.choice(['<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{b}</channel></rss>',
                       "<rss><channel>{b}", '<feed xmlns="http://www.w3.org/2005/Atom">{b}</feed>']).format(b=items)


_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "koi8-r", "shift_jis")


def r_bytes(rnd: random.Random) -> bytes:
    text = rnd.choice([r_news, r_jsonl, r_csv, r_html, r_feed])(rnd)
    data = text.encode(rnd.choice(_ENCODINGS), errors="replace")
    if rnd.random() < 0.25:
        data += bytes(rnd.randint(0, 255) for _ in range(rnd.randint(0, 30)))
    if rnd.random() < 0.2 and data:
        at = rnd.randint(0, len(data))
        data = data[:at] + b"\x00" + data[at:]
    if rnd.random() < 0.1 and data:  # flip a few bytes
        buf = bytearray(data)
        for _ in range(rnd.randint(1, 4)):
            buf[rnd.randrange(len(buf))] = rnd.randint(0, 255)
        data = bytes(buf)
    return data


def seeded(build, composite=None):
    """Inputs made by ``build(random.Random(seed))``; in the ci profile mixed with ``composite``."""
    strategy = st.integers(0, 2**63 - 1).map(lambda seed: build(random.Random(seed)))
    if composite is None or PROFILE == "long":
        return strategy
    return st.one_of(composite, strategy)
