"""Field help: what the current field is, from the MARC 21 reference data (offline)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTextBrowser

from sandbox.reference import marc21


def field_help_html(tag: str) -> str:
    """The help page for ``tag``: label, repeatability, indicators, subfields and the citation."""
    if tag == "LDR":
        rows = "".join(f"<tr><td><code>{p.start:02d}{'-%02d' % p.end if p.end != p.start else ''}</code></td>"
                       f"<td>{escape(p.label)}</td></tr>" for p in marc21.leader_positions())
        return ("<h3>Leader</h3><p>24 characters that say how the record is built and what it "
                "describes. Positions 06-07 choose the 008 layout.</p>"
                f"<table cellspacing='0' cellpadding='2'>{rows}</table>"
                "<p><a href='https://www.loc.gov/marc/bibliographic/bdleader.html'>MARC 21 Leader</a></p>")
    definition = marc21.field(tag)
    if definition is None:
        local = tag[0] == "9" or "9" in tag[1:]
        note = ("Tags with a 9 are reserved for local use: MARC 21 does not define them."
                if local else "MARC 21 Bibliographic does not define this tag.")
        return f"<h3>{escape(tag)}</h3><p>{note}</p>"
    parts = [f"<h3>{escape(tag)} — {escape(definition.label)}</h3>"]
    badges = ["Repeatable (R)" if definition.repeatable else "Not repeatable (NR)"]
    if definition.obsolete:
        badges.append("<b>Obsolete</b>")
    parts.append(f"<p>{' · '.join(badges)}</p>")
    if definition.indicators:
        for indicator in definition.indicators:
            if indicator.undefined:
                parts.append(f"<p><b>Indicator {indicator.position}</b>: undefined (blank)</p>")
                continue
            values = "".join(f"<li><code>{escape(v.replace(' ', '#'))}</code> {escape(meaning)}</li>"
                             for v, meaning in indicator.values.items())
            parts.append(f"<p><b>Indicator {indicator.position}</b> — {escape(indicator.label)}</p>"
                         f"<ul>{values}</ul>")
        codes = "".join(
            f"<tr><td><code>${escape(code)}</code></td><td>{escape(sub.label)}</td>"
            f"<td>{'R' if sub.repeatable else 'NR'}{' (obsolete)' if sub.obsolete else ''}</td></tr>"
            for code, sub in definition.subfields.items())
        parts.append(f"<p><b>Subfields</b></p><table cellspacing='0' cellpadding='2'>{codes}</table>")
    else:
        parts.append("<p>A control field: no indicators or subfields; its data is a string "
                     "whose character positions have defined meanings.</p>")
    parts.append(f"<p>Source: {escape(definition.citation)}<br>"
                 f"<a href='reference:{escape(tag)}'>Open {escape(tag)} in the reference desk</a></p>")
    return "".join(parts)


class FieldHelp(QTextBrowser):
    """Shows the help for one field; ``showReference`` asks for the full reference browser."""

    showReference = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("fieldHelp")
        self.setAccessibleName("Help for the current field")
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self._tag = ""
        self.setHtml("<p>Select a field to see what it holds.</p>")
        self.anchorClicked.connect(self._link)

    def _link(self, url) -> None:
        target = url.toString()
        if target.startswith("reference:"):
            self.showReference.emit(target.removeprefix("reference:"))

    @property
    def tag(self) -> str:
        return self._tag

    def show_field(self, tag: str) -> None:
        if tag == self._tag:
            return
        self._tag = tag
        self.setHtml(field_help_html(tag))
