"""Who hears of each page OCR reads: a worker process sets it to pass pages on to the terminal.

A module of its own so that a worker checking a text file does not import the OCR layout code.
"""

from __future__ import annotations

import contextvars
from typing import Callable, Optional

Progress = Callable[[int, float], None]  # (page number, seconds it took), after each page

# Who hears of each page read when the caller passes no `progress` (read_image, pdf.py). Nothing is
# printed here.
PAGE_PROGRESS: contextvars.ContextVar[Optional[Progress]] = contextvars.ContextVar("fzcheck_ocr_progress", default=None)
