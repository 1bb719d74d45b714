"""Page images of stored PDF originals: rendered on demand by poppler, cached on disk.

`PageImages.image(sha256, n)` gives the PNG of page `n` of the original with that digest:
`pdftoppm -png -r 100 -f n -l n` (a timeout on every call; a page so large that 100 dpi would
exceed `MAX_PIXELS` is rendered at a lower resolution), checked against `MAX_PNG_BYTES` and
PIL's decompression-bomb guard, and written atomically to
`<data dir>/cache/pages/<sha256>/<n>.png`, from where later requests are served.
`PageImages.sizes(sha256)` gives the pixel size of every page (`pdfinfo`, cached beside the
images) so the reader can give each `<img>` its width and height before it is rendered.

At most `MAX_RENDERS` renders run at once; a request that cannot get a turn within
`RENDER_WAIT` seconds is refused (`RendererBusy`) rather than queueing threads of the server.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

DPI = 100
MAX_PIXELS = 16_000_000  # about A0 at 100 dpi; larger pages are rendered at a lower resolution
MAX_PNG_BYTES = 16 * 1024 * 1024
MAX_PAGE = 100_000
TOOL_TIMEOUT = 30.0
MAX_RENDERS = 2
RENDER_WAIT = 10.0
PDF_MAGIC = b"%PDF-"

_PAGES = re.compile(r"^Pages:\s+(\d+)\s*$", re.M)
_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts", re.M)
_ROT = re.compile(r"^Page\s+(\d+)\s+rot:\s+(\d+)", re.M)


class PageImageError(Exception):
    """A page image cannot be given; the message says why, for people."""


class NotRenderable(PageImageError):
    """The original is no PDF, or the page does not exist (a 404)."""


class RendererMissing(PageImageError):
    """poppler's pdftoppm or pdfinfo is not installed (a 503)."""


class RendererBusy(PageImageError):
    """Every render slot stayed taken for `RENDER_WAIT` seconds (a 503)."""


class RenderFailed(PageImageError):
    """pdfinfo or pdftoppm failed, timed out or produced an image past the caps: the original
    is unreadable or too large to draw (a 404 with the reason)."""


@dataclass(frozen=True)
class PageSize:
    """A page's size in pixels as it is rendered, and the resolution it is rendered at."""

    width: int
    height: int
    dpi: int


def is_pdf(path: Path) -> bool:
    """True when the file starts like a PDF (the content type stored may be wrong)."""
    try:
        with path.open("rb") as handle:
            return handle.read(1024).lstrip().startswith(PDF_MAGIC)
    except OSError:
        return False


def renderer_available() -> bool:
    """True when pdftoppm and pdfinfo are on the search path."""
    return bool(shutil.which("pdftoppm") and shutil.which("pdfinfo"))


def _run(cmd: list[str], what: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            cmd, capture_output=True, timeout=TOOL_TIMEOUT, stdin=subprocess.DEVNULL, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise RenderFailed(f"{what} duurde langer dan {TOOL_TIMEOUT:.0f} seconden") from exc
    except OSError as exc:
        raise RendererMissing(f"{what} kon niet worden gestart ({exc.strerror})") from exc


def _page_size(width_pts: float, height_pts: float, rotation: int) -> PageSize:
    if rotation % 180 == 90:
        width_pts, height_pts = height_pts, width_pts
    dpi = DPI
    pixels = (width_pts / 72 * DPI) * (height_pts / 72 * DPI)
    if pixels > MAX_PIXELS:
        dpi = max(1, math.floor(DPI * math.sqrt(MAX_PIXELS / pixels)))
    width = max(1, math.ceil(width_pts / 72 * dpi))
    height = max(1, math.ceil(height_pts / 72 * dpi))
    return PageSize(width, height, dpi)


def read_sizes(pdf: Path) -> dict[int, PageSize]:
    """Every page's rendered size, from `pdfinfo` (an unreadable PDF: RenderFailed)."""
    tool = shutil.which("pdfinfo")
    if tool is None:
        raise RendererMissing("pdfinfo (poppler-utils) is niet geïnstalleerd")
    info = _run([tool, "-f", "1", "-l", str(MAX_PAGE), str(pdf)], "pdfinfo")  # clamped to the last
    if info.returncode != 0:
        raise RenderFailed("het PDF-bestand kon niet worden gelezen")
    text = info.stdout.decode("utf-8", "replace")
    found = _PAGES.search(text)
    count = min(int(found.group(1)), MAX_PAGE) if found else 0
    if count == 0:
        return {}
    rotations = {int(n): int(r) for n, r in _ROT.findall(text)}
    sizes = {
        int(n): _page_size(float(w), float(h), rotations.get(int(n), 0))
        for n, w, h in _SIZE.findall(text)
    }
    a4 = _page_size(595.276, 841.89, 0)
    return {n: sizes.get(n, a4) for n in range(1, count + 1)}


def _check_png(path: Path, expected: PageSize) -> None:
    """Refuse an output past the byte cap or whose header claims a bomb of pixels."""
    if path.stat().st_size > MAX_PNG_BYTES:
        raise RenderFailed("de pagina-afbeelding werd groter dan toegestaan")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if image.format != "PNG":
                    raise RenderFailed("pdftoppm gaf geen PNG")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise RenderFailed("de pagina-afbeelding is te groot") from exc
    except OSError as exc:
        raise RenderFailed("pdftoppm gaf een onleesbare afbeelding") from exc
    if width * height > max(MAX_PIXELS, expected.width * expected.height) * 1.1:
        raise RenderFailed("de pagina-afbeelding is te groot")


class PageImages:
    """The page-image cache of one data directory (see the module docstring)."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self._slots = threading.BoundedSemaphore(MAX_RENDERS)
        self._sizes: dict[str, dict[int, PageSize]] = {}
        self._lock = threading.Lock()

    def _dir(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.cache_dir / sha256

    def sizes(self, sha256: str, pdf: Path) -> dict[int, PageSize]:
        """The rendered size of each page of `pdf` (the original with digest `sha256`)."""
        with self._lock:
            known = self._sizes.get(sha256)
        if known is not None:
            return known
        stored = self._dir(sha256) / "sizes.json"
        try:
            raw = json.loads(stored.read_text("utf-8"))
            sizes = {int(n): PageSize(**value) for n, value in raw.items()}
        except (OSError, ValueError, TypeError):
            sizes = read_sizes(pdf)
            raw_out = {str(n): vars(size) for n, size in sizes.items()}
            _write_atomic(stored, json.dumps(raw_out).encode("utf-8"))
        with self._lock:
            if len(self._sizes) > 1024:
                self._sizes.clear()
            self._sizes[sha256] = sizes
        return sizes

    def image(self, sha256: str, pdf: Path, number: int) -> Path:
        """The cached PNG of page `number` of `pdf`, rendered first when not cached yet."""
        target = self._dir(sha256) / f"{number}.png"
        if target.is_file():
            return target
        if not is_pdf(pdf):
            raise NotRenderable("dit bestand is geen PDF; er zijn geen pagina-afbeeldingen")
        tool = shutil.which("pdftoppm")
        if tool is None:
            raise RendererMissing("pdftoppm (poppler-utils) is niet geïnstalleerd")
        size = self.sizes(sha256, pdf).get(number)
        if size is None:
            raise NotRenderable(f"dit document heeft geen pagina {number}")
        if not self._slots.acquire(timeout=RENDER_WAIT):
            raise RendererBusy("er worden nu te veel pagina's tegelijk getekend")
        try:
            if not target.is_file():
                self._render(tool, pdf, number, size, target)
        finally:
            self._slots.release()
        return target

    def _render(self, tool: str, pdf: Path, number: int, size: PageSize, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".render-") as tmp:
            prefix = Path(tmp) / "page"
            page = str(number)
            cmd = [tool, "-png", "-r", str(size.dpi), "-f", page, "-l", page, "-singlefile"]
            done = _run([*cmd, str(pdf), str(prefix)], "pdftoppm")
            output = prefix.with_suffix(".png")
            if done.returncode != 0 or not output.is_file():
                raise RenderFailed(f"pdftoppm kon pagina {number} niet tekenen")
            _check_png(output, size)
            os.replace(output, target)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = [
    "DPI",
    "NotRenderable",
    "PageImageError",
    "PageImages",
    "PageSize",
    "RenderFailed",
    "RendererBusy",
    "RendererMissing",
    "is_pdf",
    "renderer_available",
]
