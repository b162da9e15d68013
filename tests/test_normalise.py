"""normalise_text and the normalise_documents batch stage, on real and synthetic articles."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from helpers import REPO_SEEDS

from wirewatch.config import NormaliseSettings
from wirewatch.ingest.language import UNDETERMINED, LanguageDetector
from wirewatch.ingest.normalise import document_id, normalise_documents, normalise_text
from wirewatch.schemas import BINARY, EMPTY_FILE, NO_TEXT, Document, FileStat, RawFile

CFG = NormaliseSettings()
MTIME_NS = 1_710_000_000_000_000_000

LEAD = (
    "NAIROBI, March 12 (Reuters) - Kenya and Ethiopia agreed on Tuesday to deploy joint "
    "patrols along their shared border after a string of deadly cattle raids."
)
STORY = [
    "Kenya and Ethiopia agreed on Tuesday to deploy joint patrols along their shared border "
    "after a string of deadly cattle raids.",
    "Officials said the two countries would share intelligence on armed groups operating in "
    "the region and set up an early-warning centre in Moyale.",
    "More than 40 people have been killed in raids since January, according to the Kenya Red "
    "Cross, which has called for the return of stolen livestock.",
    "The agreement will be reviewed after twelve months, the ministers said in a joint statement.",
]


def raw_file(path, content, seq=0):
    if isinstance(content, str):
        content = content.encode("utf-8")
    stat = FileStat(path=path, size=len(content), mtime_ns=MTIME_NS, seq=seq)
    return RawFile(stat=stat, content=content, sha256=hashlib.sha256(content).hexdigest())


def shared_seed(folder, prefix):
    (path,) = sorted(folder.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def manifest():
    return json.loads((REPO_SEEDS / "manifest.json").read_text(encoding="utf-8"))


def detector():
    return LanguageDetector(
        min_chars=CFG.min_lang_chars,
        min_prob=CFG.min_lang_prob,
        sample_chars=CFG.lang_sample_chars,
        windows=CFG.lang_windows,
    )


# --- (a), (b): the shared real articles -----------------------------------------------------


def test_shared_seed_000_xinhua_dateline_is_parsed_and_removed_from_body(shared_seeds):
    raw = shared_seed(shared_seeds, "000")
    parts = normalise_text(raw)
    assert parts.dateline is not None
    assert parts.dateline.place == "Ankara"
    assert parts.dateline.month == 3
    assert parts.dateline.day == 23
    assert parts.dateline.agency == "Xinhua"
    assert "(Xinhua)" not in parts.body
    assert not parts.body.startswith("ANKARA")
    # The body begins with what follows the dateline's "--" on the first line.
    assert parts.body.startswith(raw.split("--", 1)[1].split(".")[0].strip())


def test_shared_seed_001_furniture_is_stripped_and_title_found(shared_seeds):
    raw = shared_seed(shared_seeds, "001")
    parts = normalise_text(raw)
    for furniture in (
        "-0.1 C",
        "Frankfurt am Main",
        "Must read",
        "Patreon",
        "Liked it?",
        "More News",
        "Latest News",
    ):
        assert furniture not in parts.body, furniture
    # The headline is the fourth line, after the weather and the city furniture and a blank.
    assert parts.title == raw.splitlines()[3].strip()
    assert parts.title.startswith("Turkey says missile defense")
    assert parts.title not in parts.body
    assert parts.body.startswith("Turkey is continuing to hold talks")
    assert parts.body.endswith("Fikri Işık said in a statement in April.")


def test_shared_seed_002_trailing_author_bio_is_stripped(shared_seeds):
    parts = normalise_text(shared_seed(shared_seeds, "002"))
    assert "Adelle Nazarian is a politics" not in parts.body
    assert parts.body.endswith("intelligence on Western war equipment.")


def test_shared_seed_003_outlet_prefix_is_split_off_as_agency(shared_seeds):
    parts = normalise_text(shared_seed(shared_seeds, "003"))
    assert parts.dateline is not None
    assert parts.dateline.agency == "Alwaght"
    assert parts.dateline.place is None
    assert parts.body.startswith("NATO military alliance member Turkey")


# --- (c): language of the shared seeds through the batch stage -------------------------------


def test_shared_seeds_all_detect_as_english_with_high_probability(shared_seeds):
    paths = sorted(shared_seeds.glob("*.txt"))
    assert len(paths) == 5
    files = [raw_file(p.name, p.read_bytes(), seq) for seq, p in enumerate(paths)]
    result = normalise_documents(files, cfg=CFG)
    assert result.quarantine == []
    assert [doc.source_path for doc in result.rows] == [p.name for p in paths]
    for doc in result.rows:
        assert doc.lang == "en", doc.source_path
        assert doc.lang_prob > 0.9, doc.source_path


# --- (d): page furniture ----------------------------------------------------------------------

FURNISHED_ARTICLE = "\n\n".join(
    [
        "21°C",
        "Nairobi",
        "Kenya and Ethiopia agree joint patrols",
        LEAD,
        "Share this article",
        STORY[1],
        "Advertisement",
        STORY[2],
        "Subscribe to our newsletter",
        STORY[3] + " Enditem",
        "(Reporting by John Otieno; Editing by Mary Jones)",
        "Jane Doe is a correspondent covering East Africa for the Coastline Herald.",
    ]
)


def test_furniture_lines_are_removed_from_synthetic_article():
    parts = normalise_text(FURNISHED_ARTICLE)
    assert parts.body == "\n".join(STORY)
    assert parts.title == "Kenya and Ethiopia agree joint patrols"
    assert parts.dateline is not None and parts.dateline.place == "Nairobi"


@pytest.mark.parametrize(
    "furniture",
    [
        "Share this article",
        "Subscribe to our newsletter",
        "Advertisement",
        "(Reporting by John Otieno; Editing by Mary Jones)",
        "Reporting by John Otieno; Writing by Ali Hassan",
        "Must read",
        "More News",
        "Latest News",
        "Read more:",
        "Liked it? Take a second to support the Coastline Herald on Patreon!",
        "© 2024 Coastline Herald. All rights reserved.",
    ],
)
def test_furniture_line_between_paragraphs_is_removed(furniture):
    text = "\n\n".join([STORY[0], furniture, STORY[1], STORY[3]])
    assert normalise_text(text).body == "\n".join([STORY[0], STORY[1], STORY[3]])


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe is a correspondent covering East Africa for the Coastline Herald.",
        "About the author: Jane Doe has covered the Horn of Africa since 2015.",
    ],
    ids=["bio-sentence", "about-the-author"],
)
def test_trailing_author_bio_is_removed(text):
    article = "\n\n".join([*STORY, text])
    assert normalise_text(article).body == "\n".join(STORY)


def test_trailing_enditem_marker_is_removed_from_last_sentence():
    article = "\n\n".join([*STORY[:-1], STORY[-1] + " Enditem"])
    assert normalise_text(article).body == "\n".join(STORY)


def test_enditem_on_its_own_line_is_removed():
    article = "\n\n".join([*STORY, "Enditem"])
    assert normalise_text(article).body == "\n".join(STORY)


@pytest.mark.parametrize(
    ("widget", "place"),
    [("21°C", "Nairobi"), ("-0.1 C", "Frankfurt am Main"), ("68 °F", "New York")],
)
def test_weather_widget_at_the_top_is_removed(widget, place):
    article = "\n".join([widget, place, "Kenya and Ethiopia agree joint patrols", *STORY])
    parts = normalise_text(article)
    assert parts.title == "Kenya and Ethiopia agree joint patrols"
    assert parts.body == "\n".join(STORY)


@pytest.mark.parametrize(
    "sentence",
    [
        "The two countries will share intelligence on armed groups, officials said.",
        "Share prices on the Nairobi exchange rose after the announcement.",
        "Herders can subscribe to a free text-message service that warns of raids.",
        "Both governments subscribe to the principle of non-interference, the statement said.",
        "Turkey will continue to support US efforts against Islamic State, Aksoy said.",
        "Kenya will sign up to the regional early-warning network next year, he said.",
        "The ministry's weekly newsletter said livestock exports rose 4 percent in March.",
    ],
    ids=[
        "share-verb",
        "share-prices",
        "subscribe-to-a",
        "subscribe-to-the",
        "support-us",
        "sign-up-to-the",
        "newsletter",
    ],
)
def test_prose_sentence_containing_furniture_word_is_kept(sentence):
    article = "\n\n".join([STORY[0], sentence, STORY[3]])
    assert normalise_text(article).body == "\n".join([STORY[0], sentence, STORY[3]])


def test_author_bio_like_sentence_in_the_middle_is_kept():
    bio_like = "Jane Doe is a correspondent covering East Africa for the Coastline Herald."
    article = "\n\n".join([STORY[0], bio_like, STORY[3]])
    assert bio_like in normalise_text(article).body


# --- (e): metadata header and byline ----------------------------------------------------------

HEADER_ARTICLE = "\n".join(
    [
        "Title: Kenya and Ethiopia agree joint patrols",
        "Outlet: The Horn Observer",
        "Published: 2024-03-13",
        "URL: https://example.org/2024/03/kenya-ethiopia-patrols",
        "",
        "By Jane Doe",
        "",
        LEAD,
        "",
        STORY[3],
    ]
)


def test_metadata_header_fills_fields_and_is_not_in_body():
    parts = normalise_text(HEADER_ARTICLE)
    assert parts.title == "Kenya and Ethiopia agree joint patrols"
    assert parts.outlet == "The Horn Observer"
    assert parts.url == "https://example.org/2024/03/kenya-ethiopia-patrols"
    assert parts.published_date == date(2024, 3, 13)
    assert parts.body == "\n".join([STORY[0], STORY[3]])
    for fragment in ("Title:", "Outlet:", "Published:", "URL:", "example.org"):
        assert fragment not in parts.body


def test_byline_line_is_split_off_into_byline():
    parts = normalise_text(HEADER_ARTICLE)
    assert parts.byline == "Jane Doe"
    assert "By Jane Doe" not in parts.body


def test_byline_without_header_is_split_off():
    article = "\n\n".join(["Kenya and Ethiopia agree joint patrols", "By Wanjiru Achieng", *STORY])
    parts = normalise_text(article)
    assert parts.byline == "Wanjiru Achieng"
    assert parts.title == "Kenya and Ethiopia agree joint patrols"
    assert parts.body == "\n".join(STORY)


def test_header_title_repeated_as_first_line_is_dropped_from_body():
    article = HEADER_ARTICLE.replace("By Jane Doe", "Kenya and Ethiopia agree joint patrols")
    parts = normalise_text(article)
    assert parts.title == "Kenya and Ethiopia agree joint patrols"
    assert "agree joint patrols" not in parts.body


@pytest.mark.parametrize(
    "published",
    ["2024-03-13", "2024-03-13T08:30:00Z", "Wed, 13 Mar 2024 08:30:00 +0000"],
    ids=["iso-date", "iso-datetime", "rfc-2822"],
)
def test_header_published_date_formats_are_parsed(published):
    parts = normalise_text(HEADER_ARTICLE.replace("2024-03-13", published))
    assert parts.published_date == date(2024, 3, 13)


def test_unparseable_header_published_date_gives_none():
    parts = normalise_text(HEADER_ARTICLE.replace("2024-03-13", "last Wednesday"))
    assert parts.published_date is None
    assert parts.title == "Kenya and Ethiopia agree joint patrols"


def test_key_value_lines_without_blank_line_are_not_a_header():
    text = "Title: Kenya pact\nOutlet: Horn Observer"
    parts = normalise_text(text)
    assert parts.outlet is None
    assert "Outlet: Horn Observer" in parts.body


# --- (f): Unicode and whitespace normalisation ------------------------------------------------


def test_combining_accent_is_composed_to_nfc():
    parts = normalise_text("Cafe\u0301 owners in Bogota\u0301 protested on Monday.")
    assert parts.body == "Café owners in Bogotá protested on Monday."
    assert "\u0301" not in parts.body


def test_crlf_line_endings_become_newlines():
    text = "\r\n\r\n".join(STORY[:2]) + "\r\n" + "\r\n".join(STORY[2:]) + "\r\n"
    parts = normalise_text(text)
    assert "\r" not in parts.body
    assert parts.body == "\n".join(STORY)


def test_nbsp_and_space_runs_become_single_spaces():
    parts = normalise_text("Kenya\u00a0and  Ethiopia\u00a0\u00a0agreed \t on Tuesday.  ")
    assert parts.body == "Kenya and Ethiopia agreed on Tuesday."


def test_zero_width_characters_and_soft_hyphens_are_removed():
    parts = normalise_text("\ufeffKe\u200bnya and Ethi\u00adopia agreed\u200d on Tues\u2060day.")
    assert parts.body == "Kenya and Ethiopia agreed on Tuesday."


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    text = (
        "Kenya and Ethiopia agreed on Tuesday to deploy joint\n"
        "patrols along their shared border after a string of\n"
        "deadly cattle raids."
    )
    assert normalise_text(text).body == STORY[0]


# --- (g): doc_id --------------------------------------------------------------------------------


def test_reprints_with_different_headline_and_furniture_share_doc_id():
    reprint_a = "\n".join(
        [
            "24.1 C",
            "Nairobi",
            "Joint patrols to guard Kenya-Ethiopia frontier under new deal",
            LEAD,
            *STORY[1:],
            "Share this article",
        ]
    )
    reprint_b = "\n\n".join(
        [
            "Title: Kenya, Ethiopia sign border pact after deadly raids\nOutlet: Horn Observer",
            "Kenya, Ethiopia sign border pact after deadly raids",
            "By Wanjiru Achieng",
            "Must read",
            LEAD,
            *STORY[1:],
            "Liked it? Take a second to support Horn Observer on Patreon!",
            "More News",
            "Latest News",
        ]
    )
    a, b = normalise_text(reprint_a), normalise_text(reprint_b)
    assert a.title != b.title
    assert a.body == b.body == "\n".join(STORY)
    assert document_id(a.body) == document_id(b.body)


def test_reprints_share_doc_id_through_the_batch_stage():
    original = "\n\n".join(["Kenya, Ethiopia sign border security pact", LEAD, *STORY[1:]])
    reprint = "\r\n".join(["21°C", "Nairobi", "Frontier deal", LEAD, *STORY[1:], "More News"])
    result = normalise_documents(
        [raw_file("a.txt", original, 0), raw_file("b.txt", reprint.encode("cp1252"), 1)],
        cfg=CFG,
    )
    assert result.quarantine == []
    first, second = result.rows
    assert second.encoding == "cp1252"
    assert first.doc_id == second.doc_id


def test_one_word_change_gives_different_doc_id():
    changed = [STORY[0].replace("deadly", "fatal"), *STORY[1:]]
    original = normalise_text("\n\n".join([LEAD, *STORY[1:]]))
    edited = normalise_text("\n\n".join(["NAIROBI (Reuters) - " + changed[0], *changed[1:]]))
    assert original.body != edited.body
    assert document_id(original.body) != document_id(edited.body)


def test_document_id_is_32_hex_chars_of_body_hash():
    body = "\n".join(STORY)
    doc_id = document_id(body)
    assert len(doc_id) == 32
    assert doc_id == hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]


# --- (h): language detection ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(STORY),
        "Hotel Restaurant Bar Taxi Hotel Restaurant Bar Taxi Hotel Restaurant",
        "Presidente Lula da Silva visitou a cidade de Buenos Aires com o presidente",
    ],
    ids=["english-story", "ambiguous-words", "portuguese"],
)
def test_same_text_gives_same_guess_across_fresh_detectors(text):
    guesses = {
        (guess.lang, guess.prob) for guess in (detector().detect(text) for _ in range(3))
    }
    assert len(guesses) == 1


def test_text_shorter_than_min_lang_chars_is_undetermined():
    guess = detector().detect("Kenya signs pact.")
    assert guess.lang == UNDETERMINED
    assert guess.prob == 0.0


def test_short_document_gets_undetermined_language_in_batch():
    result = normalise_documents([raw_file("short.txt", "Kenya signs pact.\n")], cfg=CFG)
    (doc,) = result.rows
    assert doc.lang == UNDETERMINED


@pytest.mark.parametrize(
    "entry",
    [entry for entry in manifest() if entry["lang"] in {"fr", "es", "de"}],
    ids=lambda entry: entry["lang"],
)
def test_foreign_language_seed_detects_its_language(entry):
    path = REPO_SEEDS / entry["path"]
    result = normalise_documents([raw_file(entry["path"], path.read_bytes())], cfg=CFG)
    (doc,) = result.rows
    assert doc.lang == entry["lang"]
    assert doc.lang_prob >= CFG.min_lang_prob


# --- (i): the batch stage: quarantine and good rows side by side -----------------------------


def test_batch_quarantines_bad_files_and_keeps_good_ones():
    good_paths = [
        "wire/reuters/kenya-ethiopia-border-security-pact.txt",
        "misc/cp1252/colombia-ecuador-rumichaca-reopening.txt",
        "misc/bom/lithuania-farmers-border-blockade.txt",
    ]
    files = [
        raw_file(good_paths[0], (REPO_SEEDS / good_paths[0]).read_bytes(), 0),
        raw_file("empty.txt", b"", 1),
        raw_file("blank.txt", "  \r\n\t\n\u00a0\u200b\n \n", 2),
        raw_file("chrome.txt", "Share this article\n\nSubscribe to our newsletter\nMore News\n", 3),
        raw_file("header-only.txt", "Title: Nothing here\nOutlet: Horn Observer\n\n", 4),
        raw_file(good_paths[1], (REPO_SEEDS / good_paths[1]).read_bytes(), 5),
        raw_file("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", 6),
        raw_file(good_paths[2], (REPO_SEEDS / good_paths[2]).read_bytes(), 7),
    ]
    result = normalise_documents(files, cfg=CFG)

    reasons = {record.path: record.reason for record in result.quarantine}
    assert reasons == {
        "empty.txt": EMPTY_FILE,
        "blank.txt": NO_TEXT,
        "chrome.txt": NO_TEXT,
        "header-only.txt": NO_TEXT,
        "scan.txt": BINARY,
    }
    assert [doc.source_path for doc in result.rows] == good_paths
    assert all(isinstance(doc, Document) for doc in result.rows)
    assert [doc.encoding for doc in result.rows] == ["utf-8", "cp1252", "utf-8-sig"]
    assert all(doc.body and doc.lang == "en" for doc in result.rows)


def test_quarantine_record_carries_file_identity():
    empty = raw_file("misc/empty.txt", b"", 3)
    (record,) = normalise_documents([empty], cfg=CFG).quarantine
    assert record.reason == EMPTY_FILE
    assert (record.path, record.size, record.mtime_ns, record.seq) == (
        "misc/empty.txt", 0, MTIME_NS, 3,
    )
    assert record.sha256 == empty.sha256


def test_document_row_carries_file_identity_and_parsed_fields():
    path = "wire/tass/russia-kazakhstan-caspian-ports.txt"
    raw = raw_file(path, (REPO_SEEDS / path).read_bytes(), 9)
    (doc,) = normalise_documents([raw], cfg=CFG).rows
    assert (doc.source_path, doc.seq, doc.size, doc.mtime_ns, doc.sha256) == (
        path, 9, raw.stat.size, MTIME_NS, raw.sha256,
    )
    assert (doc.dateline_place, doc.dateline_month, doc.dateline_day, doc.dateline_agency) == (
        "Moscow", 11, 14, "TASS",
    )
    assert doc.dateline_raw == "MOSCOW, November 14 /TASS/."
    assert doc.doc_id == document_id(doc.body)
    assert doc.n_chars == len(doc.body)


def test_all_repo_seeds_normalise_except_the_empty_file():
    entries = manifest()
    files = [
        raw_file(entry["path"], (REPO_SEEDS / entry["path"]).read_bytes(), seq)
        for seq, entry in enumerate(entries)
    ]
    result = normalise_documents(files, cfg=CFG)
    assert [(r.path, r.reason) for r in result.quarantine] == [("misc/empty.txt", EMPTY_FILE)]
    by_path = {doc.source_path: doc for doc in result.rows}
    for entry in entries:
        if entry["kind"] == "empty":
            continue
        doc = by_path[entry["path"]]
        assert doc.encoding == entry["encoding"], entry["path"]
        assert doc.lang == entry["lang"], entry["path"]
        expected_date = entry["published"] and date.fromisoformat(entry["published"])
        assert doc.published_date == expected_date, entry["path"]
