"""Stage 1 of ``check``: read untrusted workbooks safely into raw cells.

Order matters: :mod:`~systematise.read.archive` inspects the file as bytes and as a zip archive
before any XML is parsed; :mod:`~systematise.read.sandbox` parses it in a child process with
memory and time limits; :mod:`~systematise.read.workbook` maps cells to field keys.
"""
