"""How a build runs, apart from what it makes: the inputs' fingerprint and the manifest that lets
an unchanged build finish at once (:mod:`.cache`), the outputs it can make and what each depends
on (:mod:`.outputs`), forked worker processes that render outputs in parallel (:mod:`.parallel`)
and the progress events a build reports (:mod:`.progress`).

Nothing here imports openpyxl, WeasyPrint, pandoc or matplotlib.
"""
