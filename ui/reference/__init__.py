"""The reference desk and the drills (issue 7): widgets the main window shows.

``ReferenceDesk`` - MARC 21 browser, code lists, LC call number tools, Dewey anatomy, encoding
explorer. ``DrillView`` - timed drill sessions with spaced review of missed questions.
"""

from ui.reference.desk import ReferenceDesk
from ui.reference.drill_view import DrillView

__all__ = ["DrillView", "ReferenceDesk"]
