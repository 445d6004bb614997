"""Export: every output file rendered in memory from the records (the files
are written to out/ at once by `pipeline.files.write_atomically`)."""
