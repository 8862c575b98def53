"""Make the scanned test set: sample PDFs printed to page images, as a scanner would return them.

Each scan in `SCANS` renders one sample (`samples/NAME.pdf`) in grey at the scanner's
resolution, turns it by a slight angle (a sheet fed a little askew) and adds noise
(sensor grain and specks of dust) where asked, then writes the images as an image-only,
JPEG-compressed PDF `tests/fixtures/scanned/NAME-DPIdpi.pdf`. Its gold is the sample's
own `samples/NAME.gold.json`. The noise is seeded, so a rerun writes the same images.

Run: `python samples/scan.py` (or `make scans`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

SAMPLES = Path(__file__).parent
OUT = SAMPLES.parent / "tests" / "fixtures" / "scanned"
JPEG_QUALITY = 50
GRAIN = 6.0  # standard deviation of the sensor noise, in grey levels
SPECKS_PER_MEGAPIXEL = 150  # dark dust specks


@dataclass(frozen=True)
class Scan:
    """One scanned copy of a sample: its resolution, its tilt in degrees and whether it is noisy."""

    name: str
    dpi: int
    angle: float = 0.0
    noisy: bool = False

    @property
    def path(self) -> Path:
        return OUT / f"{self.name}-{self.dpi}dpi.pdf"


SCANS = (
    Scan("rotherham-cyps-improvement-plan-2018", 150, angle=0.8, noisy=True),
    Scan("rotherham-cyps-improvement-plan-2018", 200, angle=-1.2),
    Scan("rotherham-cyps-improvement-plan-2018", 300, noisy=True),
    Scan("rotherham-inspection-recommendations-2010", 150, angle=-1.0),
    Scan("rotherham-inspection-recommendations-2010", 200, noisy=True),
    Scan("rotherham-inspection-recommendations-2010", 300, angle=1.4, noisy=True),
    Scan("kingsford-health-wellbeing-2022", 150, noisy=True),
    Scan("kingsford-health-wellbeing-2022", 200, angle=0.6, noisy=True),
    Scan("kingsford-health-wellbeing-2022", 300, angle=-0.5),
    Scan("ashcombe-send-2023", 150, angle=-1.5, noisy=True),
    Scan("ashcombe-send-2023", 200),
    Scan("ashcombe-send-2023", 300, angle=1.0),
)


def render(page: pdfium.PdfPage, dpi: int) -> Image.Image:
    """The page as a grey image at `dpi`."""
    return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")


def tilt(image: Image.Image, angle: float) -> Image.Image:
    """The image turned by `angle` degrees (anticlockwise), the corners it uncovers white."""
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255) if angle else image


def add_noise(image: Image.Image, rng: np.random.Generator) -> Image.Image:
    """The image with grey grain all over and a scatter of dark specks."""
    pixels = np.asarray(image, dtype=np.float32)
    pixels = pixels + rng.normal(0.0, GRAIN, pixels.shape)
    count = int(SPECKS_PER_MEGAPIXEL * pixels.size / 1e6)
    rows = rng.integers(0, pixels.shape[0] - 1, count)
    cols = rng.integers(0, pixels.shape[1] - 1, count)
    pixels[rows, cols] = pixels[rows + 1, cols] = pixels[rows, cols + 1] = rng.uniform(0, 120, count)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def scan_pages(scan: Scan) -> list[Image.Image]:
    """Every page of the sample as the scanner would return it."""
    rng = np.random.default_rng(scan.dpi)
    pdf = pdfium.PdfDocument(SAMPLES / f"{scan.name}.pdf")
    images = []
    for page in pdf:
        image = tilt(render(page, scan.dpi), scan.angle)
        images.append(add_noise(image, rng) if scan.noisy else image)
        page.close()
    pdf.close()
    return images


def write_scan(scan: Scan) -> Path:
    """Write one scan as an image-only PDF at its resolution; returns its path."""
    images = scan_pages(scan)
    scan.path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(
        scan.path, save_all=True, append_images=images[1:], resolution=scan.dpi, quality=JPEG_QUALITY,
    )
    return scan.path


def main() -> None:
    """Write every scan of the test set."""
    for scan in SCANS:
        path = write_scan(scan)
        print(f"{path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
