"""Stage 4 of ``check``: tell each focal point exactly what to fix, in their language.

For each workbook, in ``<output>/feedback/<safe-name>/``: an annotated copy of the workbook,
``report.json`` and ``report.html`` (:func:`write_feedback`); on the console, a table per
workbook and a total line (:mod:`systematise.feedback.console`).
"""

from systematise.feedback.write import FeedbackFiles, write_feedback

__all__ = ["FeedbackFiles", "write_feedback"]
