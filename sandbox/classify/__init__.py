"""Classification facts and tools: LC Cutter numbers, LC call numbers, Dewey number structure.

Everything here is plain Python with no Qt. The facts live in this package's own data files, each
naming its source in its header:

* ``data/lc_cutter_table.tsv`` - the LC Cutter table of the Classification and Shelflisting Manual,
  instruction sheet G 63, used by :mod:`sandbox.classify.cutter`;
* ``data/lcc_outline.tsv`` - every class and subclass of the Library of Congress Classification
  Outline with its caption and number spans, used by :mod:`sandbox.classify.lcc`.

:mod:`sandbox.classify.dewey` checks the *structure* of a Dewey number only. Dewey's schedules and
captions belong to OCLC, so nothing here names what a Dewey number means: classes are described by
their digits alone ("main class 5 (500-599)").
"""
