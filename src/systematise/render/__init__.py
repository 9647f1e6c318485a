"""Stage 5: the consolidated dataset rendered as the published report (HTML and PDF).

The renderers read only a :class:`~systematise.consolidate.models.Dataset`, the settings and the
editors' Markdown in ``content/<lang>/``. Submitted free text is plain text everywhere: it is
escaped, and only its paragraphs and bullet lines are kept (:mod:`.text`).
"""
