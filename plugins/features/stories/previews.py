# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Small decorative SVG thumbnails for the story overview: a sparkline, or dots on the municipality.

Written by hand (no library, no randomness): the same story gives the same bytes on every build.
"""

WIDTH, HEIGHT, PAD = 320, 180, 14


def _frame(body, colours):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}" aria-hidden="true">'
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f3f5f7"/>{body}</svg>\n')  # fmt: skip


def sparkline_svg(series, colours):
    """One line per series, each scaled to the same vertical range."""
    values = [v for line in series for v in line]
    if not values:
        return ""
    low, high = min(min(values), 0), max(values) or 1
    palette = [colours.get("primary", "#00577d"), colours.get("accent", "#b3123b"), "#4d4d4d"]
    lines = []
    for index, line in enumerate(series):
        if len(line) < 2:
            continue
        step = (WIDTH - 2 * PAD) / (len(line) - 1)
        points = " ".join(f"{PAD + i * step:.1f},{HEIGHT - PAD - (v - low) / (high - low) * (HEIGHT - 2 * PAD):.1f}"
                          for i, v in enumerate(line))  # fmt: skip
        dash = ' stroke-dasharray="6 4"' if index % 2 else ""
        lines.append(f'<polyline points="{points}" fill="none" stroke="{palette[index % len(palette)]}" '
                     f'stroke-width="3"{dash}/>')  # fmt: skip
    return _frame("".join(lines), colours) if lines else ""


def points_svg(points, bbox, colours):
    """Dots at the given (latitude, longitude) points, inside the municipality's bounding box."""
    if not points:
        return ""
    south, west, north, east = bbox["south"], bbox["west"], bbox["north"], bbox["east"]
    grid = "".join(f'<line x1="{x}" y1="0" x2="{x}" y2="{HEIGHT}" stroke="#d0d3d4"/>' for x in range(40, WIDTH, 40))
    grid += "".join(f'<line x1="0" y1="{y}" x2="{WIDTH}" y2="{y}" stroke="#d0d3d4"/>' for y in range(40, HEIGHT, 40))
    dots = []
    for latitude, longitude in sorted(points):
        x = PAD + (longitude - west) / (east - west) * (WIDTH - 2 * PAD)
        y = PAD + (north - latitude) / (north - south) * (HEIGHT - 2 * PAD)
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colours.get("primary", "#00577d")}" '
                    f'stroke="#ffffff" stroke-width="2"/>')  # fmt: skip
    return _frame(grid + "".join(dots), colours)
