"""Stage 2 of ``check``: turn what focal points type into the values the data contract holds.

Each normaliser is a pure function from a raw cell value (text, number, date...) to a normalised
value, ``None`` (nothing entered) or an :class:`~systematise.normalise.issue.Issue` naming a
problem code of the catalogue. None of them raises on bad input, and each is idempotent: feeding
its own output back returns the same output.
"""
