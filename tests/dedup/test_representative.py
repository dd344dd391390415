"""The representative of a merged event."""

from __future__ import annotations

from accord.dedup import representative

from .builders import (
    actor,
    event,
)


def test_representative_takes_majority_and_most_precise_date():
    founder = event("AGREE", actors=(actor("AZE", "Ilham Aliyev"), "UKR"), date="2026-01-30", source="document",
                    text="Azerbaijan and Ukraine agreed to sign the deal", place=None)
    m2 = event("SUPPORT", actors=(actor("AZE", "Ilham Aliyev"), actor("UKR", "Volodymyr Zelensky")),
               date="2026-01", precision="month", text="Aliyev and Zelensky signed the deal in January")
    m3 = event("SUPPORT", actors=("AZE", actor("UKR", "Volodymyr Zelensky")), date="2026-01-29",
               text="The deal was signed on Thursday", place="UKR")
    m3.contexts = ["economic"]
    m2.contexts = ["diplomatic"]
    rep = representative("Mx", [founder, m2, m3])
    assert rep.id == "Mx" and rep.type == "SUPPORT"
    assert rep.date.value == "2026-01-29" and rep.date.precision == "day"  # text day beats month and document
    assert rep.location.country == "UKR"
    assert [(a.entity, a.country) for a in rep.actor] == [("Ilham Aliyev", "AZE"), ("Volodymyr Zelensky", "UKR")]
    assert rep.contexts == ["diplomatic", "economic"]
    assert len(rep.mentions) == 3
    only_docs = representative("My", [event(date="2026-01-30", source="document"), event(date="2026-01-29", source="document")])
    assert only_docs.date.value == "2026-01-29"  # the earliest report bounds the act
