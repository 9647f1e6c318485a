"""The intake portal: a focal point uploads a workbook and gets the annotated copy back at once.

``systematise portal serve`` runs it on one machine: an ASGI application (:mod:`.app`) on
uvicorn, SQLite in WAL mode for its records (:mod:`.db`) and files on disk, both in the data
folder (``--data``). The pieces:

- :mod:`.auth`: each State's invitation link (a random token, only its hash stored), the
  editor's password (argon2), browser sessions and the forms' CSRF token;
- :mod:`.intake`: an upload streamed to disk with the size limit enforced while it arrives,
  hashed, and recorded before anything reads it;
- :mod:`.worker`: the queue of checks kept in SQLite (a restart resumes what was pending), each
  batch checked by :func:`systematise.check.check_files` (archive checks, sandboxed parsing) and
  given its feedback by :func:`systematise.feedback.write_feedback`; the editor's builds;
- :mod:`.pages` (the focal point's and the editor's pages) and :mod:`.api` (``/api/v1``).

Nothing here prints; the command line (:mod:`systematise.cli.portal`) starts it.
"""
