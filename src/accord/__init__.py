"""accord: evidence-linked political event data from international news."""

from accord.errors import AccordError
from accord.model import Actor, CodedDocument, DateValue, Document, Event, MergedEvent, Place, Problem, Span

__all__ = [
    "AccordError", "Actor", "CodedDocument", "DateValue", "Document", "Event", "MergedEvent", "Place",
    "Problem", "Span",
]
__version__ = "0.1.0"
