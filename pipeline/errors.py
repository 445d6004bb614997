"""The project's own error type: a failure of the pipeline, not of the data.

Problems in the data are findings. A `PipelineError` means the pipeline cannot
go on (a raw file is unreadable, changed behind its manifest, or its layout is
not one we know); its message names the file and, where known, line or page.
"""
from __future__ import annotations


class PipelineError(Exception):
    """A failure of the pipeline and where it happened: the file (`source`), and
    where known its `line` or `page`, and the `stage` that raised it.
    As text: "file, page P, line L: message"."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None,
                 page: int | None = None, stage: str = "") -> None:
        self.message = message
        self.source = source
        self.line = line
        self.page = page
        self.stage = stage
        super().__init__(str(self))

    def where(self) -> str:
        """ "file, page P, line L", of the parts that are known; "" when none is."""
        parts = [self.source] if self.source else []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message
