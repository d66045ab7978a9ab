"""Old Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice when it is installed.

Staff still receive drafts as .doc or .wps. LibreOffice converts them
headless; each conversion gets a private temporary folder and its own
profile directory, so parallel workers never share a lock, and a time limit,
so a file that makes LibreOffice hang costs that file only. Without
LibreOffice the reader says how to save the file as .docx instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from checker.errors import FzError

SOFFICE_NAMES = ("soffice", "libreoffice")
CONVERT_SECONDS = 60.0  # a .doc that takes longer is reported as unconvertible


def find_soffice() -> Optional[str]:
    """The LibreOffice program on this machine, if any (FZCHECK_SOFFICE names one explicitly)."""
    explicit = os.environ.get("FZCHECK_SOFFICE")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return next((found for name in SOFFICE_NAMES if (found := shutil.which(name))), None)


def convert_to_docx(path: str, soffice: str, seconds: float = CONVERT_SECONDS) -> bytes:
    """The bytes of `path` converted to .docx; FzError when LibreOffice cannot convert it in time."""
    suffix = Path(path).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="fzcheck-office-") as folder:
        work = Path(folder)
        source = work / f"input{suffix}"  # our own name: LibreOffice names its output after the input
        shutil.copyfile(path, source)
        command = [
            soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo", "--nofirststartwizard",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source),
        ]
        environment = {**os.environ, "HOME": str(work), "TMPDIR": str(work)}
        try:
            subprocess.run(command, cwd=work, env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=seconds, check=False, start_new_session=True)
        except subprocess.TimeoutExpired:
            raise FzError("convert-timeout", f"用 LibreOffice 转换超时（超过 {seconds:g} 秒），请另存为 .docx 后再检查",
                          f"LibreOffice took over {seconds:g} s to convert the file; save it as .docx") from None
        except OSError as exc:
            raise FzError("convert-failed", f"无法运行 LibreOffice：{exc.strerror}，请另存为 .docx 后再检查",
                          f"cannot run LibreOffice ({exc.strerror}); save the file as .docx") from None
        converted = work / "out" / "input.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise FzError("convert-failed", "LibreOffice 无法转换此文件（可能已损坏或加密），请用 WPS 或 Word 另存为 .docx 后再检查",
                          "LibreOffice could not convert the file (damaged or encrypted?); save it as .docx in WPS or Word")
        return converted.read_bytes()
