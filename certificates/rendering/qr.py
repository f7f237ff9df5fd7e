"""The verification address as an inline vector QR code. qrcode is imported where it is used,
like WeasyPrint in `pdf`: importing the renderer for its dataclasses stays cheap."""

from __future__ import annotations


def qr_svg(url: str) -> str:
    """The verification URL as an inline vector QR code (no raster anywhere).

    qrcode's SVG path factory draws one filled square per dark module; this draws each row's run
    of dark modules as one horizontal stroke, one module thick, instead: the same shapes, with a
    third of the numbers for WeasyPrint to parse and draw and no hairline seams between abutting
    squares in screen viewers. Quiet zone: four modules (ISO/IEC 18004).
    """
    # Imported on first use, not at start-up (about 80 ms): see the module docstring.
    import qrcode
    import qrcode.constants
    from qrcode.image.svg import SvgPathImage

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, image_factory=SvgPathImage
    )
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}.5h{x - start}")
            else:
                x += 1
    return (
        f'<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="none" stroke="#000" stroke-width="1" d="{"".join(runs)}"/></svg>'
    )
