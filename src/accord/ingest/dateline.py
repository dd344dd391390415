"""Wire-service datelines: ``TBILISI, Dec 2 (Reuters) -`` at the start of an item's body.

A dateline is metadata, not prose: the place the item was filed from, the day, the agency.
``find_dateline`` recognises one at a position of a text, ``find_body_dateline`` at the start of
a reader's body text (or on the line after a first line that repeats the headline), and
``apply_dateline`` records it on a ``Document``: masked (the parser never reads it, offsets
unchanged), the place and agency kept in ``Document.dateline``, the agency as ``source`` when
none is known, the date as ``published`` when there is none and the dateline's has a year.
Every reader (plain text, JSONL/JSON/CSV records, HTML pages, feed entries) uses these.

Forms recognised (separators: ``-``, ``--``, ``_``, en/em and other dashes):

* a place followed by a date and/or an agency in brackets, in any case:
  ``BEIJING, Dec. 2 (Xinhua) --``, ``KYIV, Ukraine, March 3 (Reuters) -``,
  ``Kyiv, Ukraine (AP) —``, ``JEDDAH, Nov 8 (Wire) -`` (an agency not in ``KNOWN_AGENCIES``
  needs a date or an all-capitals place). After the agency the separator may be a straight or
  curly quote (a mangled dash), a colon, or nothing for a known agency
  (``New Delhi, Dec 2 (IANS) The ...``);
* an all-capitals place alone: ``ISTANBUL --``, ``SAN FRANCISCO -``, ``BEIRUT, Lebanon —``,
  ``ISLAMABAD:``; not when it is an acronym (``NATO -``, ``US -``), a country (``UKRAINE —``),
  a label (``BREAKING -``), or the line goes on in capitals (an all-capitals headline);
* a mixed-case place alone only as ``City, Country —`` (``Nairobi, Kenya —``; a US state or
  Canadian province also counts), the first part not itself a country (``Russia, Ukraine —``);
* a known agency alone: ``(Reuters) -``, ``(CNN)``.

The body after a dateline must not start in lower case. Precision matters more than recall:
anything else is not a dateline and the text is left as it is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from accord.ingest.dates import MONTH_PATTERN, month_number, safe_date
from accord.model import Dateline, Document, Span

# --- the pattern ---------------------------------------------------------------------------

_WORD = r"[^\W\d_](?:[^\W\d_]|[\-'\u2019](?=[^\W\d_])|\.)*"  # "PORT-AU-PRINCE", "XI'AN", "Calif."
_NAME = rf"{_WORD}(?:[ ]{_WORD}){{0,3}}"
_PLACE = rf"{_NAME}(?:,[ ]?{_NAME}){{0,2}}"
_DATE = (
    rf"(?P<month>{MONTH_PATTERN})[ ]+(?P<day>\d{{1,2}})(?!\d)(?:,?[ ]+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})[ ]+(?P<month2>{MONTH_PATTERN})(?:,?[ ]+(?P<year2>\d{{4}}))?"
)
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SEP = rf"[{_DASHES}]{{1,3}}|_|:|[\"\u201c\u201d]"
_GAP = r"[ \t\u00a0]*"
_PATTERN = re.compile(
    rf"""
    (?:
        (?P<place>{_PLACE})
        (?:,?[ ]+(?P<date>{_DATE}))?
        {_GAP}
        (?:\({_GAP}(?P<agency>[^()\n]{{1,40}}?){_GAP}\))?
      |
        \({_GAP}(?P<lone>[^()\n]{{1,40}}?){_GAP}\)
    )
    {_GAP}
    (?P<sep>{_SEP})?
    (?<=[){_DASHES}_:"\u201c\u201d])  # ends with an agency or a separator
    """,
    re.VERBOSE,
)
_LEADING_SPACE = re.compile(r"[ \t\u00a0\r\n]*")


def _after_space(text: str, pos: int = 0) -> int:
    """Where the text goes on after the blanks at ``pos`` (the pattern also matches none)."""
    m = _LEADING_SPACE.match(text, pos)
    return m.end() if m else pos

# --- word lists ----------------------------------------------------------------------------

# Agencies a dateline names. Lower-cased; "Reuters/AP" is known when each part is.
KNOWN_AGENCIES = frozenset(
    """
    reuters ap associated-press afp agence-france-presse dpa dpa-afx aa anadolu anadolu-agency
    uni pti ians ani interfax interfax-ukraine tass itar-tass ria ria-novosti sputnik xinhua
    kuna wam spa qna mena bna ona petra sana irna isna tasnim fars mehr yonhap kyodo kyodo-news
    jiji bernama antara pna upi efe ansa bloomberg cnn trend apa report azertac ukrinform unian
    belta kazinform akipress armenpress georgia-today ipn bta hina tanjug mia lusa ctk pap mti
    ptt vna kpl akp apa-ots rtrs nna wafa maan saba ina mna
    """.split()
)
# All-capitals words that open a line but are not places ("NATO - Russia council meets").
_NOT_PLACES = frozenset(
    """
    nato un u.n. us u.s. usa u.s.a. uk u.k. eu e.u. uae opec osce asean brics imf who wto
    iaea icc icj unhcr unicef unesco unrwa undp wfp fao nasa fbi cia nsa mi6 kgb fsb gcc csto
    sco cis oas oic apec g7 g20 au ecowas sadc igad hamas isis isil hezbollah pkk fifa uefa ioc
    cnn bbc ap afp the a an this that it
    """.split()
)
_FUNCTION_WORDS = frozenset(
    """
    the a an in on at for but and or as if when while after before by from with this that these
    those it he she they we i you his her their our its there here however meanwhile also
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
_COUNTRIES = frozenset(
    """
    afghanistan albania algeria andorra angola antigua argentina armenia australia austria
    azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia
    bosnia botswana brazil britain brunei bulgaria burkina-faso burundi cambodia cameroon canada
    cape-verde chad chile china colombia comoros congo costa-rica croatia cuba cyprus
    czech-republic czechia denmark djibouti dominica dominican-republic east-timor ecuador egypt
    el-salvador england equatorial-guinea eritrea estonia eswatini ethiopia fiji finland france
    gabon gambia georgia germany ghana greece grenada guatemala guinea guinea-bissau guyana haiti
    honduras hong-kong hungary iceland india indonesia iran iraq ireland israel italy
    ivory-coast jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos
    latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg macau madagascar
    malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco
    mongolia montenegro morocco mozambique myanmar burma namibia nauru nepal netherlands
    new-zealand nicaragua niger nigeria north-korea north-macedonia macedonia northern-ireland
    norway oman pakistan palau palestine palestinian-territories panama papua-new-guinea
    paraguay peru philippines poland portugal puerto-rico qatar romania russia rwanda samoa
    san-marino saudi-arabia scotland senegal serbia seychelles sierra-leone singapore slovakia
    slovenia solomon-islands somalia somaliland south-africa south-korea south-sudan spain
    sri-lanka sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo
    tonga trinidad tunisia turkey turkiye tuvalu uganda ukraine united-arab-emirates
    united-kingdom united-states uruguay uzbekistan vanuatu vatican venezuela vietnam wales
    west-bank gaza gaza-strip yemen zambia zimbabwe greenland crimea abkhazia transnistria
    u.s. us usa uk u.k. uae korea
    """.split()
)
# US states (names and AP abbreviations) and Canadian provinces: "Austin, Texas —".
_REGIONS = frozenset(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
    minnesota mississippi missouri montana nebraska nevada new-hampshire new-jersey new-mexico
    new-york north-carolina north-dakota ohio oklahoma oregon pennsylvania rhode-island
    south-carolina south-dakota tennessee texas utah vermont virginia washington
    west-virginia wisconsin wyoming d.c. ala. ariz. ark. calif. colo. conn. del. fla. ga. ill.
    ind. kan. kans. ky. la. md. mass. mich. minn. miss. mo. mont. neb. nev. n.h. n.j. n.m.
    n.y. n.c. n.d. okla. ore. pa. r.i. s.c. s.d. tenn. vt. va. wash. w.va. wis. wyo.
    ontario quebec alberta manitoba saskatchewan nova-scotia new-brunswick
    british-columbia newfoundland
    """.split()
)
_PARTICLES = frozenset(
    "de da das do dos du del della der den des di el al la le les es of on upon am an y e "
    "sur en aan bin ibn ul ur".split()
)
# Words that open a line in capitals as a label, not a place ("BREAKING NEWS -", "UPDATE 2 -").
_SLUGS = frozenset(
    "breaking update updated exclusive analysis factbox wrapup column insight explainer opinion "
    "editorial corrected correction refile refiled urgent flash alert note watch video photos "
    "photo live editor's editors".split()
)
_QUOTES = "\"\u201c\u201d"
_RANGE_DASHES = frozenset(_DASHES.replace("\\", ""))
_LOOKAHEAD = 100  # characters after an all-capitals dateline searched for lower case


def _key(words: str) -> str:
    return "-".join(words.lower().replace("\u2019", "'").split())


def known_agency(name: str) -> bool:
    """Whether ``name`` is a news agency a dateline names ("Reuters", "AP", "Reuters/AP")."""
    parts = [p for p in re.split(r"\s*[/,&]\s*|\s+and\s+", name.strip()) if p]
    return bool(parts) and all(_key(p) in KNOWN_AGENCIES for p in parts)


def find_dateline(text: str, start: int = 0) -> Dateline | None:
    """The dateline opening ``text`` at ``start`` (leading whitespace skipped), else None.

    Offsets in the result are offsets in ``text``; its ``span`` runs from the place (or the
    agency's parenthesis) to the end of the separator.
    """
    start = _after_space(text, start)
    m = _PATTERN.match(text, start)
    if m is None:
        return None
    sep, end = m["sep"], m.end()
    if sep is not None and sep in _QUOTES and not _at_space(text, end):
        sep, end = None, m.start("sep")  # (AP) "We will ...": the quote opens the body
        while text[end - 1] in " \t\u00a0":
            end -= 1
    if m["lone"] is not None:
        agency = m["lone"]
        if not known_agency(agency) or not _body_follows(text, end, sep, known=True):
            return None
        return _make(text, m, end, place=None, agency=agency)

    place_text = m["place"]
    parts = [p.strip() for p in place_text.split(",")]
    if not all(_name_ok(p) for p in parts):
        return None
    first = parts[0].split()
    if first[0].lower().rstrip(".") in _FUNCTION_WORDS and not (first[0].lower() == "the" and len(first) > 1):
        return None  # "On Monday (AP) said", but "THE HAGUE (AP) -" is a place
    agency = m["agency"]
    dated = m["date"] is not None
    if agency is not None:
        if not _agency_ok(agency):
            return None
        known = known_agency(agency)
        if not known and not dated and not _all_caps(parts[0]):
            return None  # "President Aliyev (Azerbaijan) — ..." is prose, not a dateline
        if not _body_follows(text, end, sep, known=known):
            return None
    elif dated:
        if sep is None or sep in _QUOTES or not _body_follows(text, end, sep, known=False):
            return None
    else:
        caps = _all_caps(parts[0])
        if sep is None or not (_is_dash(sep) or (caps and sep == ":")):
            return None  # "ISLAMABAD: The ..." is a dateline; "Nairobi, Kenya: ..." is not
        if not _body_follows(text, end, sep, known=False):
            return None
        if caps:
            if not _caps_place_ok(parts[0]) or not _lower_case_follows(text, end):
                return None
        elif not (
            len(parts) >= 2
            and _key(parts[0]) not in _COUNTRIES
            and (_key(parts[1]) in _COUNTRIES or _key(parts[1]) in _REGIONS)
        ):
            return None
    return _make(text, m, end, place=Span(m.start("place"), m.end("place"), place_text), agency=agency)


def find_body_dateline(text: str, title: str | None = None) -> Dateline | None:
    """The dateline opening a reader's body text: at its start, or on the line after a first
    line that repeats the headline (HTML extractors put the page's ``<h1>`` there)."""
    found = find_dateline(text)
    if found is not None or not title:
        return found
    start = _after_space(text)
    stop = text.find("\n", start)
    if stop < 0 or " ".join(text[start:stop].split()) != " ".join(title.split()):
        return None
    return find_dateline(text, stop)


def dateline_date(text: str, dateline: Dateline) -> dt.date | None:
    """The dateline's date when it has a year ("Jan 14, 2024"), else None."""
    if dateline.date is None:
        return None
    m = re.fullmatch(_DATE, dateline.date.text)
    if m is None:  # pragma: no cover - the span was cut by the same pattern
        return None
    month, day, year = (m["month"], m["day"], m["year"]) if m["month"] else (m["month2"], m["day2"], m["year2"])
    if not year:
        return None
    number = month_number(month)
    return None if number is None else safe_date(int(year), number, int(day))


def apply_dateline(doc: Document, dateline: Dateline | None) -> Document:
    """``doc`` with its dateline recorded: masked, the place kept, the agency as ``source``
    when the document has none, the date as ``published`` when it has none and the dateline's
    date has a year (a warning says so when a dateline date is not used for lack of one)."""
    if dateline is None:
        return doc
    changes: dict[str, Any] = {
        "dateline": dateline,
        "masked": tuple(sorted((*doc.masked, dateline.span), key=lambda s: (s.start, s.end))),
    }
    if doc.source is None and dateline.agency:
        changes["source"] = dateline.agency
    if doc.published is None and dateline.date is not None:
        date = dateline_date(doc.text, dateline)
        if date is not None:
            changes["published"] = date
            changes["date_source"] = "dateline"
        else:
            changes["warnings"] = (
                *doc.warnings, f"dateline date {dateline.date.text!r} has no year (or is invalid); not used",
            )
    return dataclasses.replace(doc, **changes)


# --- checks --------------------------------------------------------------------------------

def _make(text: str, m: re.Match[str], end: int, *, place: Span | None, agency: str | None) -> Dateline:
    start = m.start()
    while end > start and text[end - 1] in " \t\u00a0":
        end -= 1
    date = Span(m.start("date"), m.end("date"), m["date"]) if m["date"] else None
    return Dateline(
        span=Span(start, end, text[start:end]),
        place=place,
        agency=" ".join(agency.split()) if agency else None,
        date=date,
    )


def _name_ok(name: str) -> bool:
    words = name.split()
    if not words:
        return False
    for i, word in enumerate(words):
        if word.lower() in _PARTICLES and 0 < i < len(words) - 1:
            continue
        if not word[0].isupper():
            return False
    return True


def _all_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _caps_place_ok(name: str) -> bool:
    key = _key(name)
    return (
        sum(c.isalpha() for c in name) >= 3
        and key not in _NOT_PLACES
        and key not in _COUNTRIES
        and key.split("-")[0] not in _SLUGS
    )


def _agency_ok(agency: str) -> bool:
    agency = agency.strip()
    if known_agency(agency):
        return True
    words = agency.split()
    return (
        0 < len(words) <= 4
        and agency[0].isupper()
        and not any(c.isdigit() for c in agency)
        and not any(c in agency for c in ".;:!?\"")
        and all(w[0].isupper() or w.lower() in _PARTICLES for w in words)
    )


def _is_dash(sep: str) -> bool:
    return sep == "_" or all(c in _RANGE_DASHES for c in sep)


def _body_follows(text: str, end: int, sep: str | None, *, known: bool) -> bool:
    """Whether what follows the separator can start the body.

    After a separator: whitespace, the end of the text, or (after an em dash or a double
    hyphen, as in ``WASHINGTON--The``) a capital letter or an opening quote. With no separator,
    only after a known agency: whitespace then a capital, a quote, or the end of the line.
    """
    if sep is None:
        if not known:
            return False
        if not _at_space(text, end):
            return False  # "(AP)President" or "(AP)," : not a dateline
        rest = text[end:].lstrip()
        return not rest or rest[0] in "\"\u201c'\u2018" or rest[0].isupper()
    if sep in _QUOTES and not known:
        return False
    if _at_space(text, end):
        rest = text[end:].lstrip(" \t\u00a0")
        return not rest[:1].islower()  # "Talks (AP) — nothing": prose, not a dateline
    if sep in ("-", "_", ":") or sep in _QUOTES:
        return False
    nxt = text[end]
    return (len(sep) >= 2 or sep in "\u2014\u2015") and (nxt.isupper() or nxt in "\"\u201c'\u2018")


def _at_space(text: str, end: int) -> bool:
    return end >= len(text) or text[end].isspace()


def _lower_case_follows(text: str, end: int) -> bool:
    """An all-capitals place alone is a dateline only when prose follows on its line (or on the
    next line when the dateline ends its own), not more capitals as in a headline."""
    start = _after_space(text, end)
    stop = text.find("\n", start)
    rest = text[start:stop if stop >= 0 else len(text)][:_LOOKAHEAD]
    return any(c.islower() for c in rest)
