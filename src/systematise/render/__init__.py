"""Stage 5: the worded report written in its formats (HTML, PDF, DOCX, the landing page).

The format writers (:mod:`.writers`, with :mod:`.html`, :mod:`.pdf`, :mod:`.docx`,
:mod:`.landing`, the fonts and the charts' drawing) render what :mod:`systematise.wording` made:
the report of each language, worded once from the public dataset, the settings and the editors'
Markdown in ``content/<lang>/``. Submitted free text is plain text everywhere: it is escaped, and
only its paragraphs and bullet lines are kept (:mod:`systematise.wording.text`).
"""
