"""Analyst views: known rows in (tests/analytics_data.py), exact rows out, on a real DuckDB file."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from analytics_data import CURRENT_CODER, build_analytics_db
from helpers import rows

MARCH_1, MARCH_2 = date(2024, 3, 1), date(2024, 3, 2)

GDELT_EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_Fullname", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_Fullname", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_Fullname", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]
GDELT_INTEGER_COLUMNS = {
    "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
    "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type",
}
GDELT_DOUBLE_COLUMNS = {
    "FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long",
    "Actor2Geo_Lat", "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long",
}
GDELT_BIGINT_COLUMNS = {"GLOBALEVENTID", "DATEADDED"}
GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
]
NO_GEO = (0, None, None, None, None, None, None, None)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_analytics_db(tmp_path_factory.mktemp("views") / "w.duckdb")


def test_stg_events_keep_only_the_current_coder_version(db):
    assert rows(db, "select distinct coder_version from stg_events") == [(CURRENT_CODER,)]
    assert rows(db, "select event_id from stg_events order by event_id") == [
        (f"ev{i}",) for i in range(1, 8)
    ]
    assert rows(db, "select count(*) from stg_event_mentions") == [(8,)]
    assert rows(
        db, "select actor1_primary_code, actor2_primary_code from stg_events where event_id='ev4'"
    ) == [("NATO", "TUR")]


def test_stg_events_code_groups_without_a_fixed_code_under_their_primary_code(tmp_path):
    db = build_analytics_db(tmp_path / "w.duckdb")
    with duckdb.connect(str(db)) as con:
        # The coder writes the RSF as SDNREB (known group RSF), the WFP as UNO (known group WFP).
        con.execute("update events set actor1_code = 'SDNREB', actor1_country = 'SDN', "
                    "actor1_known_group = 'RSF' where event_id = 'ev4'")
        con.execute("update events set actor1_code = 'UNO', actor1_country = null, "
                    "actor1_known_group = 'WFP' where event_id = 'ev3'")
    assert rows(db, "select event_id, actor1_primary_code, actor2_primary_code from stg_events "
                    "where event_id in ('ev3', 'ev4') order by event_id") == [
        ("ev3", "UNO", "TUR"), ("ev4", "SDN", "TUR")]


def test_stg_events_switch_to_a_newer_coder_version_as_soon_as_it_codes(tmp_path):
    db = build_analytics_db(tmp_path / "w.duckdb")
    with duckdb.connect(str(db)) as con:
        con.execute(
            "insert into coded_documents "
            "(coder_version, doc_id, n_sentences, n_mentions, doc_tone, coded_at, run_id) values "
            "('cameo-2.0', 'doc_a', 5, 0, 0.0, timestamptz '2026-03-01 00:00:00+00', 'r3')"
        )
    assert rows(db, "select count(*) from stg_events") == [(0,)]
    assert rows(db, "select count(*) from events_gdelt") == [(0,)]


def test_daily_event_counts_by_day_root_and_quad_class(db):
    assert rows(db, "select * from daily_event_counts") == [
        # day, root, quad, events, root events, coarse date, mentions, sources, articles, sum, mean
        (MARCH_1, "04", 1, 1, 1, 0, 3, 3, 2, 1.9, 1.9),
        (MARCH_1, "13", 3, 1, 0, 0, 1, 1, 1, -5.8, -5.8),
        (MARCH_1, "14", 4, 1, 0, 1, 1, 1, 1, -6.5, -6.5),  # dated to the month only
        (MARCH_2, "02", 1, 1, 1, 0, 1, 1, 1, 3.0, 3.0),
        (MARCH_2, "16", 4, 2, 1, 0, 3, 3, 3, -12.0, -6.0),
        (None, "19", 4, 1, 0, 0, 1, 1, 1, -10.0, -10.0),  # undated
    ]


def test_dyads_count_events_by_quad_class_with_mean_goldstein_and_dates(db):
    assert rows(db, "select * from dyads") == [
        # a1, a2, events, q1, q2, q3, q4, undated, mentions, articles, sum, mean, first, last
        ("TUR", "USA", 2, 1, 0, 1, 0, 0, 4, 3, -3.9, -1.95, MARCH_1, MARCH_1),
        ("USA", "TUR", 2, 0, 0, 0, 2, 0, 3, 3, -12.0, -6.0, MARCH_2, MARCH_2),
        ("NATO", "TUR", 1, 1, 0, 0, 0, 0, 1, 1, 3.0, 3.0, MARCH_2, MARCH_2),
        ("RUS", "TUR", 1, 0, 0, 0, 1, 1, 1, 1, -10.0, -10.0, None, None),
    ]


def test_actor_activity_counts_each_actor_by_day_on_either_side(db):
    assert rows(db, "select * from actor_activity") == [
        # actor, day, month, events, as actor1, as actor2, coop, conflict, mentions, sum, mean
        ("NATO", MARCH_2, MARCH_1, 1, 1, 0, 1, 0, 1, 3.0, 3.0),
        ("RUS", None, None, 1, 1, 0, 0, 1, 1, -10.0, -10.0),
        ("TUR", MARCH_1, MARCH_1, 3, 3, 0, 1, 2, 5, -10.4, -3.4667),
        ("TUR", MARCH_2, MARCH_1, 3, 0, 3, 1, 2, 4, -9.0, -3.0),
        ("TUR", None, None, 1, 0, 1, 0, 1, 1, -10.0, -10.0),
        ("USA", MARCH_1, MARCH_1, 2, 0, 2, 1, 1, 4, -3.9, -1.95),
        ("USA", MARCH_2, MARCH_1, 2, 2, 0, 0, 2, 3, -12.0, -6.0),
    ]


def test_conflict_cooperation_daily_sums_and_means_goldstein_per_day(db):
    assert rows(db, "select * from conflict_cooperation_daily") == [
        # day, events, coop, conflict, mentions, sum, mean, mean weighted by mentions
        (MARCH_1, 3, 1, 2, 5, -10.4, -3.4667, -1.32),  # (1.9*3 - 5.8 - 6.5) / 5
        (MARCH_2, 3, 1, 2, 4, -9.0, -3.0, -4.25),  # (-8*2 + 3 - 4) / 4
        (None, 1, 0, 1, 1, -10.0, -10.0, -10.0),
    ]


def test_conflict_cooperation_dyad_daily_per_day_and_pair(db):
    assert rows(db, "select * from conflict_cooperation_dyad_daily") == [
        (MARCH_1, "TUR", "USA", 2, 1, 1, 4, -3.9, -1.95),
        (MARCH_2, "USA", "TUR", 2, 0, 2, 3, -12.0, -6.0),
        (MARCH_2, "NATO", "TUR", 1, 1, 0, 1, 3.0, 3.0),
        (None, "RUS", "TUR", 1, 0, 1, 1, -10.0, -10.0),
    ]


def test_story_clusters_overview_lists_outlets_sizes_and_coded_events(db):
    got = rows(
        db,
        "select cluster_id, title, wire_agency, n_docs, n_sources, n_outlets, outlets, n_events,"
        " n_event_mentions, hours_seen from story_clusters_overview",
    )
    assert got == [
        ("doc_a", "Turkey and US hold talks on S-400", "Reuters", 2, 3, 3,
         ["Daily Sabah", "Hurriyet", "Reuters"], 4, 5, 6.5),
        ("doc_c", "NATO urges Turkey to decide", None, 1, 1, 1, ["Anadolu"], 1, 1, 0.0),
        ("doc_d", "La Russie et la Turquie", "AFP", 1, 1, 0, [], 2, 2, 0.0),
        ("doc_f", "Ein anderes Thema", None, 1, 1, 1, ["Daily Sabah"], 0, 0, 0.0),
    ]


def test_reprint_share_by_outlet_counts_near_and_exact_copies_as_reprints(db):
    assert rows(db, "select * from reprint_share_by_outlet") == [
        # outlet, sightings, documents, stories, originals, reprints, share, unclustered
        ("Daily Sabah", 2, 2, 2, 1, 1, 0.5, 0),
        ("Reuters", 2, 2, 2, 2, 0, 0.0, 1),
        ("Anadolu", 1, 1, 1, 1, 0, 0.0, 0),
        ("Hurriyet", 1, 1, 1, 0, 1, 1.0, 0),
        (None, 1, 1, 1, 1, 0, 0.0, 0),
    ]


def test_ingest_health_gives_throughput_and_quarantine_by_reason_per_run(db):
    got = rows(
        db,
        "select run_id, status, seconds_elapsed, documents_per_second, megabytes_per_second,"
        " n_quarantined, n_quarantine_rows_new, quarantine_by_reason, seconds_coding"
        " from ingest_health",
    )
    assert got == [
        ("r2", "running", None, None, None, 0, 1, {"empty_file": 1}, 0.0),
        ("r1", "completed", 10.0, 1.0, 0.2, 2, 2, {"binary": 1, "empty_file": 1}, 2.0),
    ]


def test_language_mix_shares(db):
    assert rows(db, "select * from language_mix") == [
        ("en", 4, 0.6667, 0.99, 3300),
        ("de", 1, 0.1667, 0.99, 500),
        ("fr", 1, 0.1667, 0.9, 700),
    ]


def test_events_gdelt_has_gdelt_columns_in_order_with_gdelt_types(db):
    described = rows(db, "select column_name, column_type from (describe events_gdelt)")
    assert [name for name, _ in described] == GDELT_EVENT_COLUMNS
    for name, column_type in described:
        if name in GDELT_BIGINT_COLUMNS:
            assert column_type == "BIGINT", name
        elif name in GDELT_INTEGER_COLUMNS:
            assert column_type == "INTEGER", name
        elif name in GDELT_DOUBLE_COLUMNS:
            assert column_type == "DOUBLE", name
        else:
            assert column_type == "VARCHAR", name


def test_events_gdelt_rows_leave_out_undated_events_and_keep_codes_as_strings(db):
    got = rows(db, "select * from events_gdelt")
    assert [row[0] for row in got] == [101, 102, 103, 104, 107, 106]  # by DATEADDED; ev5 undated
    by_id = {row[0]: row for row in got}
    march_1_fraction = round(2024 + (2 * 30 + 1) / 365, 4)
    assert by_id[101] == (
        101, 20240301, 202403, 2024, march_1_fraction,
        "TURGOV", "TURKEY", "TUR", None, None, None, None, "GOV", None, None,
        "USAGOV", "UNITED STATES", "USA", None, None, None, None, "GOV", None, None,
        1, "042", "042", "04", 1, 1.9, 3, 3, 2, -1.75,
        *NO_GEO, *NO_GEO,
        4, "Ankara, Turkey", "TU", None, None, 39.93, 32.86, "323786",
        20260201100000, "https://example.org/a",
    )
    assert by_id[104][5:9] == ("NATO", "NATO", None, "NATO")
    assert by_id[104][25:35] == (1, "0251", "025", "02", 1, 3.0, 1, 1, 1, 1.5)
    assert by_id[104][51:59] == NO_GEO
    # A country-level place carries its FIPS code as ADM1, as in GDELT.
    assert by_id[102][51:59] == (1, "Turkey", "TU", "TU", None, 39.0, 35.0, "TU")
    # Dated to the month: its first day. No second actor: empty Actor2 fields.
    assert by_id[106][1:4] == (20240301, 202403, 2024)
    assert by_id[106][15:25] == (None,) * 10


def test_fraction_date_follows_gdelt_files(tmp_path):
    # GDELT rows for 2015-02-18 carry FractionDate 2015.1315.
    db = build_analytics_db(tmp_path / "w.duckdb")
    with duckdb.connect(str(db)) as con:
        con.execute(
            "update events set event_date = date '2015-02-18' "
            "where event_id = 'ev1' and coder_version = ?",
            [CURRENT_CODER],
        )
    assert rows(
        db, 'select "SQLDATE", "FractionDate" from events_gdelt where "GLOBALEVENTID" = 101'
    ) == [(20150218, 2015.1315)]


def test_mentions_gdelt_has_sixteen_gdelt_columns_for_dated_events(db):
    described = rows(db, "select column_name from (describe mentions_gdelt)")
    assert [name for (name,) in described] == GDELT_MENTION_COLUMNS
    got = rows(db, "select * from mentions_gdelt")
    assert [row[0] for row in got] == [101, 102, 101, 103, 104, 107, 106]  # none of ev5
    assert got[2] == (
        101, 20260201100000, 20260201100500, 1, "Daily Sabah", "https://example.org/b",
        3, 245, 260, 250, 0, 75, 900, -1.0, None, None,
    )
    # No URL: the file path identifies the article; no second actor: offset -1.
    assert got[6] == (
        106, 20260201100600, 20260201100600, 1, "AFP", "/in/d.txt",
        2, 100, -1, 115, 1, 70, 700, 0.0, None, None,
    )


def test_every_view_file_is_created_and_reads_on_an_empty_database(tmp_path):
    from wirewatch.store.store import Store, list_views

    with Store.open(tmp_path / "empty.duckdb") as store:
        for name, _text in list_views():
            columns, result = store.query(f"select * from {name}")
            assert columns, name
            assert result == [], name


def test_views_answer_through_the_sql_command(db):
    from typer.testing import CliRunner

    from wirewatch.cli import app

    result = CliRunner().invoke(
        app,
        ["sql", "select actor1_primary_code, actor2_primary_code, n_events from dyads",
         "--db", str(db), "--format", "csv"],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "actor1_primary_code,actor2_primary_code,n_events",
        "TUR,USA,2",
        "USA,TUR,2",
        "NATO,TUR,1",
        "RUS,TUR,1",
    ]


def test_the_duckdb_shell_reads_the_views_from_the_file(db):
    import subprocess
    import sys
    from pathlib import Path

    shell = Path(sys.executable).with_name("duckdb")  # the duckdb-cli package, same 1.5 format
    result = subprocess.run(
        [str(shell), "-readonly", "-csv", str(db), "-c",
         "select actor1_primary_code, actor2_primary_code, n_events from dyads"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "actor1_primary_code,actor2_primary_code,n_events",
        "TUR,USA,2",
        "USA,TUR,2",
        "NATO,TUR,1",
        "RUS,TUR,1",
    ]
