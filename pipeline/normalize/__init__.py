"""Normalize: raw records to `Center` records (see `dataset.normalize`).

Each value field is normalized by its kind's normalizer, from the one table in
`normalizers` (phone, email, website, the parts of a place); `names` pairs list
entries with contact blocks; `fixes` and `decisions` make the overrides that
are published instead of the source's values. A value that cannot be cleaned
comes back as it was, with an issue code and its details.
"""
