"""Publication dates from metadata values: ISO, RFC 2822, epoch numbers, English prose dates.

Only absolute, full (day-month-year) dates are accepted: "today" or "June 2024" give None,
because a document date is the anchor that resolves relative dates in the text.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import TypeGuard

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s_])")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],  # no "relative-time": "today" is not a date
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
}


# Publication dates outside these years are placeholders ("0001-01-01", "9999-12-31" from
# databases), not news: relative dates resolved against them would be nonsense.
PLAUSIBLE_YEARS = range(1800, 2201)


def implausible(value: dt.date | None) -> TypeGuard[dt.date]:
    return value is not None and value.year not in PLAUSIBLE_YEARS


def implausible_message(value: dt.date, where: str) -> str:
    return (f"the date {value.isoformat()} {where} is outside the years {PLAUSIBLE_YEARS.start}-"
            f"{PLAUSIBLE_YEARS.stop - 1} (a placeholder value?), so it is not used as the publication date; "
            "relative dates in the text cannot be resolved")


def month_number(name: str) -> int | None:
    return _MONTHS.get(name.lower().rstrip("."))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(value: object) -> dt.date | None:
    """A ``datetime.date`` from a metadata value, or None when it is not a full absolute date.

    Accepts date/datetime objects, epoch seconds or milliseconds, ISO 8601 (date or datetime,
    the date as written, not converted to UTC), ``YYYYMMDD``, RFC 2822 (feeds, e-mail) and
    English dates that dateparser reads ("June 18, 2020", "18/06/2020").
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if m := _ISO_DAY.match(text):
        return safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT.match(text):
        return safe_date(int(m[1]), int(m[2]), int(m[3]))
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        return _from_epoch(float(text))
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date()
    return _dateparser(text)


def _from_epoch(seconds: float) -> dt.date | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000.0
    if not 0 < seconds < 4e9:
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()


def _dateparser(text: str) -> dt.date | None:
    if len(text) > 100 or not re.search(r"\d", text):
        return None
    import dateparser  # slow import: only when a date needs it

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return None if parsed is None else parsed.date()
