"""Place mentions in text: offsets, multiword names, qualifiers, and the names that are not
places.  The example texts are written for these tests."""

from __future__ import annotations

from syriamap.places import find_places

TEXT = (
    "ALEPPO, Syria (Wire) — Opposition fighters entered the central city of Hama on Thursday, "
    "two days after Syria's second city fell. The Manbij Military Council said clashes near "
    "the Tishreen Dam continued, while Israel Katz spoke in Jerusalem and the New York Times "
    "quoted Quds Force officers leaving for Tehran. Some flew to Beirut; others drove to the "
    "port of Latakia and to Bab al-Hawa crossing. President Bashar al-Assad was not seen. "
    "Syrian and Iranian officials met in Hama province and rural Idlib. Reports from US-led "
    "coalition bases in Deir ez-Zor said Tripoli and Baalbek in Lebanon were calm."
)


def mentions():
    return find_places(TEXT)


def test_offsets_point_at_the_surface() -> None:
    for m in mentions():
        assert TEXT[m.start : m.end] == m.surface


def test_places_are_found_with_their_countries() -> None:
    found = {(m.surface, m.place.country) for m in mentions()}
    for expected in [
        ("ALEPPO", "SY"),
        ("Hama", "SY"),
        ("Syria", "SY"),
        ("Tehran", "IR"),
        ("Beirut", "LB"),
        ("Latakia", "SY"),
        ("Jerusalem", "IL"),
        ("Deir ez-Zor", "SY"),
        ("Baalbek", "LB"),
        ("Lebanon", "LB"),
        ("US", "US"),
    ]:
        assert expected in found, expected


def test_multiword_curated_features_are_one_mention() -> None:
    kinds = {m.surface: m.place.kind for m in mentions()}
    assert kinds["Tishreen Dam"] == "dam"
    assert kinds.get("Bab al-Hawa crossing") == "crossing"  # the feature word belongs to it


def test_names_containing_place_words_are_not_places() -> None:
    surfaces = [m.surface for m in mentions()]
    for not_place in ("Manbij", "Israel", "New York", "Quds", "al-Assad", "Syrian", "Iranian"):
        assert not_place not in surfaces, not_place


def test_governorate_phrasing_resolves_to_the_governorate() -> None:
    kinds = [(m.surface, m.place.kind) for m in mentions() if m.surface in {"Hama", "Idlib"}]
    assert ("Hama", "admin1") in kinds and ("Hama", "city") in kinds
    assert ("Idlib", "admin1") in kinds


def test_the_document_settles_ambiguous_names() -> None:
    tripoli = next(m for m in mentions() if m.surface == "Tripoli")
    assert tripoli.place.country == "LB"
    alone = find_places("Fighting resumed near Tripoli and Misrata on Monday.")
    assert alone[0].place.country == "LY"


def test_empty_and_placeless_texts_give_nothing() -> None:
    assert find_places("") == []
    assert find_places("The committee met on Monday and adjourned.") == []


def _read(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(m.surface, m.place.country, m.place.admin1) for m in find_places(text)]


def test_a_town_followed_by_its_state_or_country_is_the_one_inside_it() -> None:
    assert ("Paris", "US", "Texas") in _read("The storm hit Paris, Texas, on Monday.")
    assert _read("Fighters reached Tal Abyad, Syria, at dawn.")[0][:2] == ("Tal Abyad", "SY")
    # the container reading that holds the town is the one meant
    assert _read("Ships docked at Savannah, Georgia.") == [
        ("Savannah", "US", "Georgia"),
        ("Georgia", "US", "Georgia"),
    ]


def test_news_style_state_abbreviations_are_read_after_a_town() -> None:
    assert _read("Police in Gainesville, Ga. said the road reopened.") == [
        ("Gainesville", "US", "Georgia"),
        ("Ga.", "US", "Georgia"),
    ]
    assert [s for s, *_ in _read("CHARLESTON, W.Va. -- Officials met.")] == ["CHARLESTON", "W.Va."]


def test_a_word_used_as_a_persons_name_is_not_a_town_elsewhere_in_the_article() -> None:
    text = "Obama spoke first. Later President Obama met Moore. Moore said the vote was close."
    assert _read(text) == []
    assert [s for s, *_ in _read("Meanwhile Damascus said it would hold Aleppo.")] == [
        "Damascus",
        "Aleppo",
    ]


def test_contractions_and_common_capitalised_words_are_not_places() -> None:
    assert _read("I’ve seen it. You know. Police said the Route was closed.") == []


def test_zones_are_found_where_the_zone_pattern_finds_them() -> None:
    # zones() skips to the two ways a zone can start; it must agree with the plain scan.
    from syriamap.places.tokens import ZONE, zones

    texts = [
        "",
        "no capitals at all",
        "Rebels took al-Bab and ash-Shaddadi from the U.S.-backed SDF in Deir ez-Zor",
        "xAleppo, el‐Mina, al-, as-sham, ath-Thawra and Hayat Tahrir al-Sham of Idlib",
        "مدينة حماة and Tell Abyad\tof  the Raqqa",
    ]
    for text in texts:
        assert [m.span() for m in zones(text)] == [m.span() for m in ZONE.finditer(text)]


def test_places_inside_arabic_sentences_are_found() -> None:
    found = _read("سيطر المقاتلون على حماة ثم توجهوا إلى حمص")
    assert [(s, c) for s, c, _ in found] == [("حماة", "SY"), ("حمص", "SY")]
    assert _read("قال المتحدث إن القوات انسحبت") == []  # function words are not hamlets


def surfaces(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.place.name) for m in find_places(text)]


def test_a_common_word_opening_a_sentence_is_the_word_unless_a_major_place_is_named() -> None:
    # "Back" folds to a spelling of Baku, "Reading" is a town in England
    assert surfaces("Back in 2016, the army retook Aleppo.") == [("Aleppo", "Aleppo")]
    assert surfaces("Reading the statement, aides in Amman smiled.") == [("Amman", "Amman")]
    # a country, or a city of a million, opening a sentence is still the place
    assert surfaces("China abstained. Berlin objected.") == [
        ("China", "China"),
        ("Berlin", "Berlin"),
    ]
    # the same word inside a sentence is a name, as capitals there say
    assert ("Reading", "Reading") in surfaces("Fans travelled from Reading to Leeds.")


def test_a_capital_that_said_something_is_its_government_a_small_town_is_a_person() -> None:
    assert surfaces("Moscow said the base would stay. Doha said talks would resume.") == [
        ("Moscow", "Moscow"),
        ("Doha", "Doha"),
    ]
    assert surfaces("Moore said the road was open.") == []


def test_sheikh_alone_is_a_title_and_the_mountain_is_hermon() -> None:
    assert surfaces("Sheikh Hassan spoke.") == []
    assert surfaces("Troops climbed Sheikh Mountain.") == [("Sheikh Mountain", "Mount Hermon")]
    assert surfaces("Buses waited at Masnaa.") == [("Masnaa", "Masnaa Border Crossing")]


def test_a_persons_name_is_the_person_everywhere_in_the_article_unless_a_country() -> None:
    # Flores is an island (and an admin1 of Uruguay) and a surname
    text = "In Homs, Syria, the baker Maria Flores opened at dawn. Flores ran out of bread."
    assert surfaces(text) == [("Homs", "Homs"), ("Syria", "Syria")]
    assert ("Jordan", "Jordan") in surfaces("Michael Jordan spoke. Jordan shut its border.")


def test_the_white_house_speaks_for_a_government_as_the_kremlin_does() -> None:
    assert surfaces("The White House and the Kremlin discussed Idlib.") == [("Idlib", "Idlib")]


def test_vowel_variants_of_arabic_place_names_are_found_in_the_region_only() -> None:
    # GeoNames writes Dayr Hafir and Maarat al-Numan; news writes the vowels otherwise
    assert surfaces("Jets struck Deir Hafar and Maarat al-Nuaman.") == [
        ("Deir Hafar", "Dayr Hafir"),
        ("Maarat al-Nuaman", "Maarat al-Numan"),
    ]
    # an approximate match far away is no reading: Tabira is in Brazil
    assert surfaces("Families sheltered in Tal Bireh.") == []


def test_english_as_and_at_split_names_and_news_agencies_and_al_assad_are_no_places() -> None:
    assert surfaces("It flew to Libya as Moscow continued its pullout.") == [
        ("Libya", "Libya"),
        ("Moscow", "Moscow"),
    ]
    assert surfaces("Al-Assad’s aides left, Xinhua reported. Later al-Assad fled.") == []


def test_an_arabic_article_prefers_the_region_over_a_faraway_capital() -> None:
    # "Rai" alone is also a name of Praia, Cape Verde's capital
    assert find_places("Fighters advanced from Al-Rai.")[0].place.country == "SY"


def test_two_governorates_named_together_are_governorates() -> None:
    kinds = [
        (m.surface, m.place.kind)
        for m in find_places("Families fled to the coastal areas of Latakia and Tartus.")
    ]
    assert kinds == [("Latakia", "admin1"), ("Tartus", "admin1")]
    kinds = [(m.surface, m.place.kind) for m in find_places("Towns in Idlib and Hama provinces.")]
    assert kinds == [("Idlib", "admin1"), ("Hama", "admin1")]
    # two cities named together stay cities
    assert [m.place.kind for m in find_places("Fighters reached Hama and Homs.")] == [
        "city",
        "city",
    ]


def test_the_euphrates_is_its_syrian_course_and_operation_names_are_not_places() -> None:
    (river,) = find_places("The SDF holds areas east of the Euphrates. Euphrates Shield ended.")
    assert river.place.kind == "river" and river.place.country == "SY"
    assert river.place.geometry is not None and river.place.geometry["type"] == "LineString"


def test_a_modifier_that_opens_an_alias_yields_to_the_longer_name_after_it() -> None:
    # "Syrian Golan" is an alias of the Golan Heights; "Golan Heights" reaches further
    assert surfaces("Troops entered the occupied Syrian Golan Heights.") == [
        ("Golan Heights", "Golan Heights")
    ]
    # the province of a Turkish town is the province
    (hatay,) = find_places("They crossed in the south-eastern province of Hatay.")
    assert hatay.place.kind == "admin1"
    # compass words, agencies and surnames of the news alone are no places
    text = "Sana said the Autonomous Administration of North and East Syria agreed. Sharaa spoke."
    assert surfaces(text) == [("Syria", "Syria")]


def test_compass_words_still_open_names() -> None:
    found = [
        m.place.country
        for m in find_places("Envoys from North Korea, South Africa and the West Bank met.")
    ]
    assert found == ["KP", "ZA", "PS"]


def test_operation_names_and_kfar_spellings() -> None:
    assert surfaces("It was part of Operation Dawn of Freedom, launched near Aleppo.") == [
        ("Aleppo", "Aleppo")
    ]
    assert surfaces("Families returned to Kfar Nabl.") == [("Kfar Nabl", "Kafranbel")]


def test_a_capital_al_opens_a_name_but_not_a_broadcaster() -> None:
    assert surfaces(
        "Forces were pushed out of Al Kiswah. Al Mayadeen and Al Jazeera reported it."
    ) == [("Al Kiswah", "Kiswe")]


def test_every_word_of_the_vocabulary_file_is_one_word_as_the_scanner_splits_text() -> None:
    # A set entry with a stray comma or hyphen ("Governorate,") would silently never match.
    import tomllib
    from importlib.resources import files

    from syriamap.places.tokens import tokens

    data = tomllib.loads(files("syriamap.places").joinpath("words.toml").read_text("utf-8"))
    words = [w for value in data["sets"].values() for w in value.split()]
    words += [w for key in ("articles", "media") for w in data["institutions"][key].split()]
    words += [w for seat in data["institutions"]["seats"] for w in seat.split()]
    assert len(words) > 300
    for word in words:
        assert [t.text for t in tokens(word, 0, len(word))] == [word], word
    for name, phrases in data["phrases"].items():
        assert phrases and all(p == " ".join(p.split()) for p in phrases), name


def test_an_agency_in_capitals_is_no_hamlet_of_that_name() -> None:
    # OCHA lists a village Wash and GeoNames an Usha; in a humanitarian update they are
    # the agency and the water-and-sanitation cluster.  A city in capitals is still a city.
    assert surfaces("OCHA said WASH partners reached 12,000 people.") == []
    assert surfaces("ALEPPO: fighting resumed.") == [("ALEPPO", "Aleppo")]
