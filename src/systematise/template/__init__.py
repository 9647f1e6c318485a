"""Stage 0: the workbook template focal points fill in, generated from the schema."""
