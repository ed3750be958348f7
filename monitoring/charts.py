"""Bar charts as SVG, drawn on the server: the same markup serves the page and the PDF
(WeasyPrint runs no JavaScript).

Why not a library: the pages run under a strict Content-Security-Policy (no script, no
style element, no style attribute we would need), so a JavaScript chart library is out, and
the Python ones (pygal, matplotlib) write their SVG with an embedded <style> element and
would have to be served as <img> files, which loses the per-bar titles screen readers and
tests read. Grouped bars cover every chart these pages need; presentation attributes
(fill=, stroke=) carry the colours, so the CSP stays strict.

A chart is its data first: ``Chart.rows`` is the data table printed beside it, and every
bar carries its own value in a <title>, so a test can check the drawing against the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from math import log10

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = int | float | Decimal
# Okabe-Ito colours: told apart by people with colour-blind vision, 3:1 on white or more.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
WIDTH, HEIGHT = 640, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 104


def fmt(value: Number | None) -> str:
    """A number in the active language's format (1,234.5 / 1.234,5); "—" for none."""
    if value is None:
        return "—"
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    decimals = 0 if isinstance(value, int) else 1
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@dataclass
class Chart:
    """Categories along the axis (cycles, themes, provinces), one bar per series in each."""

    title: str
    summary: str
    categories: list[str]
    series: list[tuple[str, list[Number | None]]]
    unit: str = ""
    slug: str = "chart"
    max_value: Number | None = None  # e.g. 5 for a rating
    # Columns the table adds after the drawn ones (a total, a source): (heading, cells).
    extra: list[tuple[str, list[str]]] = field(default_factory=list)
    corner: str = ""  # the heading of the category column

    @property
    def header(self) -> list[str]:
        return [self.corner, *[name for name, _v in self.series], *[h for h, _c in self.extra]]

    @property
    def rows(self) -> list[list[str]]:
        """The data table: one row per category, one column per series (formatted as
        the bars' titles are), then the extra columns."""
        return [
            [
                category,
                *[fmt(values[i]) for _name, values in self.series],
                *[cells[i] for _h, cells in self.extra],
            ]
            for i, category in enumerate(self.categories)
        ]

    @property
    def is_empty(self) -> bool:
        return not any(v for _n, values in self.series for v in values if v)

    def svg(self) -> SafeString:
        # Safe: _draw escapes every text it writes.
        return mark_safe(_draw(self))


def _nice_top(value: float) -> float:
    """A round axis maximum above ``value``: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1
    power = 10 ** int(log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _draw(chart: Chart) -> str:
    values = [float(v) for _n, vs in chart.series for v in vs if v is not None]
    top = float(chart.max_value) if chart.max_value else _nice_top(max(values, default=0))
    plot_h = HEIGHT - TOP - BOTTOM
    title_id, desc_id = f"{chart.slug}-title", f"{chart.slug}-desc"
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img" '
            f'aria-labelledby="{title_id} {desc_id}" font-family="sans-serif" font-size="12">',
            f'<title id="{title_id}">{escape(chart.title)}</title>',
            f'<desc id="{desc_id}">{escape(chart.summary)}</desc>',
            *_grid(top, values, plot_h),
            *_bars(chart, top, plot_h),
            f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
            f'stroke="#212529" stroke-width="1"/>',
            *_legend(chart),
            "</svg>",
        ]
    )


def _grid(top: float, values: list[float], plot_h: float) -> list[str]:
    """Grid lines and their values: quarters, or whole steps for a small scale (stars)."""
    counts = all(float(v).is_integer() for v in values)
    steps = int(top) if counts and float(top).is_integer() and 2 <= top <= 10 else 4
    lines = []
    for i in range(steps + 1):
        value = top * i / steps
        y = TOP + plot_h - plot_h * i / steps
        lines.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#ced4da" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#212529">'
            f"{escape(fmt(round(value, 1)))}</text>"
        )
    return lines


def _bars(chart: Chart, top: float, plot_h: float) -> list[str]:
    """A group of bars per category, each with its title, and the category's label."""
    n_cat, n_ser = max(1, len(chart.categories)), max(1, len(chart.series))
    band = (WIDTH - LEFT - RIGHT) / n_cat
    bar = band * 0.8 / n_ser
    out = []
    for c, category in enumerate(chart.categories):
        x0 = LEFT + band * c + band * 0.1
        for s, (name, series_values) in enumerate(chart.series):
            value = series_values[c]
            if value is None:
                continue
            h = plot_h * min(float(value), top) / top if top else 0
            x, y = x0 + bar * s, TOP + plot_h - h
            label = (
                f"{category}, {name}: {fmt(value)}"
                if len(chart.series) > 1
                else (f"{category}: {fmt(value)}")
            )
            out.append(
                f'<rect class="pf-bar" x="{x:.1f}" y="{y:.1f}" width="{max(bar - 2, 1):.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[s % len(PALETTE)]}">'
                f"<title>{escape(label)}</title></rect>"
            )
        cx, cy = LEFT + band * (c + 0.5), TOP + plot_h + 16
        # Many categories: labels slanted so they do not run into each other.
        slant = f' transform="rotate(-30 {cx:.1f} {cy})"' if n_cat > 4 else ""
        anchor = "end" if slant else "middle"
        out.append(
            f'<text x="{cx:.1f}" y="{cy}" text-anchor="{anchor}" fill="#212529"{slant}>'
            f"{escape(_short(category, 16 if slant else 24))}</text>"
        )
    return out


def _legend(chart: Chart) -> list[str]:
    """With several series, the legend in a row under the axis labels."""
    if len(chart.series) < 2:
        return []
    out, x = [], LEFT
    for s, (name, _values) in enumerate(chart.series):
        out.append(
            f'<rect x="{x}" y="{HEIGHT - 24}" width="12" height="12" '
            f'fill="{PALETTE[s % len(PALETTE)]}"/>'
            f'<text x="{x + 16}" y="{HEIGHT - 14}" fill="#212529">{escape(_short(name))}</text>'
        )
        x += 24 + 7 * min(len(name), 24)
    return out


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
