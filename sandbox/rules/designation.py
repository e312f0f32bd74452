"""Content designation, table-driven for every tag: defined tags, repeatability, indicator values,
subfield codes, and obsolete designators flagged as such.

Source: LC, MARC 21 Format for Bibliographic Data (each field's page is the rule's citation in
the message's field; the table is ``sandbox/reference``). Local fields — 09X, 59X, 69X and 9XX —
are allowed by the profiles that set ``allow_local_fields``; the OCLC fields of ``OCLC_FIELDS``
unless a profile turns ``allow_oclc_fields`` off. The checks themselves run in one pass over the
fields with the structure checks (``field_table``).
"""

from __future__ import annotations

from sandbox.rules.examples import marc_example
from sandbox.rules.field_table import OCLC_FIELDS, table_hits
from sandbox.rules.model import ERROR, WARNING, rule

BD = "https://www.loc.gov/marc/bibliographic/"
__all__ = ["OCLC_FIELDS"]


@rule("TAG-001", "undefined-tag", "Tags are defined in MARC 21 (or local)", ERROR,
      BD + "ecbdlist.html",
      "A tag MARC 21 does not define means nothing to other systems; local data belongs in the "
      "local ranges 09X, 59X, 69X and 9XX.",
      good=(marc_example(), marc_example("=949  \\\\$aLocal note.")),
      bad=(marc_example("=269  \\\\$aNew York."), marc_example("=101  \\\\$aeng")))
def undefined_tag(record, context):
    return iter(table_hits(record, context)["TAG-001"])


@rule("TAG-002", "obsolete-tag", "Obsolete fields are not used in new records", WARNING,
      BD + "ecbdlist.html",
      "LC made the field obsolete; new records use the field that replaced it.",
      good=(marc_example(),), bad=(marc_example("=440  \\0$aExample series ;$v3."),))
def obsolete_tag(record, context):
    return iter(table_hits(record, context)["TAG-002"])


@rule("TAG-003", "non-repeatable-field", "Non-repeatable fields occur once", ERROR,
      BD + "ecbdlist.html",
      "MARC 21 allows some fields once per record (one title statement, one main entry); a "
      "second one is either misplaced data or a duplicate.",
      good=(marc_example(),),
      bad=(marc_example("=245  10$aExample title /$cAnn Writer.",
                        "=245  10$aAnother title /$cAnn Writer."),))
def non_repeatable_field(record, context):
    return iter(table_hits(record, context)["TAG-003"])


@rule("TAG-004", "indicator-value", "Indicator values are defined for the field", ERROR,
      BD + "ecbdlist.html",
      "Indicators change how a field is indexed or displayed (nonfiling characters, added "
      "entries, thesaurus); an undefined value is ignored or misread.",
      good=(marc_example(),),
      bad=(marc_example("=245  30$aExample title /$cAnn Writer."),
           marc_example("=650  \\9$aCataloging.")))
def indicator_value(record, context):
    return iter(table_hits(record, context)["TAG-004"])


@rule("TAG-005", "subfield-defined", "Subfield codes are defined for the field", ERROR,
      BD + "ecbdlist.html",
      "Each field defines its own subfields; an undefined code is usually a typing slip (or "
      "data in the wrong field) and is dropped by systems that validate.",
      good=(marc_example(),),
      bad=(marc_example("=245  10$aExample title /$cAnn Writer.$j1"),
           marc_example("=020  \\\\$a9780262033848$b(pbk.)")))
def subfield_defined(record, context):
    return iter(table_hits(record, context)["TAG-005"])


@rule("TAG-006", "non-repeatable-subfield", "Non-repeatable subfields occur once per field",
      ERROR, BD + "ecbdlist.html",
      "Some subfields may appear once in a field (245 $a, 100 $a); a second one usually means "
      "two fields were run together or a code was mistyped.",
      good=(marc_example(),),
      bad=(marc_example("=245  10$aExample title /$aAgain$cAnn Writer."),))
def non_repeatable_subfield(record, context):
    return iter(table_hits(record, context)["TAG-006"])