"""The MARC code lists and vocabularies in sandbox/reference/data, and the API that reads them."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from sandbox.reference import codes

DATA_FILES = (
    "languages.tsv",
    "countries.tsv",
    "geographic_areas.tsv",
    "relators.tsv",
    "source_codes.tsv",
    "rda_carrier_content_media.tsv",
    "initial_articles.tsv",
)


def _lines(filename: str) -> list[str]:
    table = resources.files("sandbox.reference").joinpath("data", filename)
    return table.read_text(encoding="utf-8").splitlines()


# --- the data files themselves ----------------------------------------------------------------


@pytest.mark.parametrize("filename", DATA_FILES)
def test_every_table_names_its_source_then_has_a_header(filename):
    lines = _lines(filename)
    comments = [line for line in lines if line.startswith("#")]
    assert comments, f"{filename} has no comment lines"
    assert any("https://www.loc.gov/" in line for line in comments), f"{filename} names no LC page"
    # comments come first, then one header row, then data
    first_data = len(comments)
    assert all(line.startswith("#") for line in lines[:first_data])
    header = lines[first_data].split("\t")
    assert header[0] in {"code", "field", "article"}
    body = lines[first_data + 1:]
    assert body, f"{filename} has no rows"
    for line in body:
        assert not line.startswith("#")
        assert len(line.split("\t")) == len(header), (filename, line)


@pytest.mark.parametrize("filename", ["languages.tsv", "countries.tsv", "geographic_areas.tsv", "relators.tsv"])
def test_code_lists_have_no_duplicate_codes(filename):
    lines = [line for line in _lines(filename) if not line.startswith("#")][1:]
    found = [line.split("\t")[0] for line in lines]
    assert len(found) == len(set(found))


def test_code_shapes():
    for code, entry in codes.languages().items():
        assert re.fullmatch(r"-?[a-z]{3}", code), code
        assert entry.obsolete == code.startswith("-")
    for code, entry in codes.countries().items():
        assert re.fullmatch(r"-?[a-z]{2,3}", code), code
        assert entry.obsolete == code.startswith("-")
    for code, entry in codes.geographic_areas().items():
        assert re.fullmatch(r"-?[a-z][a-z-]{6}", code), code
        assert entry.obsolete == code.startswith("-")
    for code, entry in codes.relators().items():
        assert re.fullmatch(r"-?[a-z]{3}", code), code
        assert entry.obsolete == code.startswith("-")
        assert entry.name == entry.name.lower()


def test_lists_are_complete_enough():
    current = lambda table: [e for e in table.values() if not e.obsolete]
    assert len(current(codes.languages())) >= 480
    assert len(current(codes.countries())) >= 300
    assert len(current(codes.geographic_areas())) >= 500
    assert len(current(codes.relators())) >= 250
    assert len(codes.source_codes("subject")) >= 300
    assert len(codes.source_codes("classification")) >= 150
    assert len(codes.source_codes("genre")) >= 80


# --- languages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name"),
    [("eng", "English"), ("fre", "French"), ("ger", "German"), ("spa", "Spanish"),
     ("jpn", "Japanese"), ("chi", "Chinese"), ("lat", "Latin"), ("zxx", "No linguistic content"),
     ("und", "Undetermined"), ("mul", "Multiple languages"), ("srp", "Serbian"), ("hrv", "Croatian")],
)
def test_current_languages(code, name):
    entry = codes.languages()[code]
    assert entry.name == name
    assert not entry.obsolete
    assert codes.is_valid_language(code)


@pytest.mark.parametrize(("code", "name"), [("-esk", "Eskimo languages"), ("-scc", "Serbian"),
                                            ("-scr", "Croatian"), ("-tag", "Tagalog")])
def test_discontinued_languages_are_kept_but_not_valid(code, name):
    entry = codes.languages()[code]
    assert entry.obsolete and entry.name == name
    bare = code[1:]
    assert entry.bare_code == bare
    assert not codes.is_valid_language(code)
    assert not codes.is_valid_language(bare)
    assert codes.find_code(codes.languages(), bare) is entry


def test_language_validation_is_exact():
    assert not codes.is_valid_language("ENG")
    assert not codes.is_valid_language("en")
    assert not codes.is_valid_language("")
    assert not codes.is_valid_language("xyz")


# --- countries --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name"),
    [("nyu", "New York (State)"), ("enk", "England"), ("fr", "France"), ("xxu", "United States"),
     ("xxk", "United Kingdom"), ("gw", "Germany"), ("cc", "China"), ("ja", "Japan"), ("ai", "Armenia (Republic)")],
)
def test_current_countries(code, name):
    assert codes.countries()[code].name == name
    assert codes.is_valid_country(code)


def test_country_codes_are_blank_padded_in_008():
    assert codes.is_valid_country("fr ")
    assert codes.is_valid_country("nyu")
    assert not codes.is_valid_country(" fr")
    assert not codes.is_valid_country("fr  ")
    assert not codes.is_valid_country("")
    assert not codes.is_valid_country("   ")
    assert not codes.is_valid_country("zz ")


def test_discontinued_countries():
    assert codes.countries()["-us"].obsolete
    assert not codes.is_valid_country("us")
    assert not codes.is_valid_country("-us")
    assert codes.find_code(codes.countries(), "us").name == "United States"
    # a discontinued code and a current one can share letters: -ai was Anguilla, ai is Armenia
    assert codes.countries()["-ai"].name == "Anguilla"
    assert codes.find_code(codes.countries(), "ai").name == "Armenia (Republic)"


# --- geographic areas -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name"),
    [("n-us---", "United States"), ("e-fr---", "France"), ("n-us-ny", "New York"),
     ("e-uk-en", "England"), ("a-cc---", "China"), ("f------", "Africa"), ("zmo----", "Moon")],
)
def test_current_geographic_areas(code, name):
    assert codes.geographic_areas()[code].name == name
    assert codes.is_valid_geographic_area(code)


def test_geographic_areas_must_be_seven_characters():
    assert not codes.is_valid_geographic_area("n-us")
    assert not codes.is_valid_geographic_area("n-us----")
    assert not codes.is_valid_geographic_area("N-US---")


def test_discontinued_geographic_areas():
    assert not codes.is_valid_geographic_area("a-hk---")
    entry = codes.find_code(codes.geographic_areas(), "a-hk---")
    assert entry is not None and entry.obsolete and entry.name == "Hong Kong"
    assert codes.is_valid_geographic_area("a-cc-hk")


# --- relators ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "term"),
    [("aut", "author"), ("trl", "translator"), ("edt", "editor"), ("ill", "illustrator"),
     ("prf", "performer"), ("cmp", "composer"), ("ctb", "contributor"), ("pbl", "publisher"),
     ("wfs", "writer of film story")],
)
def test_relators(code, term):
    assert codes.relators()[code].name == term
    assert codes.is_valid_relator(code)


def test_discontinued_relators_say_what_to_use():
    assert codes.relators()["-grt"].use_instead == "art"
    assert codes.relators()["-voc"].use_instead == "sng"
    assert codes.relators()["-clb"].use_instead == "ctb"
    assert not codes.is_valid_relator("grt")
    for entry in codes.relators().values():
        if entry.use_instead:
            assert codes.is_valid_relator(entry.use_instead)


# --- source codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "category"),
    [("lcsh", "subject"), ("fast", "subject"), ("mesh", "subject"), ("aat", "subject"),
     ("gnd", "subject"), ("rvm", "subject"), ("lcshac", "subject"), ("homoit", "subject"),
     ("tgn", "subject"), ("sears", "subject"), ("lcgft", "genre"), ("gsafd", "genre"),
     ("rbgenr", "genre"), ("gmgpc", "genre"), ("rdacontent", "genre"), ("ddc", "classification"),
     ("udc", "classification"), ("lcc", "classification"), ("nlm", "classification"),
     ("naf", "name"), ("rda", "other"), ("aacr", "other"), ("dcrmb", "other")],
)
def test_source_codes_by_category(code, category):
    assert code in codes.source_codes(category)
    assert category in codes.source_code_categories(code)
    assert code in codes.source_codes()


def test_source_code_details():
    assert codes.source_codes("subject")["lcsh"].name == "Library of Congress subject headings"
    assert codes.source_codes("subject")["ysa"].deprecated
    assert not codes.source_codes("subject")["yso"].deprecated
    assert set(codes.source_code_categories("gnd")) == {"subject", "genre", "name"}
    assert "viaf" not in codes.source_codes()  # LC removed it from the name list
    assert "lcgft" not in codes.source_codes("subject")
    with pytest.raises(ValueError):
        codes.source_codes("topical")


# --- RDA content, media, carrier --------------------------------------------------------------


def test_rda_content_types():
    content = codes.rda_terms("336")
    expected = {"txt": "text", "sti": "still image", "prm": "performed music",
                "tdi": "two-dimensional moving image", "cri": "cartographic image",
                "ntm": "notated music", "cod": "computer dataset", "spw": "spoken word"}
    for code, term in expected.items():
        assert content[code].term == term
        assert content[code].source == "rdacontent"
    assert len(content) == 25


def test_rda_media_types():
    media = codes.rda_terms("337")
    for code, term in {"n": "unmediated", "c": "computer", "v": "video", "s": "audio", "h": "microform"}.items():
        assert media[code].term == term
        assert media[code].source == "rdamedia"
    assert len(media) == 10


def test_rda_carrier_types():
    carrier = codes.rda_terms("338")
    for code, term in {"nc": "volume", "cr": "online resource", "vd": "videodisc", "sd": "audio disc",
                       "nb": "sheet", "he": "microfiche", "ss": "audiocassette"}.items():
        assert carrier[code].term == term
        assert carrier[code].source == "rdacarrier"
    assert carrier["nc"].group == "unmediated"
    assert all(len(code) == 2 for code in carrier)
    assert codes.rda_terms("rdacarrier") == carrier
    with pytest.raises(ValueError):
        codes.rda_terms("300")


def test_rda_code_lengths_match_their_field():
    for field, length in (("336", 3), ("337", 1), ("338", 2)):
        assert all(len(code) == length for code in codes.rda_terms(field))


# --- initial articles -------------------------------------------------------------------------


def test_initial_articles():
    assert "the" in codes.initial_articles("eng")
    assert {"a", "an"} <= set(codes.initial_articles("eng"))
    french = codes.initial_articles("fre")
    assert {"la", "le", "les", "l'", "un", "une"} <= set(french)
    assert {"der", "die", "das", "ein", "eine"} <= set(codes.initial_articles("ger"))
    assert {"el", "la", "los", "las", "un", "una"} <= set(codes.initial_articles("spa"))
    assert "al-" in codes.initial_articles("ara")
    assert "ha-" in codes.initial_articles("heb")
    assert "the" not in codes.initial_articles("fre")
    assert codes.initial_articles("xxx") == []


def test_initial_articles_longest_first():
    irish = codes.initial_articles("gle")
    assert irish.index("an t-") < irish.index("an")
    lengths = [len(word) for word in codes.initial_articles("ger")]
    assert lengths == sorted(lengths, reverse=True)


def test_article_languages_are_current_codes():
    lines = [line for line in _lines("initial_articles.tsv") if not line.startswith("#")][1:]
    for line in lines:
        article, languages, names, _note = line.split("\t")
        assert article == article.lower()
        assert names
        for code in languages.split():
            assert codes.is_valid_language(code), (article, code)


def test_articles_that_are_also_numerals_say_so():
    lines = {line.split("\t")[0]: line for line in _lines("initial_articles.tsv") if not line.startswith("#")}
    for word in ("ein", "un", "una", "um", "egy", "bir"):
        assert "numeral" in lines[word]
    assert "numeral" not in lines["the"]
