"""Reference data for cataloging: MARC code lists and related vocabularies."""
