from __future__ import annotations

import pytest

from accord.ingest.language import detect_language, not_coded_message

# hand-written leads, one per language, long enough to be told apart
SAMPLES = {
    "de": "Der Außenminister traf sich am Montag in Berlin mit seinem polnischen Amtskollegen, um über die "
          "Lage an der Grenze und neue Sanktionen gegen Russland zu sprechen.",
    "es": "El ministro de Asuntos Exteriores se reunió el lunes en Madrid con su homólogo marroquí para "
          "hablar de la migración y de la cooperación en materia de seguridad.",
    "ru": "Министр иностранных дел встретился в понедельник в Москве со своим турецким коллегой, чтобы "
          "обсудить ситуацию на границе и новые санкции.",
    "tr": "Dışişleri Bakanı pazartesi günü Ankara'da Azerbaycanlı mevkidaşıyla bir araya gelerek sınırdaki "
          "durumu ve yeni enerji anlaşmasını görüştü.",
    "fr": "Le ministre des Affaires étrangères a rencontré lundi à Paris son homologue algérien pour parler "
          "de la sécurité régionale et de la coopération énergétique.",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_other_languages_are_detected(language):
    assert detect_language(SAMPLES[language]) == language


@pytest.mark.parametrize("text", [
    "Talks in Baku.",  # short
    "Hola, amigos.",  # short, not English: too short to tell
    "Jeyhun Bayramov met Ararat Mirzoyan and Irakli Kobakhidze in Almaty, where they discussed the "
    "Zangezur corridor and the border with Nagorno-Karabakh.",  # English full of foreign names
    "",
])
def test_english_short_and_unclear_texts_are_english(text):
    assert detect_language(text) == "en"


def test_message_names_the_language():
    assert not_coded_message("de") == "not coded: language de is not supported yet (only English is)"
