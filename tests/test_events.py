"""Control changes and movements from example sentences written for these tests."""

from __future__ import annotations

import json
from datetime import date

import pytest

from syriamap import extract
from syriamap.text import find_date

PUBLISHED = date(2024, 12, 7)  # a Saturday


def changes(text: str, published: date | None = PUBLISHED):
    return [
        (c.place.name, c.new_controller, c.previous_controller, c.date)
        for c in extract(text, published=published).control_changes
    ]


def legs(text: str, published: date | None = PUBLISHED):
    return [
        (m.origin.name if m.origin else None, [d.name for d in m.destinations], m.mode, m.kind)
        for m in extract(text, published=published).movements
    ]


def test_a_capture_names_place_new_and_previous_controller_and_date() -> None:
    found = changes(
        "Opposition fighters captured the city of Hama from government forces on Dec. 5, 2024."
    )
    assert found == [("Hama", "opposition", "government", date(2024, 12, 5))]


def test_every_place_of_a_list_is_a_change_and_context_places_are_not() -> None:
    found = changes("Rebels seized key cities such as Homs, Aleppo and Hama in the north.")
    assert [f[0] for f in found] == ["Homs", "Aleppo", "Hama"]
    found = changes(
        "Turkish-backed factions seized large parts of Manbij in the eastern Aleppo countryside."
    )
    assert found == [("Manbij", "sna", None, None)]


def test_a_fall_and_a_nominal_capture() -> None:
    assert changes("Hama fell to the rebels on Thursday.")[0][:2] == ("Hama", "opposition")
    found = changes("After their capture of Kobani, Kurdish-led SDF units moved on.")
    assert found and found[0][0] == "Kobani"


def test_advances_aims_denials_and_questions_are_not_changes() -> None:
    for text in (
        "Rebels were pushing toward Homs on Friday.",
        "The opposition aims to seize Damascus within weeks.",
        "The army denied withdrawing from Homs.",
        "Will the rebels capture Homs next?",
        "Its capture would open the road to Homs.",
    ):
        assert changes(text) == [], text


def test_a_withdrawal_is_a_change_to_unknown_from_the_army() -> None:
    assert changes("The Syrian army withdrew from Hama overnight.") == [
        ("Hama", "unknown", "government", None)
    ]


def test_history_is_marked_not_mixed_with_new_events() -> None:
    result = extract("Government forces recaptured Aleppo in 2016.", published=PUBLISHED)
    assert result.control_changes and result.control_changes[0].historic


def test_one_sentence_can_hold_several_movements_with_their_modes() -> None:
    found = legs(
        "The evacuation began on Friday, with some leaving by plane to Tehran and "
        "others travelling overland to Lebanon, Iraq and the port of Latakia."
    )
    assert (None, ["Tehran"], "air", "evacuation") in found
    assert (None, ["Lebanon", "Iraq", "Latakia"], "land", "evacuation") in found


def test_origin_destination_and_via_points() -> None:
    result = extract(
        "Hundreds of refugees crossed from Turkey into Syria through the Bab "
        "al-Hawa crossing by bus.",
        published=PUBLISHED,
    )
    move = result.movements[0]
    assert move.origin.name == "Turkey" and [d.name for d in move.destinations] == ["Syria"]
    assert [v.kind for v in move.via] == ["crossing"] and move.mode == "land"


def test_a_possessor_is_not_an_origin() -> None:
    found = legs("Officials from Iran's embassy were evacuated to Beirut.")
    assert found == [(None, ["Beirut"], "unknown", "evacuation")]


def test_dates_resolve_relative_to_publication_and_are_never_invented() -> None:
    assert find_date("on Friday", PUBLISHED) == date(2024, 12, 6)
    assert find_date("yesterday", PUBLISHED) == date(2024, 12, 6)
    assert find_date("three days ago", PUBLISHED) == date(2024, 12, 4)
    assert find_date("on Friday") is None
    assert find_date("December 5") is None


def test_an_undated_lead_takes_the_date_its_attribution_gives_and_nothing_else_does() -> None:
    lead = (
        "IDLIB, Syria - Opposition fighters have taken control of Saraqib after a night "
        "of fighting. Local monitors reported Tuesday, March 4, 2025, that the army had left."
    )
    assert changes(lead, published=None) == [("Saraqib", "opposition", None, date(2025, 3, 4))]
    # a date further on in the next sentence is another event's, not the report's
    other = lead.replace("reported Tuesday, March 4, 2025, that", "said that on March 4, 2025,")
    assert changes(other, published=None) == [("Saraqib", "opposition", None, None)]
    # only the lead: a later undated capture stays undated
    later = "Markets were shut in Idlib on Monday morning. " + lead.split(" - ", 1)[1]
    assert changes(later, published=None) == [("Saraqib", "opposition", None, None)]


def test_evidence_offsets_point_at_the_sentence() -> None:
    text = "Markets reopened. Rebels captured Hama on Thursday. Calm returned."
    change = extract(text, published=PUBLISHED).control_changes[0]
    assert text[change.evidence.start : change.evidence.end] == change.evidence.text
    assert change.evidence.text == "Rebels captured Hama on Thursday."
    assert change.date == date(2024, 12, 5)


def test_geojson_is_rfc7946_with_lines_for_legs() -> None:
    data = extract("Iranian staff flew from Damascus to Tehran.").to_geojson()
    kinds = [f["properties"]["type"] for f in data["features"]]
    assert kinds.count("movement_leg") == 1
    leg = next(f for f in data["features"] if f["properties"]["type"] == "movement_leg")
    assert leg["geometry"]["type"] == "LineString"
    assert leg["geometry"]["coordinates"][0] == pytest.approx([36.29, 33.51], abs=0.05)
    json.dumps(data)


def test_cli_extract_writes_json_geojson_and_csv(run_cli, tmp_path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Rebels captured Hama on Thursday. Iranian staff flew from Damascus to Tehran.",
        encoding="utf-8",
    )
    result = run_cli("extract", str(article), "--published", "2024-12-07")
    data = json.loads(result.stdout)
    assert set(data) == {"source", "places", "control_changes", "movements"}
    assert data["control_changes"][0]["date"] == "2024-12-05"
    assert data["movements"][0]["mode"] == "air"
    out = tmp_path / "out.geojson"
    assert run_cli("extract", str(article), "--format", "geojson", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    csv_text = run_cli("extract", str(article), "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("event,place")


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"", (), "empty"),
        (b"\x00\x01binary", (), "binary"),
        (b"\xff\xfe\xfa", (), "UTF-8"),
        (b"Rebels took Hama.", ("--published", "yesterday"), "YYYY-MM-DD"),
    ],
)
def test_cli_extract_bad_input_is_one_line_exit_2(
    run_cli, tmp_path, content, args, message
) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(content)
    result = run_cli("extract", str(article), *args)
    assert result.returncode == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_json_output_validates_against_the_documented_schema() -> None:
    from pathlib import Path

    import jsonschema

    root = Path(__file__).resolve().parent.parent
    schema = json.loads((root / "docs" / "extraction.schema.json").read_text(encoding="utf-8"))
    text = (
        "Rebels captured Hama from government forces on Thursday. Some Iranian staff flew "
        "from Damascus to Tehran, while others drove to Beirut via the Masnaa crossing."
    )
    data = json.loads(extract(text, published=PUBLISHED, title="Example").to_json())
    jsonschema.validate(data, schema)
    assert data["control_changes"] and len(data["movements"]) == 2
    example = (root / "examples" / "example-article.txt").read_text(encoding="utf-8")
    example_data = json.loads(extract(example, published=PUBLISHED).to_json())
    jsonschema.validate(example_data, schema)
    assert len(example_data["control_changes"]) >= 3 and len(example_data["movements"]) >= 3
    broken = dict(data, places=[{"surface": "Hama"}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_cli_extract_reads_an_html_page_with_its_metadata(run_cli, tmp_path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Example desk: rebels take Hama</title>"
        '<meta property="article:published_time" content="2024-12-07T09:00:00Z"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Rebels take Hama</h1>"
        "<p>Opposition fighters captured Hama on Thursday after days of clashes in the "
        "countryside, residents said.</p><p>Some families fled from Hama to Homs by road, while "
        "others stayed in their homes waiting for news.</p></article>"
        "<footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    result = run_cli("extract", str(page))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["published"] == "2024-12-07"
    assert "Hama" in (data["source"]["title"] or "")
    assert data["control_changes"][0]["date"] == "2024-12-05"
    assert all("Contact us" not in p["surface"] for p in data["places"])


def test_passive_captures_and_lost_control() -> None:
    assert changes("Hama was captured by opposition fighters on Thursday.")[0][:2] == (
        "Hama",
        "opposition",
    )
    found = changes("The SDF lost control of Deir ez-Zor to government forces.")
    assert found and found[0][:3] == ("Deir ez-Zor", "government", "sdf")
    assert changes("The army said it had not lost control of Homs.") == []


def test_a_bare_took_is_a_capture_only_when_a_faction_takes_a_place() -> None:
    assert changes("Rebels took Hama on Thursday.")[0][:2] == ("Hama", "opposition")
    for text in (
        "The meeting took place in Damascus.",
        "He took Ankara by surprise.",
        "Fighters took part in clashes near Idlib.",
    ):
        assert changes(text) == [], text


def test_more_news_phrasings() -> None:
    overran = extract(
        "The Islamic State group overran Palmyra in May 2015.", published=PUBLISHED
    ).control_changes
    assert overran and overran[0].new_controller == "isis" and overran[0].historic
    assert changes("HTS fighters swept into Aleppo last week.")[0][:2] == ("Aleppo", "hts")
    assert changes("The SDF withdrew from Deir ez-Zor on Friday.") == [
        ("Deir ez-Zor", "unknown", "sdf", date(2024, 12, 6))
    ]


def test_the_home_of_the_people_who_move_is_the_origin() -> None:
    for text, origin in (
        ("Residents of Homs fled toward Tartus by road.", "Homs"),
        ("Civilians in the town of Manbij fled to Raqqa.", "Manbij"),
        ("Aleppo families fled to Afrin on Monday.", "Aleppo"),
    ):
        (move,) = extract(text, published=PUBLISHED).movements
        assert (move.kind, move.origin and move.origin.name) == ("displacement", origin), text


def test_these_fighters_are_the_faction_named_just_before() -> None:
    text = (
        "Turkish-backed factions shelled villages near Afrin on Monday. Two days later these "
        "fighters seized Tal Rifaat from the SDF."
    )
    assert changes(text)[0][:3] == ("Tal Rifaat", "sna", "sdf")
    alone = "Days later these fighters seized Tal Rifaat from the SDF."
    assert changes(alone)[0][:2] == ("Tal Rifaat", "opposition")  # nobody named before


def test_sentence_breaks_are_found_where_the_break_pattern_finds_them() -> None:
    from syriamap.text.sentences import _BREAK, _breaks

    texts = ["", "One. Two! Three?\n\nFour", "(AFP)This is it.) Next", "U.S. troops. Dec. 5", "a)B"]
    for text in texts:
        assert [m.span() for m in _breaks(text)] == [m.span() for m in _BREAK.finditer(text)]


def test_event_words_are_read_in_any_case_even_where_case_folding_differs() -> None:
    # The literal cues that spare most sentences the event patterns must not hide a match:
    # "ſ" (long s) matches "s" in a case-insensitive pattern but is no "s" to str.lower.
    for text in ("Rebels seized Hama on Dec. 5, 2024.", "Rebels ſeized Hama on Dec. 5, 2024."):
        changes = extract(text).control_changes
        assert [(c.place.name, c.new_controller) for c in changes] == [("Hama", "opposition")]


def test_a_departure_that_names_only_where_people_go_left_from_the_last_stated_origin() -> None:
    text = (
        "Iran began evacuating its staff from Syria on Friday. Officials met in Geneva. "
        "Some evacuees flew to Tehran, while others travelled by road to Beirut."
    )
    moves = extract(text, published=PUBLISHED).movements
    legs = [(m.origin and m.origin.name, [d.name for d in m.destinations]) for m in moves]
    assert ("Syria", ["Tehran"]) in legs and ("Syria", ["Beirut"]) in legs
    assert all(m.confidence < 0.5 for m in moves if m.destinations)  # inferred, so less sure
    # nothing is carried from a past journey, nor into the country it left from
    past = "He fled Damascus in 2016. He is crossing back into Syria to find his family."
    back = [m for m in extract(past, published=PUBLISHED).movements if m.destinations]
    assert [(m.origin, [d.name for d in m.destinations]) for m in back] == [(None, ["Syria"])]


def test_the_place_a_fleet_left_is_the_origin_and_close_to_is_no_direction() -> None:
    assert legs("Russian warships left the naval base at Tartus and sailed for the Black Sea.") == [
        ("Tartus", ["Black Sea"], "sea", "other")
    ]
    # "close to" locates; it names no destination
    assert legs("Israeli troops moved near Hader, close to Beit Jinn.") == []
    assert legs("Israeli troops moved from Hader to Beit Jinn.") == [
        ("Hader", ["Beit Jinn"], "unknown", "other")
    ]


def test_what_a_capture_includes_was_taken_too() -> None:
    text = (
        "Israeli troops took over army posts in the buffer zone, including the Syrian side "
        "of Mount Hermon."
    )
    assert changes(text) == [("Mount Hermon", "israel", None, None)]


def test_pulling_out_and_sending_troops_are_movements_with_their_actors() -> None:
    text = "Government forces pulled out of Deir ez-Zor on Friday."
    assert legs(text) == [("Deir ez-Zor", [], "unknown", "withdrawal")]
    sent = extract("Hezbollah sent 2,000 fighters from Lebanon to Qusayr.", published=PUBLISHED)
    (move,) = sent.movements
    assert (move.kind, move.faction, move.origin.name) == ("deployment", "iran", "Lebanon")
    # "sent" anything but troops is no movement
    assert legs("Ankara sent a letter to Damascus.") == []
    crossed = extract("Iraqi officials said 2,000 Syrian troops crossed into Iraq.").movements
    assert [(m.actor, m.faction) for m in crossed] == [("2,000 Syrian troops", "government")]


def test_a_country_a_movement_comes_from_is_not_its_actor() -> None:
    (move,) = extract("Thousands streamed back from Turkey, heading for Idlib.").movements
    assert move.faction == "unknown"


def test_headlines_tell_captures_in_the_present_but_aims_are_no_capture() -> None:
    assert changes("Syria rebels seize Damascus, Assad flees", published=None) == [
        ("Damascus", "opposition", None, None)
    ]
    assert changes("Turkey-backed fighters capture Manbij from Kurdish forces") == [
        ("Manbij", "sna", "sdf", None)
    ]
    assert changes("Rebels vow to seize Homs. Rebels will capture Hama soon.") == []


def test_crossings_on_the_way_where_people_fled_from_and_who_moved() -> None:
    text = "Thousands fled into Akkar province, crossing the Nahr al-Kabir river on foot."
    (move,) = extract(text, published=PUBLISHED).movements
    assert [d.name for d in move.destinations] == ["'Akkar Governorate"]
    assert [v.name for v in move.via] == ["Nahr al-Kabir al-Janoubi"] and move.mode == "land"
    # "the war with Israel" names no origin: "from Syria" does
    text = "Lebanese who had fled the war with Israel returned to Lebanon from Syria."
    assert legs(text)[0][:2] == ("Syria", ["Lebanon"])
    text = "Convoys of Russian troops have left Kobani for Hmeimim."
    assert legs(text) == [("Kobani", ["Hmeimim Air Base"], "land", "other")]  # convoys
    (move,) = extract("• Civilians were evacuated from Douma to Idlib.").movements
    assert move.actor == "Civilians"


def test_more_headline_forms_of_taking_and_leaving() -> None:
    assert changes("Rebels take Aleppo in lightning offensive", published=None) == [
        ("Aleppo", "opposition", None, None)
    ]
    assert changes("Government forces retake Suran", published=None) == [
        ("Suran", "government", None, None)
    ]
    assert changes("HTS takes control of Hama", published=None) == [("Hama", "hts", None, None)]
    assert changes("Syrian army retreats from Hama", published=None) == [
        ("Hama", "unknown", "government", None)
    ]
    assert legs("Russia pulls troops out of northern Syria", published=None) == [
        ("Syria", [], "unknown", "withdrawal")
    ]
    assert changes("The rebels take part in talks in Geneva.") == []


def test_control_wordings_seen_in_unseen_articles() -> None:
    assert changes("Rebels said they gained full control over Homs on Friday.") == [
        ("Homs", "opposition", None, date(2024, 12, 6))
    ]
    assert changes("Syrian rebels claimed control of Daraa on Saturday.") == [
        ("Daraa", "opposition", None, date(2024, 12, 7))
    ]
    assert changes("Opposition fighters entered Damascus on Friday.") == [
        ("Damascus", "opposition", None, date(2024, 12, 6))
    ]
    # entering through a crossing is travel, not a capture
    assert changes("Syrian soldiers entered Iraq via the Al-Qaim crossing.") == []
    # a "coalition of rebels" is no US-led coalition, and a blow to the regime is no actor
    text = "A coalition of rebels dealt a blow to Assad's regime by seizing Aleppo."
    assert changes(text) == [("Aleppo", "opposition", None, None)]
    # the object reaches past an apposition and through "as well as"
    text = "Rebels seized several cities, including the capital, Damascus."
    assert changes(text) == [("Damascus", "opposition", None, None)]
    text = (
        "Pro-Turkish forces captured Safireh and Khanasser southeast of Aleppo, as well as the "
        "Kweires military airport."
    )
    assert [c[0] for c in changes(text)] == ["Safira", "Khanasir", "Kuweires Military Airbase"]
    # a list stops where a preposition starts a new phrase
    text = "Syria rebels celebrate in captured Homs, set sights on Damascus"
    assert [c[0] for c in changes(text, published=None)] == ["Homs"]


def test_who_acts_is_named_after_the_reporting_verb_and_bare_troops_are_the_speakers() -> None:
    text = "Rebel sources said the Syrian military had withdrawn from Daraa."
    assert changes(text) == [("Daraa", "unknown", "government", None)]
    text = "Israel says troops had seized a buffer zone in the Golan Heights."
    assert changes(text) == [("Golan Heights", "israel", None, None)]
    # "they" after a sentence that names the faction
    text = "Pro-Turkish forces advanced overnight. By Friday, they had captured Tal Rifaat."
    assert changes(text) == [("Tal Rifaat", "sna", None, date(2024, 12, 6))]


def test_the_losing_sides_restatement_names_who_lost_and_adds_no_event() -> None:
    text = "Rebels captured Aleppo on Friday. The army withdrew from Aleppo after the attack."
    assert changes(text) == [("Aleppo", "opposition", "government", date(2024, 12, 6))]


def test_movements_that_name_no_place_of_their_own() -> None:
    # the place the sentence names before a bare withdrawal, and "the country"
    text = "Opposition forces took Homs as government troops withdrew."
    assert ("Homs", [], "unknown", "withdrawal") in legs(text)
    text = "Rebels swept through Syria. On Sunday, Assad fled the country."
    assert ("Syria", [], "unknown", "flight") in legs(text)
    # a plane that took off and landed; "as Moscow continued" is another clause
    text = (
        "A Russian cargo plane took off from Hmeimim and was destined for Libya as Moscow "
        "continued its pullout."
    )
    assert legs(text) == [("Hmeimim Air Base", ["Libya"], "air", "other")]
    assert legs("An Il-76 landed in Libya at the Al-Jufra air base.")[0][1][0] == "Libya"
    # what is fired into a country does not move there
    assert legs("Troops moved into Quneitra, launching attacks into Israel.") == [
        (None, ["Quneitra"], "unknown", "other")
    ]


def test_denied_reports_move_nobody_and_a_retreat_toward_a_town_loses_only_its_origin() -> None:
    text = "The council denied reports from Tripoli, Lebanon, that convoys left Deir ez-Zor."
    assert legs(text) == []
    text = "Fighters entered Hama after the army withdrew toward Homs."
    assert [c[0] for c in changes(text)] == ["Hama"]


def test_an_undated_article_is_read_from_the_day_it_pins_with_a_weekday() -> None:
    from syriamap.text import reference_date

    text = "Rebels took Daraa on Saturday, Reuters reported on Saturday, December 7."
    assert reference_date(text, date(2026, 11, 24)) == date(2024, 12, 7)
    # not after today, not before a year the text writes
    assert reference_date(text, date(2024, 12, 6)) == date(2019, 12, 7)
    assert reference_date(text + " Since 2025 ...", date(2026, 11, 24)) is None
    # extraction reads "on Saturday" from that day; the source stays undated
    result = extract("Rebels took Daraa on Saturday, Reuters reported on Saturday, December 7.")
    (taken,) = [c.date for c in result.control_changes]  # 2024-12-07 until 2030, a Saturday
    assert taken is not None and (taken.month, taken.day, taken.weekday()) == (12, 7, 5)
    assert result.published is None
    # a day without a weekday pins nothing
    assert [c.date for c in extract("Rebels took Daraa on December 7.").control_changes] == [None]


def test_the_area_and_the_city_refer_back_to_the_place_named_before() -> None:
    text = (
        "Hezbollah has withdrawn from the Syrian city of Qusayr, just as rebel forces took "
        "control of the area, army sources said on Friday."
    )
    assert ("Al-Qusayr", "opposition", None, date(2024, 12, 6)) in changes(text)
    text = (
        "Rebels seized Aleppo International Airport on Friday. The sources said that regime "
        "forces withdrew from the city this morning."
    )
    assert ("Aleppo International Airport", [], "unknown", "withdrawal") in legs(text)
    # plans move nobody
    assert legs("More planes were expected to depart from Hmeimim in the coming days.") == []


def test_more_control_wordings_lists_and_subjects() -> None:
    assert changes("The fighters gained control of Khan Shaykhun, establishing control over Idlib.")
    text = (
        "The SFA captured Palmyra, along with surrounding areas such as Al-Sukhnah, "
        "Al-Qaryatayn and Jabal al-Bishri."
    )
    assert [c[:2] for c in changes(text)][:3] == [
        ("Palmyra", "opposition"),
        ("Soukhne", "opposition"),
        ("Qaryatayn", "opposition"),
    ]
    # the subject just before the verb, and a date of another clause is not this one's
    text = (
        "Fighting broke out near Aleppo on November 27, leading to opposition forces "
        "seizing Aleppo's city centre."
    )
    assert changes(text) == [("Aleppo", "opposition", None, None)]
    # "they" refers back; "Assad" just before "say they" is not who took the city
    text = "Fighters who overthrew Assad say they have taken full control of Deir ez-Zor."
    assert changes(text)[0][:2] == ("Deir ez-Zor", "opposition")


def test_a_faction_that_replaced_another_in_towns_took_them_and_attributive_names_are_not() -> None:
    text = "Hayat Tahrir Al Sham forces have replaced the SDF in the towns of Maadan and Basira."
    assert [c[1:3] for c in changes(text)] == [("hts", "sdf"), ("hts", "sdf")]
    # "Euphrates River towns": the river is nobody's to take or leave
    text = "SDF fighters have withdrawn from four Euphrates River towns near Raqqa."
    assert changes(text) == []
    assert "Euphrates" not in {leg[0] for leg in legs(text)}
    text = "Kurdish-led forces hand over security control of the Tishreen Dam to the government"
    assert changes(text, published=None) == [("Tishrin Dam", "government", "sdf", None)]
    # "to a key dam in northern Syria": the dam is unnamed, Syria only locates it
    assert legs("The government deployed forces to a key dam in northern Syria.") == []
    assert legs("Assad departed Damascus on an aircraft.") == [("Damascus", [], "air", "other")]


def test_an_apposition_does_not_hide_the_subject_and_while_splits_movements() -> None:
    text = (
        "The Syrian National Army (SNA), an umbrella of opposition militia groups, has taken "
        "control of Manbij."
    )
    # a lead in the present perfect is the day's news: the publication date
    assert changes(text) == [("Manbij", "sna", None, PUBLISHED)]
    text = (
        "Iranians flew from Damascus to Tehran, while Hezbollah fighters fled by road to Lebanon."
    )
    assert [(leg[1], leg[2]) for leg in legs(text)] == [(["Tehran"], "air"), (["Lebanon"], "land")]
    # the new authorities' security forces are the government
    assert changes("General Security forces took control of Busra al-Sham.")[0][1] == "government"


def test_the_days_news_takes_the_publication_date_unless_the_text_dates_it() -> None:
    text = (
        "Kurdish forces hand over the Tishreen Dam to the government\n\n"
        "Officials met in Damascus on the plan. HTS forces have replaced the SDF in Maadan."
    )
    assert [(c[0], c[3]) for c in changes(text)] == [
        ("Tishrin Dam", PUBLISHED),
        ("Ma'dan", PUBLISHED),
    ]
    # a date the text states wins over the publication date, and a past tense stays undated
    text = "Rebels capture Hama\n\nRebels captured Hama on Thursday. Rebels seized Suran later."
    assert [(c[0], c[3]) for c in changes(text)] == [
        ("Hama", date(2024, 12, 5)),
        ("Suran", None),
    ]


def test_pages_without_a_space_after_a_stop_still_split_into_sentences() -> None:
    from syriamap.text import sentences

    text = "Rebels took Hama.The army left Homs.Officials in the U.S. said so."
    assert [s.text for s in sentences(text)] == [
        "Rebels took Hama.",
        "The army left Homs.",
        "Officials in the U.S. said so.",
    ]


def test_driven_out_groups_advances_in_other_clauses_and_former_regime_forces() -> None:
    text = "Regime forces were driven out of Darayya and Sahnaya."
    assert changes(text) == [
        ("Darayya", "unknown", "government", None),
        ("Sahnaya", "unknown", "government", None),
    ]
    # an advance in a clause before "after" does not negate the capture after it
    text = "The groups advanced toward Damascus after capturing Quneitra."
    assert changes(text)[0][:2] == ("Quneitra", "opposition")
    # Assad's former army in 2025 is no side of the schema's
    assert changes("Former regime army cells captured Jableh.")[0][:2] == ("Jableh", "unknown")


# --- statements that read like events and are none (issue 11, item 6) ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bread prices in Homs and Hama have doubled since the fall of Assad.",
        "Shops in Douma, Daraa and Aleppo reopened after the fall of the regime.",
        "Life in Latakia has been calm since the regime's fall last winter.",
        "Kobani and Raqqa have seen little fighting since Assad's fall.",
    ],
)
def test_the_fall_of_a_person_or_a_regime_is_no_fall_of_the_places_named(text: str) -> None:
    assert changes(text) == []


def test_the_fall_of_a_place_is_still_a_change() -> None:
    assert [c[0] for c in changes("Rebels celebrated the fall of Hama on Thursday.")] == ["Hama"]
    assert changes("Hama fell to the rebels on Thursday.")[0][:2] == ("Hama", "opposition")


@pytest.mark.parametrize(
    "text",
    [
        "Waiting at the Masnaa crossing, she was seized by a sense of fear.",
        "At the Masnaa crossing the travellers were seized by panic.",
        "In Homs he was seized by an urge to leave.",
    ],
)
def test_being_seized_by_a_feeling_is_no_capture(text: str) -> None:
    assert changes(text) == []


def test_a_place_seized_by_a_faction_is_still_a_capture() -> None:
    assert changes("The Masnaa crossing was seized by HTS fighters on Friday.")[0][:2] == (
        "Masnaa Border Crossing",
        "hts",
    )


@pytest.mark.parametrize(
    "text",
    [
        "If rebels capture Homs, they would cut off Damascus from the coast.",
        "Unless the army retakes Hama, the road to Aleppo stays closed.",
        "Should the rebels seize Homs, Damascus would be cut off.",
        "Rebels are poised to take Homs within days.",
        "The factions threatened to take Manbij by the end of the week.",
        "Rebels pushed to retake Hama before nightfall.",
        "The opposition made a bid to take Idlib.",
        "HTS vowed to take Damascus.",
        "Rebels hope to take Homs soon.",
    ],
)
def test_conditional_and_hypothetical_captures_are_no_changes(text: str) -> None:
    assert changes(text) == []


def test_an_all_caps_headline_word_is_no_place_its_title_case_form_is_not() -> None:
    result = extract("FALL OF ASSAD\n\nRebels entered Damascus on Sunday.", published=PUBLISHED)
    assert [m.surface for m in result.places] == ["Damascus"]
    assert [c.place.name for c in result.control_changes] == ["Damascus"]
    # an all-caps place name is still a place
    assert [m.place.name for m in extract("FALL OF HOMS").places] == ["Homs"]


def test_bare_troops_after_a_reporting_verb_are_the_speakers_when_read_past_the_clause() -> None:
    """The reading past the verb's clause (``near=False``) still gives a bare "troops" to
    the speaker, and reads the lexicon's generic sides (a name clash once broke this)."""
    from syriamap.events.factions import actor_faction

    assert actor_faction("Israel says troops had ", near=False) == "israel"
    assert actor_faction("The regime says troops had ", near=False) == "government"


def test_the_event_rules_read_the_dates_the_text_stage_found() -> None:
    """Dates are found once per sentence (``Document.dated``) and the rules read them: a
    document whose sentence is dated otherwise gives its events that date."""
    from dataclasses import replace
    from datetime import date

    from syriamap.events import add_events
    from syriamap.places import add_places
    from syriamap.text import article_from_text, document_from_article

    article = article_from_text("Rebels captured Hama on Dec. 5, 2024, and civilians fled to Homs.")
    document = add_places(document_from_article(article))
    (dated,) = document.dated
    assert dated.date == date(2024, 12, 5) and dated.dates == ((24, date(2024, 12, 5)),)
    events = add_events(document)
    assert [c.date for c in events.control_changes] == [date(2024, 12, 5)]
    other = date(2024, 11, 30)
    moved = replace(document, dated=(replace(dated, dates=((24, other),), date=other),))
    events = add_events(moved)
    assert [c.date for c in events.control_changes] == [other]
    assert [m.date for m in events.movements] == [other]
