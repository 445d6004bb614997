"""Normalize: raw records to `Center` records (see `dataset.normalize`).

Each module cleans one kind of value leniently: phone, email, website, place,
names. A value that cannot be cleaned comes back as it was, with a reason.
"""
