"""Tests for the MARC → Dublin Core crosswalk, line by line against LC's table.

Each case names the row ids of ``sandbox.formats.crosswalk`` it checks (and so the line of LC's
"MARC to Dublin Core Crosswalk", https://www.loc.gov/marc/marc2dc.html, 2008/04/24, that the
row records) and gives the complete, exact Dublin Core output for a small record.
"""

from __future__ import annotations

import pytest
from pymarc import Field, Indicators, Record, Subfield

from sandbox.formats.crosswalk import QUALIFIED, UNQUALIFIED, clean_value, marc_to_dc

#: A leader whose Leader/06 is blank: it gives no dc:type, so cases see only their own field.
BLANK_LEADER = "00000n   a2200000   4500"


def df(tag: str, ind: str, *subs: tuple[str, str]) -> Field:
    return Field(tag=tag, indicators=[ind[0], ind[1]], subfields=[Subfield(c, v) for c, v in subs])


def cf(tag: str, data: str) -> Field:
    return Field(tag=tag, data=data)


def make(*fields: Field, leader: str = BLANK_LEADER) -> Record:
    record = Record(leader=leader)
    for field in fields:
        record.add_field(field)
    return record


def out(record: Record, qualified: bool) -> list[tuple[str, str | None, str, str | None]]:
    return [(v.element, v.refinement, v.value, v.scheme) for v in marc_to_dc(record, qualified=qualified)]


def p(element: str, value: str) -> tuple[str, None, str, None]:
    """A plain element."""
    return (element, None, value, None)


def r(element: str, refinement: str, value: str, scheme: str | None = None):
    """A dcterms refinement (with an encoding scheme if given)."""
    return (element, refinement, value, scheme)


def s(element: str, value: str, scheme: str):
    """A plain element with an encoding scheme."""
    return (element, None, value, scheme)


def f008(date1: str = "1999", lang: str = "eng") -> Field:
    data = f"900101s{date1}    nyua          000 0 {lang} d"
    assert data[7:11] == date1 and data[35:38] == lang
    return cf("008", data)


U = False  # unqualified
Q = True  # qualified

# (rows checked, qualified?, fields, exact expected output)
CASES = [
    # ----------------------------------------------------------------- unqualified table (II)
    (("U01a",), U, [df("100", "1 ", ("a", "Smith, John,"), ("d", "1950-"), ("e", "author.")),
                    df("700", "12", ("a", "Shakespeare, William,"), ("d", "1564-1616."),
                       ("t", "Hamlet."))],
     [p("contributor", "Smith, John, 1950-"), p("contributor", "Shakespeare, William, 1564-1616")]),
    (("U01b",), U, [df("110", "1 ", ("a", "United States."), ("b", "Congress."), ("e", "author."))],
     [p("contributor", "United States. Congress")]),
    (("U01c",), U, [df("711", "2 ", ("a", "Conference on Cats"), ("d", "(1999 :"),
                       ("c", "Paris, France)"), ("j", "author."))],
     [p("contributor", "Conference on Cats (1999 : Paris, France)")]),
    (("U02",), U, [df("720", "  ", ("a", "Doe, Jane."), ("e", "editor."))],
     [p("contributor", "Doe, Jane")]),
    (("U03",), U, [df("651", " 0", ("a", "France"), ("x", "History"), ("y", "1789-1815.")),
                   df("662", "  ", ("a", "France"), ("d", "Paris."))],
     [p("coverage", "France--History--1789-1815"), p("coverage", "France Paris")]),
    (("U04",), U, [df("751", "  ", ("a", "Paris (France)"), ("e", "publication place.")),
                   df("752", "  ", ("a", "United States"), ("b", "Virginia"), ("d", "Richmond."))],
     [p("coverage", "Paris (France)"), p("coverage", "United States Virginia Richmond")]),
    (("U05", "U12"), U, [f008("1999", "fre")], [p("date", "1999"), p("language", "fre")]),
    (("UX01", "UX02"), U, [df("264", " 1", ("a", "Paris :"), ("b", "Gallimard,"), ("c", "1942.")),
                         df("264", " 4", ("c", "©1941"))],
     [p("publisher", "Paris : Gallimard"), p("date", "1942")]),
    (("U06", "U15"), U, [df("260", "  ", ("a", "London :"), ("b", "Faber,"), ("c", "1999."),
                            ("g", "(2000 printing)"))],
     [p("publisher", "London : Faber"), p("date", "1999. (2000 printing)")]),
    (("U07", "U18"), U, [df("500", "  ", ("a", "Includes index.")),
                         df("504", "  ", ("a", "Bibliography (p. 300-310).")),
                         df("506", "  ", ("a", "Open access.")),
                         df("540", "  ", ("a", "CC BY."))],
     [p("description", "Includes index"), p("description", "Bibliography (p. 300-310)"),
      p("rights", "Open access"), p("rights", "CC BY")]),
    (("U08",), U, [df("340", "  ", ("a", "paper"), ("b", "24 cm."))], [p("format", "paper 24 cm.")]),
    (("U09", "U11"), U, [df("856", "40", ("q", "text/html"), ("u", "http://example.org/page/"))],
     [p("format", "text/html"), p("identifier", "http://example.org/page/")]),
    (("U10",), U, [df("020", "  ", ("a", "0393049434 (pbk.)"), ("c", "$12.00")),
                   df("022", "0 ", ("a", "1234-5678")),
                   df("024", "3 ", ("a", "9780393049435"))],
     [p("identifier", "0393049434 (pbk.)"), p("identifier", "1234-5678"),
      p("identifier", "9780393049435")]),
    (("U13",), U, [df("041", "1 ", ("a", "eng"), ("a", "fre"), ("h", "ger"), ("2", "iso639-2"))],
     [p("language", "eng"), p("language", "fre"), p("language", "ger")]),
    (("U13",), U, [df("041", "0 ", ("a", "engfre"))], [p("language", "eng"), p("language", "fre")]),
    (("U14",), U, [df("546", "  ", ("a", "In English and French."))],
     [p("language", "In English and French")]),
    (("U16",), U, [df("530", "  ", ("a", "Also available online."))],
     [p("relation", "Also available online")]),
    (("U17",), U, [df("773", "0 ", ("t", "Journal of cats,"), ("g", "v. 2"), ("o", "urn:x:1")),
                   df("780", "00", ("t", "Old cats."), ("w", "(DLC)123"))],
     [p("relation", "Journal of cats, urn:x:1"), p("relation", "Old cats")]),
    (("U19", "U07"), U, [df("534", "  ", ("p", "Original version:"), ("t", "Cats."), ("c", "1950."))],
     [p("description", "Original version: Cats. 1950"), p("source", "Cats")]),
    (("U20", "U17"), U, [df("786", "0 ", ("t", "Census data."), ("o", "http://data.example/1"))],
     [p("source", "Census data. http://data.example/1")]),
    (("U21",), U, [df("050", "00", ("a", "QA76.73.P98"), ("b", "B43 2019")),
                   df("060", "00", ("a", "WB 100")),
                   df("080", "  ", ("a", "004.43")),
                   df("082", "04", ("a", "005.13/3"), ("2", "23"))],
     [p("subject", "QA76.73.P98 B43 2019"), p("subject", "WB 100"), p("subject", "004.43"),
      p("subject", "005.13/3")]),
    (("U22",), U, [df("600", "10", ("a", "Smith, John,"), ("d", "1950-")),
                   df("610", "20", ("a", "IBM.")),
                   df("611", "20", ("a", "Cat Show")),
                   df("630", "00", ("a", "Bible.")),
                   df("650", " 0", ("a", "Cats"), ("x", "Behavior.")),
                   df("653", "  ", ("a", "pets"))],
     [p("subject", "Smith, John, 1950-"), p("subject", "IBM"), p("subject", "Cat Show"),
      p("subject", "Bible"), p("subject", "Cats--Behavior"), p("subject", "pets")]),
    (("U23a", "U23b"), U, [df("245", "10", ("a", "Cats :"), ("b", "a history /"),
                              ("c", "by Jane Doe.")),
                           df("246", "3 ", ("a", "History of cats"))],
     [p("title", "Cats : a history"), p("title", "History of cats")]),
    (("U24",), U, [], [p("type", "Text")]),  # leader given in LEADERS below
    (("U25",), U, [df("655", " 7", ("a", "Detective fiction."), ("2", "lcgft"))],
     [p("type", "Detective fiction")]),
    # ------------------------------------------------------------------- qualified table (III)
    (("Q01", "QC01"), Q, [df("541", "  ", ("c", "Gift"))], [p("description", "Gift")]),
    (("Q02",), Q, [df("310", "  ", ("a", "Monthly"))], []),
    (("Q03", "QC01"), Q, [df("521", "  ", ("a", "Juvenile."))], [p("description", "Juvenile")]),
    (("Q04a", "Q04b", "Q04c", "Q05"), Q,
     [df("100", "1 ", ("a", "Smith, John,"), ("d", "1950-"), ("e", "author.")),
      df("710", "2 ", ("a", "Cat Society."), ("e", "sponsor.")),
      df("111", "2 ", ("a", "Cat Congress"), ("n", "(2nd :"), ("d", "1999)")),
      df("720", "  ", ("a", "Doe, Jane."), ("e", "editor."))],
     [p("contributor", "Smith, John, 1950-"), p("contributor", "Cat Society"),
      p("contributor", "Cat Congress (2nd : 1999)"), p("contributor", "Doe, Jane")]),
    (("Q06a", "Q06b"), Q, [df("034", "1 ", ("a", "a"), ("b", "24000"), ("d", "W0950000"),
                              ("e", "W0940000"), ("f", "N0450000"), ("g", "N0440000")),
                           df("255", "  ", ("a", "Scale 1:24,000"))],
     [r("coverage", "spatial", "Scale 1:24,000"),
      r("coverage", "spatial", "W0950000 W0940000 N0450000 N0440000")]),
    (("Q07",), Q, [df("522", "  ", ("a", "Covers Ohio."))], [r("coverage", "spatial", "Covers Ohio")]),
    (("Q08a", "QC08"), Q, [df("650", " 4", ("a", "Cats"), ("z", "France."))],
     [p("subject", "Cats--France"), r("coverage", "spatial", "France")]),
    (("Q08b",), Q, [df("651", " 0", ("a", "Paris (France)"))],
     [r("coverage", "spatial", "Paris (France)")]),
    (("Q08c",), Q, [df("662", "  ", ("a", "France"), ("d", "Paris."))],
     [r("coverage", "spatial", "France Paris")]),
    (("Q09",), Q, [df("751", "  ", ("a", "Paris (France)"), ("e", "publication place.")),
                   df("752", "  ", ("a", "France"), ("d", "Paris"))],
     [r("coverage", "spatial", "Paris (France)"), r("coverage", "spatial", "France Paris")]),
    (("Q10",), Q, [df("043", "  ", ("a", "e-fr---"), ("c", "fr")),
                   df("044", "  ", ("a", "fr"), ("c", "FR"))],
     [r("coverage", "spatial", "fr", "dcterms:ISO3166"),
      r("coverage", "spatial", "FR", "dcterms:ISO3166")]),
    (("Q11",), Q, [df("651", " 7", ("a", "Paris"), ("2", "tgn"))],
     [r("coverage", "spatial", "Paris", "dcterms:TGN")]),
    (("Q12a",), Q, [df("033", "00", ("a", "199001--"))], [r("coverage", "temporal", "199001--")]),
    (("Q12b", "Q16", "Q23b", "QC01"), Q,
     [df("533", "  ", ("a", "Microfilm."), ("b", "Washington :"), ("c", "LC,"), ("d", "1990."),
         ("e", "1 reel."))],
     [p("description", "Microfilm. Washington : LC, 1990. 1 reel"),
      r("date", "created", "1990"), r("format", "extent", "1 reel"),
      r("coverage", "temporal", "Washington")]),
    (("Q13", "Q18"), Q, [df("260", "  ", ("c", "1999, c1998."))],
     [r("date", "dateCopyrighted", "1998"), r("date", "issued", "1999")]),
    (("Q13",), Q, [df("260", "  ", ("c", "©2001"))], [r("date", "dateCopyrighted", "2001")]),
    (("Q14", "Q53", "QC01"), Q, [df("542", "1 ", ("d", "Jane Doe"), ("g", "2001"))],
     [p("description", "Jane Doe 2001"), r("date", "dateCopyrighted", "2001")]),
    (("Q15", "Q18", "QC05"), Q, [df("260", "  ", ("a", "London :"), ("b", "Faber,"), ("c", "1999"),
                                    ("g", "(2000 printing)"))],
     [p("publisher", "London : Faber"), r("date", "created", "(2000 printing)"),
      r("date", "issued", "1999")]),
    (("QX01", "QX02", "QX03"), Q, [df("264", " 1", ("a", "New York :"), ("b", "Vintage,"),
                                      ("c", "[2011]")),
                                   df("264", " 4", ("c", "©2010"))],
     [p("publisher", "New York : Vintage"), r("date", "issued", "[2011]"),
      r("date", "dateCopyrighted", "2010")]),
    (("Q17", "Q27"), Q, [f008("1999", "fre")],
     [r("date", "issued", "1999"), s("language", "fre", "dcterms:ISO639-2")]),
    (("Q19", "Q20"), Q, [df("046", "  ", ("j", "20050101"), ("m", "2001"), ("n", "2005"))],
     [r("date", "modified", "20050101"), r("date", "valid", "2001 2005")]),
    (("Q21", "QC02"), Q, [df("520", "  ", ("a", "A summary.")),
                          df("520", "3 ", ("a", "An abstract.")),
                          df("520", "1 ", ("a", "A review."))],
     [r("description", "abstract", "A summary"), r("description", "abstract", "An abstract"),
      p("description", "A review")]),
    (("Q22",), Q, [df("505", "0 ", ("a", "Part one -- Part two."))],
     [r("description", "tableOfContents", "Part one -- Part two")]),
    (("Q23a",), Q, [df("300", "  ", ("a", "xii, 345 p. :"), ("b", "ill. ;"), ("c", "24 cm."))],
     [r("format", "extent", "xii, 345 p.")]),
    (("Q24", "Q26"), Q, [df("856", "40", ("q", "text/html"), ("u", "http://example.org/x/"),
                            ("u", "www.example.org"))],
     [s("format", "text/html", "dcterms:IMT"),
      s("identifier", "http://example.org/x/", "dcterms:URI"), p("identifier", "www.example.org")]),
    (("Q25",), Q, [df("340", "  ", ("a", "paper"), ("b", "24 cm"))], [r("format", "medium", "paper")]),
    (("Q28",), Q, [df("041", "0 ", ("a", "engfre"), ("h", "ger"))],
     [s("language", "eng", "dcterms:ISO639-2"), s("language", "fre", "dcterms:ISO639-2"),
      s("language", "ger", "dcterms:ISO639-2")]),
    (("Q29",), Q, [df("041", " 7", ("a", "eng"), ("2", "iso639-3"))],
     [s("language", "eng", "dcterms:ISO639-3")]),
    (("Q30",), Q, [df("041", " 7", ("a", "en-US"), ("2", "rfc1766"))],
     [s("language", "en-US", "dcterms:RFC1766")]),
    (("Q31",), Q, [df("041", " 7", ("a", "en-GB"), ("2", "rfc3066"))],
     [s("language", "en-GB", "dcterms:RFC3066")]),
    (("Q32",), Q, [df("041", " 7", ("a", "sr-Latn"), ("2", "rfc4646"))],
     [s("language", "sr-Latn", "dcterms:RFC4646")]),
    (("Q33", "QC01"), Q, [df("561", "  ", ("a", "From the library of Jane Doe."))],
     [p("description", "From the library of Jane Doe")]),
    (("Q34", "Q36"), Q, [df("530", "  ", ("a", "Also available online."), ("u", "http://x.example/"))],
     [r("relation", "hasFormat", "Also available online"),
      r("relation", "hasFormat", "http://x.example/", "dcterms:URI")]),
    (("Q35", "Q37"), Q, [df("776", "08", ("i", "Online version:"), ("t", "Cats."),
                            ("o", "http://x.example/1")),
                         df("776", "08", ("t", "Cats (print)"), ("o", "(OCoLC)123"))],
     [r("relation", "hasFormat", "Cats"), r("relation", "hasFormat", "Cats (print)"),
      r("relation", "hasFormat", "http://x.example/1", "dcterms:URI"),
      r("relation", "hasFormat", "(OCoLC)123")]),
    (("Q38", "Q39"), Q, [df("774", "0 ", ("t", "Part one."), ("o", "urn:isbn:123"))],
     [r("relation", "hasPart", "Part one"), r("relation", "hasPart", "urn:isbn:123", "dcterms:URI")]),
    (("Q40", "Q41"), Q, [df("775", "0 ", ("t", "French edition."), ("o", "urn:isbn:456"))],
     [r("relation", "hasVersion", "French edition"),
      r("relation", "hasVersion", "urn:isbn:456", "dcterms:URI")]),
    (("Q42",), Q, [df("490", "1 ", ("a", "Cat studies ;"), ("v", "3"), ("x", "1234-5678")),
                   df("830", " 0", ("a", "Cat studies ;"), ("v", "v. 3."), ("w", "(DLC)123"))],
     [r("relation", "isPartOf", "Cat studies ; 3"), r("relation", "isPartOf", "Cat studies ; v. 3")]),
    (("Q43", "Q44"), Q, [df("773", "0 ", ("t", "Journal of cats."), ("g", "v. 2"),
                            ("o", "http://j.example/2")),
                         df("760", "0 ", ("t", "Cat series"), ("n", "Note."))],
     [r("relation", "isPartOf", "Journal of cats"), r("relation", "isPartOf", "Cat series Note"),
      r("relation", "isPartOf", "http://j.example/2", "dcterms:URI")]),
    (("Q45",), Q, [df("510", "4 ", ("a", "Index Medicus,"), ("c", "v. 1"))],
     [r("relation", "isReferencedBy", "Index Medicus, v. 1")]),
    (("Q46", "Q47"), Q, [df("785", "00", ("t", "New cats."), ("o", "urn:x:2"))],
     [r("relation", "isReplacedBy", "New cats"),
      r("relation", "isReplacedBy", "urn:x:2", "dcterms:URI")]),
    (("Q48", "Q54"), Q, [df("786", "0 ", ("t", "Census data."), ("o", "http://d.example/1"))],
     [s("source", "http://d.example/1", "dcterms:URI"),
      r("relation", "isVersionOf", "Census data")]),
    (("Q49", "Q50"), Q, [df("780", "00", ("t", "Old cats."), ("o", "urn:x:0"))],
     [r("relation", "replaces", "Old cats"), r("relation", "replaces", "urn:x:0", "dcterms:URI")]),
    (("Q51",), Q, [df("538", "  ", ("a", "Mode of access: World Wide Web."))],
     [r("relation", "requires", "Mode of access: World Wide Web")]),
    (("Q52",), Q, [df("506", "  ", ("a", "Open access."), ("d", "Members")),
                   df("540", "  ", ("a", "CC BY"), ("u", "http://cc.example/"))],
     [r("rights", "accessRights", "Open access. Members"), r("rights", "accessRights", "CC BY")]),
    (("Q55", "Q56", "Q59", "Q61"), Q,
     [df("050", "00", ("a", "QA76.73.P98"), ("b", "B43 2019")),
      df("060", "00", ("a", "WB 100")),
      df("080", "  ", ("a", "004.43")),
      df("082", "04", ("a", "005.13/3"), ("2", "23"))],
     [s("subject", "005.13/3", "dcterms:DDC"), s("subject", "QA76.73.P98 B43 2019", "dcterms:LCC"),
      s("subject", "WB 100", "dcterms:NLM"), s("subject", "004.43", "dcterms:UDC")]),
    (("Q57",), Q, [df("600", "10", ("a", "Smith, John,"), ("d", "1950-")),
                   df("610", "20", ("a", "IBM.")),
                   df("611", "20", ("a", "Cat Show")),
                   df("630", "00", ("a", "Bible.")),
                   df("650", " 0", ("a", "Cats"), ("x", "Behavior."))],
     [s("subject", "Smith, John, 1950-", "dcterms:LCSH"), s("subject", "IBM", "dcterms:LCSH"),
      s("subject", "Cat Show", "dcterms:LCSH"), s("subject", "Bible", "dcterms:LCSH"),
      s("subject", "Cats--Behavior", "dcterms:LCSH")]),
    (("Q58",), Q, [df("650", " 2", ("a", "Cats"))], [s("subject", "Cats", "dcterms:MESH")]),
    (("QC08", "QC09"), Q, [df("650", " 7", ("a", "Cats"), ("2", "fast")), df("653", "  ", ("a", "pets"))],
     [p("subject", "Cats"), p("subject", "pets")]),
    (("Q60",), Q, [df("655", " 7", ("a", "Paris"), ("2", "tgn"))],
     [s("subject", "Paris", "dcterms:TGN")]),
    (("Q62", "Q63d"), Q, [df("245", "10", ("a", "Cats :"), ("b", "a history /"), ("c", "by Jane Doe.")),
                          df("246", "3 ", ("a", "History of cats"))],
     [p("title", "Cats : a history"), r("title", "alternative", "History of cats")]),
    (("Q63a", "Q63b", "Q63c", "Q63e", "Q63f"), Q,
     [df("130", "0 ", ("a", "Bible."), ("l", "English.")),
      df("210", "0 ", ("a", "J. cats")),
      df("240", "10", ("a", "Chats."), ("l", "English")),
      df("242", "10", ("a", "Cats."), ("y", "eng")),
      df("730", "02", ("i", "Translation of:"), ("a", "Chats.")),
      df("740", "02", ("a", "Dogs."), ("h", "[sound recording]"))],
     [r("title", "alternative", "Bible. English"), r("title", "alternative", "Chats. English"),
      r("title", "alternative", "J. cats"), r("title", "alternative", "Cats"),
      r("title", "alternative", "Chats"), r("title", "alternative", "Dogs")]),
    (("Q64",), Q, [], [s("type", "Text", "dcterms:DCMIType")]),  # leader given in LEADERS below
    (("Q65",), Q, [df("655", " 7", ("a", "Text"), ("2", "dct"))], [s("type", "Text", "dcterms:DCMIType")]),
    (("QC10",), Q, [df("655", " 7", ("a", "Detective fiction."), ("2", "lcgft"))],
     [p("type", "Detective fiction")]),
    (("QC01", "QC02"), Q, [df("500", "  ", ("a", "Includes index.")),
                           df("520", "2 ", ("a", "Scope note."))],
     [p("description", "Includes index"), p("description", "Scope note")]),
    (("QC03", "QC04"), Q, [df("020", "  ", ("a", "0393049434")),
                           df("546", "  ", ("a", "In English."))],
     [p("identifier", "0393049434"), p("language", "In English")]),
    (("QC06",), Q, [df("787", "08", ("t", "Related cats."), ("o", "urn:x:9"))],
     [p("relation", "Related cats. urn:x:9")]),
    (("QC07", "QC01"), Q, [df("534", "  ", ("p", "Original version:"), ("t", "Cats."))],
     [p("description", "Original version: Cats"), p("source", "Cats")]),
]

#: Cases whose record needs a leader other than the blank one.
LEADERS = {"U24": "00000nam a2200000 a 4500", "Q64": "00000nam a2200000 a 4500"}


def _case_id(case) -> str:
    rows, qualified, _, _ = case
    by_id = {row.id: row for row in UNQUALIFIED + QUALIFIED}
    first = by_id[rows[0]]
    target = first.element or first.note
    if first.refinement:
        target += "/" + first.refinement
    return f"{'+'.join(rows)} [{first.lc} -> {target}]"


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_lc_table_line(case):
    rows, qualified, fields, expected = case
    record = make(*fields, leader=LEADERS.get(rows[0], BLANK_LEADER))
    assert out(record, qualified) == expected


def test_every_line_of_both_tables_has_a_case():
    covered = {row_id for rows, *_ in CASES for row_id in rows}
    every = {row.id for row in UNQUALIFIED + QUALIFIED}
    assert every - covered == set()
    assert covered - every == set()  # no case names a row that does not exist


def test_cases_use_the_table_they_name():
    for rows, qualified, _, _ in CASES:
        for row_id in rows:
            assert row_id.startswith("Q" if qualified else "U"), (row_id, qualified)


def test_creator_element_is_never_used():
    record = make(df("100", "1 ", ("a", "Smith, John.")), df("700", "1 ", ("a", "Doe, Jane.")))
    for qualified in (U, Q):
        elements = [e for e, *_ in out(record, qualified)]
        assert elements == ["contributor", "contributor"]


# --------------------------------------------------------------- Leader/06-07 → dc:type (LC appendix)

LEADER_06 = [
    ("a", "Text"), ("c", "Text"), ("d", "Text"), ("t", "Text"),
    ("e", "Image"), ("f", "Image"), ("g", "Image"), ("k", "Image"),
    ("i", "Sound"), ("j", "Sound"),
    ("m", None), ("o", None), ("p", None), ("r", None),
    (" ", None), ("z", None),
]


@pytest.mark.parametrize("code,dcmi_type", LEADER_06)
def test_leader_06_to_type(code, dcmi_type):
    record = make(leader=f"00000n{code}m a2200000 a 4500")
    unqualified = out(record, U)
    qualified = out(record, Q)
    if dcmi_type is None:
        assert unqualified == [] and qualified == []
    else:
        assert unqualified == [p("type", dcmi_type)]
        assert qualified == [s("type", dcmi_type, "dcterms:DCMIType")]


@pytest.mark.parametrize("l6,l7,expected", [
    ("p", "c", ["Collection"]),
    ("p", "s", ["Collection"]),
    ("p", "m", []),
    ("a", "c", ["Text"]),  # LC's collection line is for Leader/06 p only
    ("k", "s", ["Image"]),
])
def test_leader_07_collection(l6, l7, expected):
    record = make(leader=f"00000n{l6}{l7} a2200000 a 4500")
    assert out(record, U) == [p("type", t) for t in expected]
    assert out(record, Q) == [s("type", t, "dcterms:DCMIType") for t in expected]


# ----------------------------------------------------------------------------- punctuation

@pytest.mark.parametrize("raw,cleaned", [
    ("Cats /", "Cats"),
    ("New York :", "New York"),
    ("Cat studies ;", "Cat studies"),
    ("Norton,", "Norton"),
    ("Cats =", "Cats"),
    ("Includes index.", "Includes index"),
    ("1999.", "1999"),
    ("Cats : a history /", "Cats : a history"),  # inner punctuation kept
    ("Smith, J.", "Smith, J."),  # initial
    ("Vitamin A.", "Vitamin A."),  # any final single letter is taken for an initial
    ("Washington, D.C.", "Washington, D.C."),  # inner full stop
    ("Norton & Co.", "Norton & Co."),  # abbreviation
    ("xii, 345 p. :", "xii, 345 p."),
    ("24 cm.", "24 cm."),
    ("2nd ed.", "2nd ed."),
    ("Wait...", "Wait..."),
    ("Smith, John, 1950-", "Smith, John, 1950-"),
    ("Why cats?", "Why cats?"),
    ("[1999?]", "[1999?]"),
    ("  spaced   out  .", "spaced out"),
    (" / ", ""),
])
def test_clean_value(raw, cleaned):
    assert clean_value(raw) == cleaned


def test_punctuation_is_trimmed_in_output_but_uris_are_not():
    record = make(df("245", "00", ("a", "Cats /")), df("856", "40", ("u", "http://example.org/a/")))
    assert out(record, U) == [p("title", "Cats"), p("identifier", "http://example.org/a/")]


# ---------------------------------------------------------------------------- whole records

def test_record_without_245():
    record = make(df("650", " 0", ("a", "Cats.")), f008("2001", "eng"))
    dc = marc_to_dc(record)
    assert dc.title is None
    assert out(record, U) == [p("subject", "Cats"), p("date", "2001"), p("language", "eng")]
    assert out(record, Q) == [s("subject", "Cats", "dcterms:LCSH"), r("date", "issued", "2001"),
                              s("language", "eng", "dcterms:ISO639-2")]


def _everything() -> Record:
    leader = "00000nam a2200000 a 4500"
    fields = [f008("1999", "eng")]
    for _, _, case_fields, _ in CASES:
        fields.extend(case_fields)
    return make(*fields, leader=leader)


def test_unqualified_output_never_has_refinements_or_schemes():
    statements = list(marc_to_dc(_everything(), qualified=False))
    assert len(statements) > 50
    assert all(v.refinement is None for v in statements)
    assert all(v.scheme is None for v in statements)


def test_qualified_output_uses_refinements_and_schemes():
    statements = list(marc_to_dc(_everything(), qualified=True))
    refinements = {v.refinement for v in statements} - {None}
    schemes = {v.scheme for v in statements} - {None}
    assert {"alternative", "extent", "tableOfContents", "abstract", "spatial", "isPartOf",
            "issued", "created"} <= refinements
    assert {"dcterms:URI", "dcterms:ISO639-2", "dcterms:LCSH", "dcterms:LCC", "dcterms:DDC",
            "dcterms:DCMIType"} <= schemes


def test_values_are_never_empty_and_never_repeated():
    for qualified in (U, Q):
        statements = list(marc_to_dc(_everything(), qualified=qualified))
        assert all(v.value and v.value == v.value.strip() for v in statements)
        assert len(statements) == len(set(statements))


def test_statements_come_in_dcmes_element_order():
    record = make(df("650", " 0", ("a", "Cats")), df("245", "00", ("a", "Title")),
                  df("260", "  ", ("b", "Pub")), leader="00000nam a2200000 a 4500")
    assert [e for e, *_ in out(record, U)] == ["title", "subject", "publisher", "type"]


# ------------------------------------------------------------------------------ odd records

def test_odd_records_do_not_raise():
    record = make(
        cf("008", "short"),
        df("245", "00"),  # no subfields at all
        df("246", "  ", ("a", ""), ("a", "   ")),  # only empty subfields
        df("260", "  ", ("a", " :")),  # only punctuation
        df("650", " 0", ("2", "lcsh")),  # only a control subfield
        df("856", "40", ("u", "")),
        Field(tag="ABC", indicators=[" ", " "], subfields=[Subfield("a", "x")]),
        df("500", "  ", ("a", "A real note.")),
    )
    record.leader = "00000"  # short leader (a plain string)
    for qualified in (U, Q):
        assert out(record, qualified) == [p("description", "A real note")]


def test_missing_008_and_leader():
    record = make(df("245", "00", ("a", "Only a title.")))
    record.leader = None
    assert out(record, U) == [p("title", "Only a title")]
    assert out(record, Q) == [p("title", "Only a title")]


@pytest.mark.parametrize("data", [
    "900101s        nyu           000 0     d",  # blank date and language
    "900101suuuu    nyu           000 0 ||| d",  # unknown date, no attempt to code language
    "900101s1999",  # stops before 35-37
])
def test_unusable_008_positions_give_nothing(data):
    record = make(cf("008", data))
    expected = [p("date", "1999")] if data[7:11] == "1999" else []
    assert out(record, U) == expected


def test_empty_record():
    assert out(Record(), U) == []
    assert out(Record(), Q) == []


def test_addresses_keep_their_final_characters():
    record = Record()
    record.add_field(Field(tag="540", indicators=Indicators(" ", " "),
                           subfields=[Subfield("a", "CC BY 4.0"),
                                      Subfield("u", "https://creativecommons.org/licenses/by/4.0/")]))
    rights = marc_to_dc(record).texts("rights")
    assert rights == ["CC BY 4.0 https://creativecommons.org/licenses/by/4.0/"]
