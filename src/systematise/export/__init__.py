"""Exports: the open-data files, and the public view of the dataset every output is made from."""

from systematise.export.opendata import write_open_data
from systematise.export.public import PersonalDataInTextError, public_dataset

__all__ = ["PersonalDataInTextError", "public_dataset", "write_open_data"]
