"""Stage 1 of ``check``: read untrusted workbooks safely into raw cells.

Order matters: :mod:`~systematise.read.archive` inspects the file as bytes and as a zip archive
before any XML is parsed; :mod:`~systematise.read.sandbox` parses it in a child process with
memory and time limits; :mod:`~systematise.read.grid` opens an ``.xlsx`` (openpyxl), ``.ods``
or ``.xls`` (python-calamine, with :mod:`~systematise.read.ods` and :mod:`~systematise.read.xls`
for what calamine does not tell) as sheets of cells; :mod:`~systematise.read.workbook` maps
cells to field keys, by the template's hidden keys or else by its header labels.
"""
