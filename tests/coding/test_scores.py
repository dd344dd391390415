from accord.coding.scores import score_of, type_info
from accord.model import EVENT_TYPES


def test_every_type_has_a_score_and_cameo_root():
    for t in EVENT_TYPES:
        score, cameo = score_of(t)
        assert score is not None and cameo is not None and len(cameo) == 2


def test_mode_specific_score_and_fallback():
    assert score_of("CONSULT", "visit")[0] == 4
    assert score_of("CONSULT")[0] == 2.5
    assert score_of("CONSULT", "no-such-mode")[0] == 2.5


def test_cooperation_positive_conflict_negative():
    assert type_info("AID").score > 0 > type_info("ASSAULT").score
    assert type_info("ASSAULT").quad == 4 and type_info("SUPPORT").quad == 1
