"""Stage 3 of ``check``: normalise each field, validate rows and the header through the models.

Every problem of a workbook is found in one pass, each at its A1 cell with its field key and
bilingual label; the result is a :class:`~systematise.schema.stages.CheckedWorkbook`.
"""
