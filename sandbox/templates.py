"""New-record templates: a valid RDA starting point for each common kind of resource.

Each template is a MarcEdit ``.mrk`` file in ``sample_records/templates/`` with the Leader, 006,
007, 008 and 336/337/338 its kind of resource needs, 040 $b eng $e rda, and placeholders a learner
replaces (``Title proper``, ``Publisher``, ``000 pages``, ``YOUR-LIBRARY-CODE``). The placeholders
are chosen so that a fresh record passes ``catsandbox lint --profile rda`` with no errors: a learner
starts from a clean record and every finding that appears afterwards is about their own edits.

Sources for the coded values: LC, MARC 21 Bibliographic — Leader, 006, 007, 008
(https://www.loc.gov/marc/bibliographic/bdleader.html, bd006.html, bd007.html, bd008.html); LC,
"Term and Code List for RDA Content Types / Media Types / Carrier Types"
(https://www.loc.gov/standards/valuelist/rdacontent.html, rdamedia.html, rdacarrier.html).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources

from pymarc import Field, Record

from sandbox.formats.mrk import read_text

__all__ = ["TEMPLATES", "Template", "TemplateError", "new_record", "template_text"]

TEMPLATE_FOLDER = "templates"


@dataclass(frozen=True)
class Template:
    id: str
    label: str
    description: str
    filename: str


TEMPLATES: dict[str, Template] = {
    t.id: t
    for t in (
        Template("printed-book", "Printed book (RDA)",
                 "A print monograph: Leader/06-07 'am', Books 008, 100/245/250/264/300, "
                 "336 text, 337 unmediated, 338 volume.",
                 "printed-book.mrk"),
        Template("e-book", "E-book (RDA, online resource)",
                 "An online text: Books 008 with 008/23 'o' (online), 006 'm' for the "
                 "electronic aspect, 007 'cr', 336 text, 337 computer, 338 online resource, "
                 "347 file type, 588 source of description, 856 address.",
                 "e-book.mrk"),
        Template("serial", "Serial (RDA, print)",
                 "A print periodical: Leader/07 's', Continuing Resources 008 (008/06 'c', "
                 "frequency, 008/21 'p' periodical, 008/34 successive entry), 310, 362, 588.",
                 "serial.mrk"),
        Template("video-recording", "Video recording (DVD)",
                 "A DVD videodisc: Leader/06 'g', 007 'vd' (videodisc, DVD format), Visual "
                 "Materials 008 (running time, 008/33 'v' videorecording), 336 two-dimensional "
                 "moving image, 337 video, 338 videodisc.",
                 "video-recording.mrk"),
        Template("sound-recording", "Sound recording (audio CD)",
                 "A music CD: Leader/06 'j', 007 'sd' (sound disc, 4 3/4 in., digital), Music "
                 "008, 336 performed music, 337 audio, 338 audio disc, 505 contents.",
                 "sound-recording.mrk"),
        Template("map", "Map (sheet map)",
                 "A printed sheet map: Leader/06 'e', 007 'aj' (map), Maps 008 (008/25 'a' "
                 "single map), 034 coded scale, 255 scale statement, 336 cartographic image, "
                 "337 unmediated, 338 sheet.",
                 "map.mrk"),
    )
}


class TemplateError(ValueError):
    """A template id that does not exist, or a template file that cannot be read."""


def template_text(template_id: str) -> str:
    """The template's ``.mrk`` text as shipped."""
    template = _template(template_id)
    folder = resources.files("sample_records").joinpath(TEMPLATE_FOLDER)
    try:
        return folder.joinpath(template.filename).read_text(encoding="utf-8")
    except OSError as error:
        raise TemplateError(f"the template file {template.filename} could not be read: "
                            f"{error}") from error


def new_record(template_id: str, today: date | None = None) -> Record:
    """A new record from a template, with 008/00-05 (date entered on file) set to ``today``.

    ``today`` defaults to the current date; 008/00-05 is written YYMMDD as LC defines it
    (https://www.loc.gov/marc/bibliographic/bd008a.html).
    """
    template = _template(template_id)
    items = read_text(template_text(template_id), name=template.filename)
    if len(items) != 1 or items[0].record is None or items[0].problems:
        problems = "; ".join(p.message for item in items for p in item.problems)
        raise TemplateError(f"the template {template.filename} is damaged: "
                            f"{problems or 'it does not hold exactly one record'}")
    record = items[0].record
    entered = (today or date.today()).strftime("%y%m%d")
    for index, field in enumerate(record.fields):
        if field.tag == "008" and field.is_control_field():
            data = (field.data or "").ljust(40)
            record.fields[index] = Field(tag="008", data=entered + data[6:])
    return record


def _template(template_id: str) -> Template:
    try:
        return TEMPLATES[template_id]
    except KeyError:
        raise TemplateError(f"there is no record template '{template_id}' (there are: "
                            f"{', '.join(TEMPLATES)})") from None
