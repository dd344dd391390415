"""Sides of events in single news sentences: constructions seen again and again in wire
copy (mediation between two sides, things given back to a country, ...). Sentences are
written for the test."""


def _event(doc, kind):
    return next(e for e in doc.events if e.type == kind)


def _countries(actors):
    return {a.country for a in actors}


def test_mediation_effort_between_two_sides_names_both(code_text):
    ev = _event(code_text("Turkey launched a mediation effort between Russia and Ukraine."), "CONSULT")
    assert _countries(ev.actor + ev.recipient) == {"TUR", "RUS", "UKR"}


def test_mediation_to_end_a_rift_between_two_sides_names_both(code_text):
    for text in ("Pakistan launched a mediation effort to resolve the rift between Saudi Arabia and Iran.",
                 "Algeria has launched a mediation effort to try to prevent a war between Morocco and Mauritania."):
        ev = _event(code_text(text), "CONSULT")
        assert len(_countries(ev.actor + ev.recipient)) == 3, text


def test_what_is_returned_goes_to_the_country_it_is_returned_to(code_text):
    ev = _event(code_text("Customs agents returned nine stolen paintings to the National Museum in Poland."), "RETREAT")
    assert _countries(ev.recipient) == {"POL"}


def test_given_back_to_a_place_the_parser_hangs_elsewhere(code_text):
    for text, country in (("The FBI returned a stolen manuscript, missing since 1950, to Naples, Italy.", "ITA"),
                          ("The agency returned ancient vases that date back to 300 B.C. to Greece on May 4, 2011.", "GRC")):
        ev = _event(code_text(text), "RETREAT")
        assert _countries(ev.recipient) == {country}, text


def test_withdrawing_to_a_place_is_not_giving_it_back(code_text):
    ev = _event(code_text("Israel withdrew its troops from Lebanon to the border."), "RETREAT")
    assert _countries(ev.recipient) == {"LBN"}
