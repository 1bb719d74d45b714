"""OCR programs "installed" after a harvest: the machine's own tesseract (with `nld`) and
pdftoppm when it has them, else two small stand-ins that answer like them (versions, language
list, a rendered page, the text of the sandbox scan), so the re-extraction path is exercised
everywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TESSERACT = """#!/bin/sh
case "$1" in
  --version) echo "tesseract 5.3.0"; exit 0 ;;
  --list-langs) printf 'List of available languages in "/usr/share" (2):\\neng\\nnld\\n'; exit 0 ;;
esac
echo "{text}"
"""
PDFTOPPM = """#!/bin/sh
for last; do :; done
printf 'P5 1 1 255\\n\\377' > "$last.pgm"
"""


def real_tools() -> dict[str, str] | None:
    """The machine's tesseract (with nld) and pdftoppm, or None."""
    found = {name: shutil.which(name) for name in ("tesseract", "pdftoppm")}
    if not all(found.values()):
        return None
    tesseract = found["tesseract"]
    assert tesseract is not None
    langs = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True).stdout
    if "nld" not in langs.split():
        return None
    return {name: path for name, path in found.items() if path}


def install(bin_dir: Path, scanned_text: str) -> Path:
    """A PATH directory with tesseract and pdftoppm."""
    bin_dir.mkdir(exist_ok=True)
    real = real_tools()
    if real is not None:
        for name, path in real.items():
            (bin_dir / name).symlink_to(path)
        return bin_dir
    for name, script in (
        ("tesseract", TESSERACT.format(text=scanned_text)),
        ("pdftoppm", PDFTOPPM),
    ):
        target = bin_dir / name
        target.write_text(script)
        target.chmod(0o755)
    return bin_dir


def path_with(bin_dir: Path) -> str:
    return os.pathsep.join([str(bin_dir), "/usr/bin", "/bin"])
