"""Dublin Core XML: oai_dc, simple DC and dcterms read; oai_dc (dumbed down) and dcterms written."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from pymarc import Field, Indicators, Record, Subfield

from sandbox.formats.dcxml import (
    OAI_DC_NAMESPACE,
    XML_LANG,
    XSI_NAMESPACE,
    XSI_TYPE,
    DctermsWriter,
    DublinCoreReader,
    OaiDcWriter,
)
from sandbox.formats.problems import ERROR, WARNING, ReadItem, WriteError
from sandbox.records.dublin_core import (
    DC_NAMESPACE,
    DCTERMS_NAMESPACE,
    DCValue,
    DublinCoreRecord,
)
from tests.helpers import written

PATH = "dc.xml"
NS = (
    f'xmlns:oai_dc="{OAI_DC_NAMESPACE}" xmlns:dc="{DC_NAMESPACE}" '
    f'xmlns:dcterms="{DCTERMS_NAMESPACE}" xmlns:xsi="{XSI_NAMESPACE}"'
)


def read(data: str | bytes) -> list[ReadItem]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(DublinCoreReader(io.BytesIO(raw), PATH))


def write(writer_class, records) -> bytes:
    return written(writer_class, records)


# --- reading -------------------------------------------------------------------------------------


def test_single_oai_dc_record() -> None:
    text = (
        '<?xml version="1.0"?>\n'
        f"<oai_dc:dc {NS}>\n"
        '  <dc:title xml:lang="en">Moby Dick</dc:title>\n'
        "  <dc:creator>Melville, Herman</dc:creator>\n"
        "  <dc:creator>Second, Creator</dc:creator>\n"
        '  <dc:date xsi:type="dcterms:W3CDTF">1851</dc:date>\n'
        "  <dc:subject>  Whales  </dc:subject>\n"
        "</oai_dc:dc>\n"
    )
    (item,) = read(text)
    assert item.problems == []
    assert (item.number, item.line) == (1, 2)
    assert item.record.values == [
        DCValue("title", "Moby Dick", None, "en", None),
        DCValue("creator", "Melville, Herman"),
        DCValue("creator", "Second, Creator"),
        DCValue("date", "1851", None, None, "dcterms:W3CDTF"),
        DCValue("subject", "Whales"),  # surrounding white space trimmed
    ]


def test_oai_pmh_response_with_several_oai_dc_records() -> None:
    records = "".join(
        f"<record><header><identifier>oai:x:{n}</identifier></header><metadata>\n"
        f"<oai_dc:dc {NS}><dc:title>T{n}</dc:title><dc:identifier>id{n}</dc:identifier></oai_dc:dc>\n"
        "</metadata></record>\n"
        for n in range(3)
    )
    text = f'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">\n<ListRecords>\n{records}</ListRecords>\n</OAI-PMH>'
    items = read(text)
    assert [i.record.texts("title") for i in items] == [["T0"], ["T1"], ["T2"]]
    assert [i.record.texts("identifier") for i in items] == [["id0"], ["id1"], ["id2"]]
    assert [i.number for i in items] == [1, 2, 3]
    assert [i.line for i in items] == [4, 7, 10]  # each wrapper takes three lines
    assert all(i.problems == [] for i in items)


def test_simple_dc_directly_inside_metadata() -> None:
    text = (
        f'<metadata xmlns:dc="{DC_NAMESPACE}">\n'
        "<dc:title>Simple</dc:title>\n<dc:language>eng</dc:language>\n"
        "</metadata>"
    )
    (item,) = read(text)
    assert item.record.values == [DCValue("title", "Simple"), DCValue("language", "eng")]


@pytest.mark.parametrize(
    ("term", "element"),
    [
        ("alternative", "title"),
        ("abstract", "description"),
        ("tableOfContents", "description"),
        ("created", "date"),
        ("issued", "date"),
        ("extent", "format"),
        ("medium", "format"),
        ("isPartOf", "relation"),
        ("hasFormat", "relation"),
        ("spatial", "coverage"),
        ("temporal", "coverage"),
        ("license", "rights"),
        ("accessRights", "rights"),
        ("bibliographicCitation", "identifier"),
    ],
)
def test_dcterms_refinements_map_to_their_element(term: str, element: str) -> None:
    (item,) = read(f"<record {NS}><dcterms:{term}>value</dcterms:{term}></record>")
    assert item.record.values == [DCValue(element, "value", term)]
    assert item.record.texts(element) == ["value"]
    assert item.record.get(element, include_refinements=False) == []


def test_dcterms_record_keeps_lang_and_scheme() -> None:
    text = (
        f"<records>\n<record {NS}>\n"
        '  <dcterms:title xml:lang="fr">Le titre</dcterms:title>\n'
        '  <dcterms:created xsi:type="dcterms:W3CDTF">2001-02-03</dcterms:created>\n'
        '  <dcterms:subject xsi:type="dcterms:LCSH" xml:lang="en">Whales</dcterms:subject>\n'
        '  <dc:publisher>Plain DC inside dcterms</dc:publisher>\n'
        "</record>\n</records>"
    )
    (item,) = read(text)
    assert item.problems == []
    assert item.record.values == [
        DCValue("title", "Le titre", None, "fr", None),
        DCValue("date", "2001-02-03", "created", None, "dcterms:W3CDTF"),
        DCValue("subject", "Whales", None, "en", "dcterms:LCSH"),
        DCValue("publisher", "Plain DC inside dcterms"),
    ]


def test_non_dc_property_is_warned_and_skipped() -> None:
    text = (
        f"<record {NS}>\n"
        "<dcterms:title>T</dcterms:title>\n"
        "<dcterms:audience>Children</dcterms:audience>\n"
        "<dc:alternative>dc has no refinements</dc:alternative>\n"
        "</record>"
    )
    (item,) = read(text)
    assert item.ok
    assert item.record.values == [DCValue("title", "T")]
    assert [(p.severity, p.line, p.place, p.message) for p in item.problems] == [
        (WARNING, 3, "audience",
         "dcterms:audience is not one of the 15 Dublin Core elements or a refinement of one; skipped"),
        (WARNING, 4, "alternative",
         "dc:alternative is not one of the 15 Dublin Core elements or a refinement of one; skipped"),
    ]


def test_empty_element_is_warned_and_skipped() -> None:
    text = f"<oai_dc:dc {NS}>\n<dc:title>T</dc:title>\n<dc:subject>   </dc:subject>\n<dc:creator/>\n</oai_dc:dc>"
    (item,) = read(text)
    assert item.record.values == [DCValue("title", "T")]
    assert [(p.line, p.place, p.message) for p in item.problems] == [
        (3, "subject", "dc:subject is empty; skipped"),
        (4, "creator", "dc:creator is empty; skipped"),
    ]


def test_other_namespaces_inside_a_record_are_ignored() -> None:
    text = f'<oai_dc:dc {NS} xmlns:x="http://example.org/x"><dc:title>T</dc:title><x:note>n</x:note></oai_dc:dc>'
    (item,) = read(text)
    assert item.record.values == [DCValue("title", "T")]
    assert item.problems == []


def test_malformed_xml_yields_earlier_records_then_an_error() -> None:
    text = (
        "<records>\n"
        f"<record {NS}><dc:title>One</dc:title></record>\n"
        f"<record {NS}><dc:title>Two</dc:title></record>\n"
        f"<record {NS}><dc:title>Three</dc:titel></record>\n"
        "</records>"
    )
    items = read(text)
    assert [i.ok for i in items] == [True, True, False]
    assert [i.record.title for i in items[:2]] == ["One", "Two"]
    (problem,) = items[2].problems
    assert problem.severity == ERROR
    assert problem.line == 4
    assert items[2].line == 4


def test_file_with_no_dc_yields_nothing() -> None:
    assert read("<root><child>text</child></root>") == []


# --- writing -------------------------------------------------------------------------------------


def refined_record() -> DublinCoreRecord:
    record = DublinCoreRecord()
    record.add("title", "Main title", lang="en")
    record.add("title", "Other title", refinement="alternative")
    record.add("description", "A summary & <more>", refinement="abstract")
    record.add("date", "2001-02-03", refinement="created", scheme="dcterms:W3CDTF")
    record.add("format", "300 p.", refinement="extent")
    record.add("relation", "Series X", refinement="isPartOf")
    record.add("coverage", "Norway", refinement="spatial")
    record.add("rights", "CC BY", refinement="license")
    record.add("subject", "Whales", scheme="dcterms:LCSH", lang="en")
    record.add("identifier", "urn:isbn:123")
    return record


def plain_record() -> DublinCoreRecord:
    record = DublinCoreRecord()
    record.add("title", "Ånd & <ære>", lang="no")
    record.add("creator", "Ibsen, Henrik")
    record.add("creator", "東京")
    record.add("type", "Text")
    record.add("language", "nor")
    return record


def test_oai_dc_writer_dumbs_down_refinements_and_drops_schemes() -> None:
    root = etree.fromstring(write(OaiDcWriter, [refined_record()]))
    assert root.tag == "records"
    (container,) = root
    assert container.tag == f"{{{OAI_DC_NAMESPACE}}}dc"
    assert [(child.tag, child.text) for child in container] == [
        (f"{{{DC_NAMESPACE}}}title", "Main title"),
        (f"{{{DC_NAMESPACE}}}title", "Other title"),
        (f"{{{DC_NAMESPACE}}}description", "A summary & <more>"),
        (f"{{{DC_NAMESPACE}}}date", "2001-02-03"),
        (f"{{{DC_NAMESPACE}}}format", "300 p."),
        (f"{{{DC_NAMESPACE}}}relation", "Series X"),
        (f"{{{DC_NAMESPACE}}}coverage", "Norway"),
        (f"{{{DC_NAMESPACE}}}rights", "CC BY"),
        (f"{{{DC_NAMESPACE}}}subject", "Whales"),
        (f"{{{DC_NAMESPACE}}}identifier", "urn:isbn:123"),
    ]
    assert [child.get(XML_LANG) for child in container] == ["en"] + [None] * 7 + ["en", None]
    assert all(child.get(XSI_TYPE) is None for child in container)


def test_oai_dc_writer_output_reads_back_as_the_dumbed_down_record() -> None:
    (item,) = read(write(OaiDcWriter, [refined_record()]))
    assert item.problems == []
    assert item.record.values == [
        DCValue(v.element, v.value, None, v.lang, None) for v in refined_record().values
    ]


def test_dcterms_writer_keeps_refinements_lang_and_schemes() -> None:
    root = etree.fromstring(write(DctermsWriter, [refined_record()]))
    (container,) = root
    assert container.tag == "record"
    assert [etree.QName(child).localname for child in container] == [
        "title", "alternative", "abstract", "created", "extent", "isPartOf", "spatial",
        "license", "subject", "identifier",
    ]
    assert all(etree.QName(child).namespace == DCTERMS_NAMESPACE for child in container)
    assert container[3].get(XSI_TYPE) == "dcterms:W3CDTF"
    assert container[8].get(XSI_TYPE) == "dcterms:LCSH"
    assert container[8].get(XML_LANG) == "en"
    assert container[0].get(XML_LANG) == "en"


def test_dcterms_round_trip_is_equal() -> None:
    records = [refined_record(), plain_record()]
    items = read(write(DctermsWriter, records))
    assert [i.problems for i in items] == [[], []]
    assert [i.record for i in items] == records


def test_oai_dc_round_trip_is_equal_without_refinements() -> None:
    records = [plain_record(), plain_record()]
    items = read(write(OaiDcWriter, records))
    assert [i.problems for i in items] == [[], []]
    assert [i.record for i in items] == records


def test_writer_escapes_markup() -> None:
    data = write(DctermsWriter, [plain_record()]).decode("utf-8")
    assert "Ånd &amp; &lt;ære&gt;" in data


def test_writers_with_no_records_write_an_empty_root() -> None:
    for writer_class in (OaiDcWriter, DctermsWriter):
        data = write(writer_class, [])
        assert etree.fromstring(data).tag == "records"
        assert len(etree.fromstring(data)) == 0
        assert read(data) == []


@pytest.mark.parametrize("writer_class", [OaiDcWriter, DctermsWriter])
def test_writing_a_marc_record_to_a_dc_writer_raises(writer_class) -> None:
    record = Record()
    record.add_field(Field(tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", "T")]))
    buffer = io.BytesIO()
    writer = writer_class(buffer)
    with pytest.raises(WriteError, match="only Dublin Core records"):
        writer.write(record)


@pytest.mark.parametrize("writer_class", [OaiDcWriter, DctermsWriter])
def test_control_characters_are_refused(writer_class) -> None:
    record = DublinCoreRecord()
    record.add("title", "bell\x07")
    with pytest.raises(WriteError, match="XML 1.0 cannot carry"):
        writer_class(io.BytesIO()).write(record)


def test_a_description_wrapping_another_keeps_its_own_statements() -> None:
    text = (
        '<?xml version="1.0"?>\n<records xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<record><dc:title>One</dc:title><wrapper><dc:title>Two</dc:title></wrapper>"
        "<dc:creator>Someone</dc:creator></record></records>"
    )
    items = list(DublinCoreReader(io.BytesIO(text.encode()), "nested.xml"))
    titles = [item.record.texts("title") for item in items]
    assert ["Two"] in titles and ["One"] in titles
