"""Colours that read on a light and on a dark palette alike.

Backgrounds are translucent tints laid over the palette's own base colour, so text keeps the
palette's contrast in either; foregrounds are mid-tone hues that stay legible on both.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

ALPHA = 70  # of 255: enough to see, little enough for the palette's text to stay readable

SEVERITY_TINTS = {
    "error": QColor(220, 53, 34, ALPHA),
    "warning": QColor(230, 160, 0, ALPHA),
    "info": QColor(40, 120, 220, ALPHA),
}
PASSED_TINT = QColor(46, 160, 67, ALPHA)
PARTLY_TINT = SEVERITY_TINTS["warning"]
FAILED_TINT = SEVERITY_TINTS["error"]
FOUND_TINT = QColor(255, 193, 7, 110)  # the text a finding points at

GOOD, FAIR, POOR = QColor("#3a9a4a"), QColor("#c98a00"), QColor("#d9453a")


def score_colour(percent: float) -> QColor:
    return GOOD if percent >= 90 else FAIR if percent >= 60 else POOR
