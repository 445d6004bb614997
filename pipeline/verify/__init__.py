"""Verify: is each published contact still live? Checked against the world, kept as a dated source.

`python -m pipeline verify` asks every published website for its headers
(`web`) and DNS about every email domain (`domains`), and writes the run to
raw/verification/ (`record`), all or nothing under the raw folder's lock
(`run`). The checks' answers are records of their own (`results`), free of
network code: the build reads the newest run like any other source, offline,
and gives each center its checks (`attach`), which the rules of
`pipeline.check.live` and the exports read.
"""
