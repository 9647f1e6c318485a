"""systematise: Member States' migration policy initiatives, from workbooks to a bilingual report.

The package is laid out as the pipeline it runs:

- ``schema``      the data contract as code: models, vocabularies, reference data, problem codes
- ``template``    writes the workbook template focal points fill in
- ``read``        opens untrusted workbooks safely and returns raw cells by machine key
- ``normalise``   turns what people type into typed values, or problems
- ``validate``    checks rows and submissions against the models
- ``feedback``    tells each focal point what to fix (annotated workbook, JSON, HTML)
- ``consolidate`` merges valid submissions into one dataset with stable ids
- ``render``      HTML, PDF and DOCX of the report, with charts
- ``export``      open-data files
"""

import os

# openpyxl parses workbooks with lxml whenever lxml is installed (pikepdf brings it in), and
# lxml resolves entities; with this set before openpyxl is first imported it keeps to the
# standard library parser hardened by defusedxml. read.defences checks that it did.
os.environ["OPENPYXL_LXML"] = "False"

__version__ = "0.1.0"
