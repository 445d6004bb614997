"""Extractor for a PDF, as browsers, word processors, spreadsheets and typesetters print them.

Reader: `read_pdf(data, source) -> Pages` (`pipeline.extract.model`); the
assembler reads the pages (`pipeline.extract.assemble`).

A PDF has no lines, only glyphs at positions. The reader rebuilds them in
four steps, one module each, with every threshold in `settings.SETTINGS`:

1. `pages`: each page's words with their font and size, its rulings (table
   borders) and small shapes (bullets drawn, not typed), turned upright.
2. `furniture`: the running header and footer, set aside; they give the
   document's title and address.
3. `layout`: each page cut into regions at gutters, empty bands and rulings;
   columns read one after the other, a table row by row.
4. `order`: the regions' lines in reading order, wrapped lines and a
   printer's hyphenation joined back.
`sheet` finds a spreadsheet printed over pages (a header row of field labels) and joins its rows
back; `order` also carries a drawn table's row that a page break cuts back to its cells.
`document` puts them together as the pages of the document model.

A line's `SourceRef` gives its page and its number among the page's lines in
reading order, counted from 1; the running header and footer are not counted.
"""
from pipeline.extract.pdf.document import extract_pdf, read_lines, read_pdf

__all__ = ["extract_pdf", "read_lines", "read_pdf"]
