"""Bottle illustrations for products without photos: an SVG drawn from the catalog's own words.

The silhouette comes from the category, concentration and house style (an Arabian flacon, a
designer block, a niche apothecary bottle, an attar crystal …), the colours from the scent family,
and small differences (cap height, liquid level, label tone) from a seed, so that neighbouring
cards do not look alike. Pure and deterministic: the same arguments always give the same bytes.

The SVG is self-contained and inert: no scripts, event handlers, `style` or external references,
and every id carries the seed and a digest of the arguments, so several can be inlined on one page.
"""
from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Sequence

from app.catalog.models import CATEGORIES, CONCENTRATIONS, FAMILIES, STYLES

# Bump when the drawings change: bottle URLs carry it, so year-long caches see the new pictures.
DRAWING_VERSION = 1

WIDTH, HEIGHT = 240, 300
GROUND = 276  # where every bottle stands
CENTRE = 120

# Per scent family: the liquid's light, middle and deep tones.
FAMILY_COLOURS: dict[str, tuple[str, str, str]] = {
    "oud": ("#c8874a", "#7a3f1e", "#2e140a"),
    "amber": ("#f6cd72", "#d68a26", "#7c420f"),
    "woody": ("#d6ae7e", "#93643b", "#4a2d18"),
    "floral": ("#f8cdd2", "#dc7d8f", "#8c3450"),
    "fresh": ("#d4f1e7", "#79c6b1", "#2b7a6f"),
    "citrus": ("#fcea9c", "#f2b33e", "#c4641a"),
    "aquatic": ("#d2e8f6", "#5b9fd0", "#1c4b80"),
    "gourmand": ("#f2d3a2", "#c58745", "#6b3a19"),
    "spicy": ("#eeaa7e", "#b3492b", "#5a1c12"),
    "musky": ("#f3e8e6", "#cbb1bd", "#85687a"),
    "leather": ("#d2a173", "#8c5a31", "#3c2313"),
    "aromatic": ("#dbe5cb", "#93aa7e", "#4a6141"),
    "fruity": ("#f4b9cd", "#c4446f", "#5e1433"),
    "green": ("#d3e8b4", "#6c9f46", "#2d5921"),
    "powdery": ("#f1e2f2", "#c6a2cf", "#7a588c"),
}

# How much lighter than the family's own colour each concentration's juice is.
PALENESS = {"extrait": 0.0, "parfum": 0.05, "edp": 0.12, "edt": 0.3, "edc": 0.45, "oil": 0.0}

# Horizontal gradients (left edge → highlight → body → right edge) of caps, collars and trims.
MATERIALS: dict[str, tuple[str, str, str, str]] = {
    "gold": ("#8e6a28", "#f2dda8", "#d2ae66", "#7d5c22"),
    "rose": ("#93604d", "#f6d6c6", "#d39d86", "#7e4d3b"),
    "silver": ("#7f868d", "#f5f7f8", "#c3c8cd", "#646a70"),
    "lacquer": ("#120e0d", "#6a5c56", "#2b2321", "#0a0807"),
    "walnut": ("#3f2718", "#9c6c46", "#6a4229", "#2e1c11"),
    "oak": ("#8a6842", "#e6cba0", "#bb965f", "#765634"),
    "cork": ("#8e6c48", "#e4c89e", "#c4a276", "#7c5c3b"),
    "satin": ("#c9b99c", "#fffdf7", "#efe5d2", "#b3a283"),
}
INK = "#2a1a14"
IVORY = "#faf6ef"
GOLD_LINE = "#c9a35a"
GOLD_SHADE = "#7d5c22"

# The silhouettes, in the order the picker below tries them.
SHAPES = ("vials", "gift-box", "mabkhara", "reed-diffuser", "slim-spray", "attar", "flacon", "block",
          "apothecary", "flask")


def silhouette(category: str, concentration: str, style: str) -> str:
    """The bottle shape a product is drawn as."""
    by_category = {"samples": "vials", "gift-set": "gift-box", "bakhoor": "mabkhara",
                   "home": "reed-diffuser", "body-mist": "slim-spray", "attar-oil": "attar"}
    if category in by_category:
        return by_category[category]
    if concentration == "oil":
        return "attar"
    return {"arabian": "flacon", "designer": "block", "niche": "apothecary", "indie": "flask"}[style]


def bottle_svg(*, category: str, concentration: str, style: str, family: str, seed: int) -> str:
    """The SVG document of a product's bottle illustration."""
    for value, vocabulary in ((category, CATEGORIES), (concentration, CONCENTRATIONS), (style, STYLES),
                              (family, FAMILIES)):
        if value not in vocabulary:
            raise ValueError(f"unknown catalog value {value!r}")
    arguments = f"{category}/{concentration}/{style}/{family}/{seed}"
    digest = hashlib.blake2b(arguments.encode(), digest_size=3).hexdigest()
    drawing = _Drawing(prefix=f"b{seed}-{digest}-", seed=seed, family=family, concentration=concentration,
                       style=style)
    shape = silhouette(category, concentration, style)
    drawing.backdrop()
    DRAWERS[shape](drawing)
    return drawing.document()


# Drawing kit --------------------------------------------------------------------------------------


def _n(value: float) -> str:
    """A compact number: one decimal at most, no trailing zeros."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _pts(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)} {_n(y)}" for x, y in points)


def _polyline(points: Sequence[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in points)


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return _polyline(points) + "Z"


def _smooth(points: Sequence[tuple[float, float]]) -> str:
    """Cubic curves through the points (Catmull-Rom), to follow an `M` at the first one."""
    segments = []
    for i in range(len(points) - 1):
        p0, p1, p2 = points[max(i - 1, 0)], points[i], points[i + 1]
        p3 = points[min(i + 2, len(points) - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        segments.append("C" + _pts((c1, c2, p2)))
    return "".join(segments)


def _lathe(cx: float, profile: Sequence[tuple[float, float]]) -> str:
    """A symmetric outline turned from (y, half width) pairs listed top to bottom; flat at the bottom."""
    right = [(cx + half, y) for y, half in profile]
    left = [(cx - half, y) for y, half in reversed(profile)]
    return f"M{_pts(right[:1])}{_smooth(right)}L{_pts(left[:1])}{_smooth(left)}Z"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(a: str, b: str, t: float) -> str:
    """The colour a fraction t of the way from a to b."""
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(_rgb(a), _rgb(b)))


def _luminance(colour: str) -> float:
    r, g, b = _rgb(colour)
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255


class _Dice:
    """A seeded stream of numbers in [0, 1), the same on every Python and platform."""

    def __init__(self, seed: int):
        self._numbers = self._stream(seed)

    @staticmethod
    def _stream(seed: int) -> Iterator[float]:
        block = 0
        while True:
            digest = hashlib.blake2b(f"{seed}:{block}".encode(), digest_size=32).digest()
            for i in range(0, 32, 2):
                yield int.from_bytes(digest[i:i + 2], "big") / 65536
            block += 1

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * next(self._numbers)

    def choice(self, options: Sequence):
        return options[int(next(self._numbers) * len(options))]


class _Drawing:
    """One SVG under construction: its gradients and clip paths, its shapes, and its dice."""

    def __init__(self, *, prefix: str, seed: int, family: str, concentration: str, style: str):
        self.prefix = prefix
        self.dice = _Dice(seed)
        self.family = family
        self.concentration = concentration
        self.style = style
        self.light, self.mid, self.deep = FAMILY_COLOURS[family]
        paleness = PALENESS[concentration]
        self.juice = (_mix(self.light, IVORY, paleness), _mix(self.mid, self.light, paleness * 1.3),
                      _mix(self.deep, self.mid, paleness * 1.6))
        self.defs: dict[str, str] = {}
        self.parts: list[str] = []

    # Definitions.

    def linear(self, name: str, stops: Sequence[tuple], x1=0.0, y1=0.0, x2=1.0, y2=0.0) -> str:
        """A linear gradient (stops: offset, colour[, opacity]); returns its url(#…) reference."""
        ident = self.prefix + name
        self.defs[ident] = (f'<linearGradient id="{ident}" x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}">'
                            + self._stops(stops) + "</linearGradient>")
        return f"url(#{ident})"

    def radial(self, name: str, stops: Sequence[tuple], cx=0.5, cy=0.5, r=0.5) -> str:
        ident = self.prefix + name
        self.defs[ident] = (f'<radialGradient id="{ident}" cx="{_n(cx * 100)}%" cy="{_n(cy * 100)}%" '
                            f'r="{_n(r * 100)}%">' + self._stops(stops) + "</radialGradient>")
        return f"url(#{ident})"

    def clip(self, name: str, d: str) -> str:
        ident = self.prefix + name
        self.defs[ident] = f'<clipPath id="{ident}"><path d="{d}"/></clipPath>'
        return f"url(#{ident})"

    @staticmethod
    def _stops(stops: Sequence[tuple]) -> str:
        out = []
        for offset, colour, *opacity in stops:
            extra = f' stop-opacity="{_n(opacity[0] * 100)}%"' if opacity and opacity[0] < 1 else ""
            out.append(f'<stop offset="{_n(offset * 100)}%" stop-color="{colour}"{extra}/>')
        return "".join(out)

    def material(self, name: str, vertical: bool = False) -> str:
        """A cap or trim material as a gradient across (or, vertical, down) the shape."""
        left, light, body, right = MATERIALS[name]
        stops = ((0, left), (0.28, light), (0.55, body), (1, right))
        return self.linear(f"m-{name}{'-v' if vertical else ''}", stops, 0, 0, *((0, 1) if vertical else (1, 0)))

    def liquid(self) -> str:
        light, mid, deep = self.juice
        return self.linear("liquid", ((0, deep), (0.2, mid), (0.42, _mix(mid, light, 0.55)), (0.62, mid),
                                      (0.9, _mix(mid, deep, 0.6)), (1, deep)))

    def glass(self) -> str:
        """Clear glass tinted by the family: darker at the rims so pale bottles still show on ivory."""
        rim = _mix(self.deep, INK, 0.3)
        return self.linear("glass", ((0, rim, 0.42), (0.12, self.light, 0.3), (0.3, "#ffffff", 0.55),
                                     (0.7, self.light, 0.25), (0.92, rim, 0.3), (1, rim, 0.5)))

    def shade(self) -> str:
        """Top-light, bottom-dark overlay that rounds any body."""
        return self.linear("shade", ((0, "#ffffff", 0.18), (0.45, "#ffffff", 0), (1, INK, 0.2)), 0, 0, 0, 1)

    # Shapes.

    def add(self, tag: str, **attributes) -> None:
        self.parts.append(_element(tag, attributes))

    def path(self, d: str, **attributes) -> None:
        self.add("path", d=d, **attributes)

    def group(self, elements: Sequence[str], **attributes) -> None:
        self.parts.append(_element("g", attributes, "".join(elements)))

    def highlight(self, d: str, width: float = 3, opacity: float = 0.45) -> None:
        self.path(d, fill="none", stroke="#fffaf0", stroke_width=width, stroke_linecap="round", opacity=opacity)

    def outline(self, d: str, opacity: float = 0.35, width: float = 1) -> None:
        self.path(d, fill="none", stroke=_mix(self.deep, INK, 0.4), stroke_width=width, stroke_opacity=opacity,
                  stroke_linejoin="round")

    def backdrop(self) -> None:
        """The house's mihrab arch and a glow of the family's colour behind every bottle."""
        tint = _mix(self.light, IVORY, 0.25)
        glow = self.radial("glow", ((0, tint, 0.5), (0.6, tint, 0.18), (1, tint, 0)))
        self.add("circle", cx=CENTRE, cy=178, r=112, fill=glow)
        self.path("M36 286V152C36 96 74 56 120 32c46 24 84 64 84 120v134", fill="none", stroke=GOLD_LINE,
                  stroke_width=1, opacity=0.4)

    def shadow(self, half_width: float) -> None:
        self.add("ellipse", cx=CENTRE, cy=GROUND + 2, rx=half_width + 10, ry=5.5, fill=INK, opacity=0.1)
        self.add("ellipse", cx=CENTRE, cy=GROUND + 0.5, rx=half_width - 4, ry=2.5, fill=INK, opacity=0.16)

    def document(self) -> str:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
                f'height="{HEIGHT}"><defs>{"".join(self.defs.values())}</defs>{"".join(self.parts)}</svg>')


def _element(tag: str, attributes: dict, content: str = "") -> str:
    rendered = "".join(
        f' {key.replace("_", "-")}="{_n(value) if isinstance(value, float | int) else value}"'
        for key, value in attributes.items() if value is not None
    )
    return f"<{tag}{rendered}>{content}</{tag}>" if content else f"<{tag}{rendered}/>"


def _e(tag: str, **attributes) -> str:
    return _element(tag, attributes)


# Shared pieces ------------------------------------------------------------------------------------


def _faceted_body(d: _Drawing, outer: Sequence[tuple[float, float]], inner: Sequence[tuple[float, float]],
                  level: float, shades: Sequence[tuple[str, float]]) -> str:
    """Cut glass: liquid up to `level`, one facet per outer edge, a calm front table; returns the outline."""
    outline = _polygon(outer)
    d.path(outline, fill=d.glass())
    clip = d.clip("body", outline)
    bottom = max(y for _, y in outer)
    left, right = min(x for x, _ in outer), max(x for x, _ in outer)
    d.add("rect", x=left, y=level, width=right - left, height=bottom - level, fill=d.liquid(), clip_path=clip)
    d.add("rect", x=left, y=level - 1, width=right - left, height=2.2, fill=_mix(d.juice[0], "#ffffff", 0.4),
          opacity=0.7, clip_path=clip)
    facets = []
    for i, (colour, opacity) in enumerate(shades):
        j = (i + 1) % len(outer)
        facets.append(_e("path", d=_polygon((outer[i], outer[j], inner[j], inner[i])), fill=colour,
                         opacity=opacity))
    d.group(facets)
    table = d.linear("table", ((0, "#ffffff", 0.22), (0.5, "#ffffff", 0.04), (1, INK, 0.1)), 0, 0, 1, 1)
    d.path(_polygon(inner), fill=table)
    d.path(_polygon(inner), fill="none", stroke="#ffffff", stroke_width=0.6, stroke_opacity=0.35)
    d.outline(outline, opacity=0.45)
    return outline


def _star(d: _Drawing, x: float, y: float, size: float, fill: str, core: str) -> None:
    """An eight-pointed star medallion (two squares), the souq's own ornament."""
    square = _e("rect", x=-size, y=-size, width=2 * size, height=2 * size, fill=fill)
    turned = _e("rect", x=-size, y=-size, width=2 * size, height=2 * size, fill=fill, transform="rotate(45)")
    disc = _e("circle", r=size * 0.78, fill=core)
    ring = _e("circle", r=size * 0.56, fill="none", stroke=fill, stroke_width=size * 0.09)
    gem = _e("path", d=_polygon(((0, -size * 0.36), (size * 0.36, 0), (0, size * 0.36), (-size * 0.36, 0))),
             fill=fill)
    d.group((square, turned, disc, ring, gem), transform=f"translate({_n(x)} {_n(y)})")


def _cap_metal(d: _Drawing) -> str:
    """The metal of a designer or spray cap: warm families get gold, fresh ones silver, dark ones lacquer."""
    if d.family in ("fresh", "aquatic", "aromatic", "green", "citrus"):
        return "silver"
    if d.family in ("floral", "fruity", "powdery", "musky"):
        return "rose"
    if d.family in ("leather", "oud", "woody"):
        return d.dice.choice(("lacquer", "lacquer", "gold"))
    return "gold"


# Silhouettes --------------------------------------------------------------------------------------


def _flacon(d: _Drawing) -> None:
    """An Arabian flacon: cut crystal with a gold filigree band and a tall onion-dome stopper."""
    dice = d.dice
    half = dice.uniform(50, 57)
    top = dice.uniform(146, 156)
    bottom = GROUND
    d.shadow(half - 12)
    outer = ((106, top), (134, top), (CENTRE + half, top + 40), (CENTRE + half - 9, bottom - 22), (149, bottom),
             (91, bottom), (CENTRE - half + 9, bottom - 22), (CENTRE - half, top + 40))
    inner = ((110.5, top + 12), (129.5, top + 12), (CENTRE + half - 15, top + 44), (CENTRE + half - 21, bottom - 25),
             (141, bottom - 9), (99, bottom - 9), (CENTRE - half + 21, bottom - 25), (CENTRE - half + 15, top + 44))
    white, ink = "#ffffff", INK
    shades = ((white, 0.35), (white, 0.08), (ink, 0.16), (ink, 0.22), (ink, 0.24), (ink, 0.06), (white, 0.2),
              (white, 0.3))
    _faceted_body(d, outer, inner, dice.uniform(top + 8, top + 30), shades)
    gold = d.material("gold")
    d.path(_polyline((inner[7], inner[0], inner[1], inner[2])), fill="none", stroke=gold, stroke_width=1.6,
           stroke_linejoin="round")
    band = top + 58
    d.path(f"M{_n(CENTRE - half + 17)} {_n(band)}Q120 {_n(band + 13)} {_n(CENTRE + half - 17)} {_n(band)}",
           fill="none", stroke=gold, stroke_width=1.3, opacity=0.9)
    d.group([_e("circle", cx=CENTRE + k * 15, cy=band + 6.6 - abs(k) * 1.6, r=1.3) for k in (-2, -1, 0, 1, 2)],
            fill="#e6c786")
    _star(d, CENTRE, (band + bottom - 12) / 2 + 4, dice.uniform(8.5, 10.5), d.material("gold", vertical=True),
          _mix(d.deep, INK, 0.35))
    d.highlight(f"M{_n(CENTRE - half + 10)} {_n(top + 52)}L{_n(CENTRE - half + 16)} {_n(bottom - 34)}", 3.2, 0.4)
    # Neck and stopper.
    d.add("rect", x=111, y=top - 14, width=18, height=15, fill=gold)
    d.add("rect", x=104, y=top - 3, width=32, height=6, rx=3, fill=gold)
    d.add("rect", x=106, y=top - 18, width=28, height=5, rx=2.5, fill=gold)
    height = {"extrait": 88, "parfum": 80, "edp": 72, "edt": 60, "edc": 54}.get(d.concentration, 72)
    height *= dice.uniform(0.9, 1.06)
    base, width = top - 18, dice.uniform(17, 22)
    tip = base - height
    stopper = d.radial("stopper", ((0, "#f7e7bf"), (0.5, "#cfa75c"), (1, "#86622a")), 0.35, 0.35, 0.75)
    if dice.uniform(0, 1) < 0.5:  # onion dome
        profile = ((tip, 0), (tip + height * 0.22, width * 0.3), (tip + height * 0.55, width),
                   (tip + height * 0.8, width * 0.9), (base, width * 0.42))
    else:  # a spire with two swellings
        profile = ((tip, 0), (tip + height * 0.1, width * 0.2), (tip + height * 0.2, width * 0.36),
                   (tip + height * 0.3, width * 0.3), (tip + height * 0.62, width), (tip + height * 0.86, width * 0.78),
                   (base, width * 0.4))
    d.path(_lathe(CENTRE, profile), fill=stopper)
    ridges = [f"M120 {_n(tip + 3)}V{_n(base - 1)}"]
    for k in (0.45, 0.8):
        ridges.append(f"M120 {_n(tip + 3)}Q{_n(CENTRE - width * k * 1.2)} {_n(tip + height * 0.6)} "
                      f"{_n(CENTRE - width * k * 0.5)} {_n(base - 1)}")
        ridges.append(f"M120 {_n(tip + 3)}Q{_n(CENTRE + width * k * 1.2)} {_n(tip + height * 0.6)} "
                      f"{_n(CENTRE + width * k * 0.5)} {_n(base - 1)}")
    d.group([_e("path", d=r) for r in ridges], fill="none", stroke=GOLD_SHADE, stroke_width=0.8, opacity=0.45)
    d.highlight(f"M{_n(CENTRE - width * 0.55)} {_n(tip + height * 0.42)}Q{_n(CENTRE - width * 0.78)} "
                f"{_n(tip + height * 0.6)} {_n(CENTRE - width * 0.6)} {_n(tip + height * 0.78)}", 2.4, 0.55)
    d.add("circle", cx=CENTRE, cy=tip - 3, r=3.6, fill=d.material("gold", vertical=True))


def _attar(d: _Drawing) -> None:
    """An attar crystal: a small cut bottle, its glass dauber showing, under a tall slender gold cap."""
    dice = d.dice
    height, half = dice.uniform(80, 92), dice.uniform(40, 47)
    top, bottom = GROUND - height, GROUND
    d.shadow(half - 4)
    mid_y = (top + bottom) / 2
    outer = ((CENTRE - half * 0.5, top), (CENTRE + half * 0.5, top), (CENTRE + half, top + height * 0.3),
             (CENTRE + half, bottom - height * 0.3), (CENTRE + half * 0.5, bottom), (CENTRE - half * 0.5, bottom),
             (CENTRE - half, bottom - height * 0.3), (CENTRE - half, top + height * 0.3))
    inner = [(CENTRE + (x - CENTRE) * 0.66, mid_y + (y - mid_y) * 0.66) for x, y in outer]
    white, ink = "#ffffff", INK
    shades = ((white, 0.38), (white, 0.12), (ink, 0.2), (ink, 0.26), (ink, 0.22), (ink, 0.05), (white, 0.24),
              (white, 0.32))
    outline = _faceted_body(d, outer, inner, dice.uniform(top + 10, top + 26), shades)
    clip = d.clip("body2", outline)
    d.add("rect", x=CENTRE - 1.6, y=top - 2, width=3.2, height=height - 14, rx=1.6, fill="#fffaf0", opacity=0.5,
          clip_path=clip)
    d.add("ellipse", cx=CENTRE, cy=bottom - 16, rx=2.6, ry=3.6, fill="#fffaf0", opacity=0.45)
    d.highlight(f"M{_n(CENTRE - half + 6)} {_n(top + height * 0.34)}V{_n(bottom - height * 0.34)}", 2.6, 0.45)
    # The cap: a collar, then a long spire with two beads.
    gold, gold_v = d.material("gold"), d.material("gold", vertical=True)
    d.add("rect", x=CENTRE - 13, y=top - 13, width=26, height=14, rx=2, fill=gold)
    d.add("rect", x=CENTRE - 15, y=top - 3, width=30, height=4, rx=2, fill=gold)
    tip = dice.uniform(40, 58)
    base = top - 13
    span = base - tip
    bead = dice.uniform(8, 10)
    profile = ((tip, 0), (tip + span * 0.1, 2.4), (tip + span * 0.2, bead * 0.75), (tip + span * 0.3, 2.6),
               (tip + span * 0.55, 4), (tip + span * 0.7, bead), (tip + span * 0.84, 6), (base, 11))
    d.path(_lathe(CENTRE, profile), fill=gold)
    d.path(f"M120 {_n(tip + 4)}V{_n(base - 2)}", fill="none", stroke=GOLD_SHADE, stroke_width=0.7, opacity=0.35)
    d.highlight(f"M{_n(CENTRE - bead * 0.5)} {_n(tip + span * 0.64)}V{_n(tip + span * 0.76)}", 1.6, 0.6)
    for y in (tip + span * 0.45, tip + span * 0.9):
        d.add("rect", x=CENTRE - 6.5, y=y - 1.3, width=13, height=2.6, rx=1.3, fill=gold_v)
    d.add("circle", cx=CENTRE, cy=tip - 2.5, r=2.6, fill=gold_v)


def _block(d: _Drawing) -> None:
    """A designer bottle: a thick-walled glass block with an engraved plate under a chunky cap."""
    dice = d.dice
    half = dice.uniform(44, 54)
    top = dice.uniform(142, 162)
    bottom = GROUND
    left, right = CENTRE - half, CENTRE + half
    d.shadow(half)
    body = f"M{_n(left + 7)} {_n(top)}H{_n(right - 7)}Q{_n(right)} {_n(top)} {_n(right)} {_n(top + 7)}" \
           f"V{_n(bottom - 5)}Q{_n(right)} {_n(bottom)} {_n(right - 5)} {_n(bottom)}H{_n(left + 5)}" \
           f"Q{_n(left)} {_n(bottom)} {_n(left)} {_n(bottom - 5)}V{_n(top + 7)}Q{_n(left)} {_n(top)} " \
           f"{_n(left + 7)} {_n(top)}Z"
    d.path(body, fill=d.glass())
    level = dice.uniform(top + 12, top + 34)
    d.add("rect", x=left + 7, y=level, width=2 * half - 14, height=bottom - 15 - level, rx=3, fill=d.liquid())
    d.add("rect", x=left + 7, y=level, width=2 * half - 14, height=bottom - 15 - level, rx=3, fill=d.shade())
    d.add("rect", x=left + 8, y=level - 0.5, width=2 * half - 16, height=2, rx=1,
          fill=_mix(d.juice[0], "#ffffff", 0.5), opacity=0.8)
    # Thick glass at the base and the walls catching the light.
    d.add("rect", x=left + 4, y=bottom - 13, width=2 * half - 8, height=9, rx=2, fill="#ffffff", opacity=0.22)
    d.add("rect", x=left + 2.5, y=top + 6, width=3.2, height=bottom - top - 14, rx=1.6, fill="#ffffff",
          opacity=0.55)
    d.add("rect", x=right - 5.5, y=top + 6, width=2.2, height=bottom - top - 14, rx=1.1, fill=INK, opacity=0.12)
    metal = _cap_metal(d)
    trim = d.material("gold" if metal == "lacquer" else metal)
    plate_y = (level + bottom) / 2 - 4
    plate = dice.choice(("plate", "plate", "monogram"))
    if plate == "plate":
        d.add("rect", x=CENTRE - 24, y=plate_y - 9, width=48, height=18, rx=1, fill="none", stroke=trim,
              stroke_width=1.3)
        d.add("rect", x=CENTRE - 15, y=plate_y - 2.6, width=30, height=2.2, fill=trim, opacity=0.9)
        d.add("rect", x=CENTRE - 9, y=plate_y + 2.2, width=18, height=1.3, fill=trim, opacity=0.7)
    else:
        d.add("circle", cx=CENTRE, cy=plate_y, r=11, fill="none", stroke=trim, stroke_width=1.3)
        d.add("path", d=_polygon(((CENTRE, plate_y - 6), (CENTRE + 6, plate_y), (CENTRE, plate_y + 6),
                                  (CENTRE - 6, plate_y))), fill=trim)
    d.outline(body, opacity=0.4)
    d.highlight(f"M{_n(left + 11)} {_n(top + 14)}V{_n(top + 46)}", 2.2, 0.5)
    # Collar and cap.
    d.add("rect", x=CENTRE - 15, y=top - 8, width=30, height=9, rx=1.5, fill=trim)
    cap_half = dice.uniform(26, 36)
    cap_height = {"extrait": 58, "parfum": 54, "edp": 48, "edt": 44, "edc": 40}[d.concentration]
    cap_height *= dice.uniform(0.9, 1.1)
    cap_top = top - 8 - cap_height
    cap = d.material(metal)
    chamfer = dice.choice((2.5, 2.5, 9))
    outline = _polygon(((CENTRE - cap_half + chamfer, cap_top), (CENTRE + cap_half - chamfer, cap_top),
                        (CENTRE + cap_half, cap_top + chamfer), (CENTRE + cap_half, top - 8),
                        (CENTRE - cap_half, top - 8), (CENTRE - cap_half, cap_top + chamfer)))
    d.path(outline, fill=cap)
    d.path(outline, fill=d.linear("cap-shade", ((0, "#ffffff", 0.25), (0.25, "#ffffff", 0), (1, INK, 0.25)),
                                  0, 0, 0, 1))
    d.add("rect", x=CENTRE - cap_half + chamfer, y=cap_top + 0.6, width=2 * (cap_half - chamfer), height=1.2,
          fill="#ffffff", opacity=0.5)
    if metal == "lacquer":
        d.add("rect", x=CENTRE - cap_half, y=top - 13, width=2 * cap_half, height=2, fill=trim)


def _apothecary(d: _Drawing) -> None:
    """A niche bottle: a heavy apothecary cylinder with a paper label and a wood or metal cap."""
    dice = d.dice
    half = dice.uniform(38, 45)
    top = dice.uniform(136, 150)
    bottom = GROUND
    left, right = CENTRE - half, CENTRE + half
    d.shadow(half)
    body = f"M{_n(left)} {_n(bottom - 8)}V{_n(top + 18)}Q{_n(left)} {_n(top)} {_n(left + 18)} {_n(top)}" \
           f"H{_n(right - 18)}Q{_n(right)} {_n(top)} {_n(right)} {_n(top + 18)}V{_n(bottom - 8)}" \
           f"Q{_n(right)} {_n(bottom)} {_n(right - 8)} {_n(bottom)}H{_n(left + 8)}Q{_n(left)} {_n(bottom)} " \
           f"{_n(left)} {_n(bottom - 8)}Z"
    d.path(body, fill=d.glass())
    clip = d.clip("body", body)
    level = dice.uniform(top + 6, top + 22)
    d.add("rect", x=left, y=level, width=2 * half, height=bottom - level, fill=d.liquid(), clip_path=clip)
    d.add("rect", x=left, y=level, width=2 * half, height=bottom - level, fill=d.shade(), clip_path=clip)
    d.add("rect", x=left + 3, y=level - 0.6, width=2 * half - 6, height=2, fill=_mix(d.juice[0], "#ffffff", 0.5),
          opacity=0.8, clip_path=clip)
    # The label: ivory paper, kraft or black with gold.
    paper, ink = dice.choice((("#f7f0e3", INK), ("#f7f0e3", INK), ("#dcc3a0", "#4a3222"), ("#221815", "#d7b46e")))
    label_top = (top + bottom) / 2 - 14 + dice.uniform(-6, 6)
    label_height = dice.uniform(54, 64)
    d.add("rect", x=left + 1, y=label_top, width=2 * half - 2, height=label_height, fill=paper)
    d.add("rect", x=left + 1, y=label_top, width=2 * half - 2, height=label_height,
          fill=d.linear("label", ((0, INK, 0.22), (0.15, INK, 0), (0.8, INK, 0), (1, INK, 0.28))))
    d.add("rect", x=left + 5, y=label_top + 4, width=2 * half - 10, height=label_height - 8, fill="none",
          stroke=ink, stroke_width=0.6, opacity=0.6)
    mark_y = label_top + 16
    d.add("path", d=_polygon(((CENTRE, mark_y - 5), (CENTRE + 5, mark_y), (CENTRE, mark_y + 5),
                              (CENTRE - 5, mark_y))), fill="none", stroke=ink, stroke_width=0.9)
    d.add("rect", x=CENTRE - 18, y=mark_y + 11, width=36, height=2.6, fill=ink, opacity=0.85)
    d.add("rect", x=CENTRE - 12, y=mark_y + 17, width=24, height=1.4, fill=ink, opacity=0.55)
    d.add("rect", x=CENTRE - 14, y=mark_y + 22, width=28, height=1.4, fill=ink, opacity=0.55)
    d.outline(body, opacity=0.4)
    d.highlight(f"M{_n(left + 7)} {_n(top + 20)}V{_n(label_top - 5)}", 3, 0.5)
    d.highlight(f"M{_n(left + 7)} {_n(label_top + label_height + 5)}V{_n(bottom - 12)}", 3, 0.4)
    # Neck and cap.
    metal = dice.choice(("walnut", "oak", "lacquer", "gold"))
    d.add("rect", x=CENTRE - 12, y=top - 10, width=24, height=11, fill=d.glass())
    d.add("rect", x=CENTRE - 12, y=top - 10, width=24, height=11, fill="none", stroke=_mix(d.deep, INK, 0.4),
          stroke_width=0.8, stroke_opacity=0.35)
    cap_half = dice.uniform(19, 24)
    cap_height = dice.uniform(38, 54)
    cap_top = top - 8 - cap_height
    d.add("rect", x=CENTRE - cap_half, y=cap_top, width=2 * cap_half, height=cap_height, rx=2.5,
          fill=d.material(metal))
    d.add("rect", x=CENTRE - cap_half, y=cap_top, width=2 * cap_half, height=cap_height, rx=2.5,
          fill=d.linear("cap-shade", ((0, "#ffffff", 0.2), (0.2, "#ffffff", 0), (1, INK, 0.22)), 0, 0, 0, 1))
    if metal in ("walnut", "oak"):
        grain = [f"M{_n(CENTRE + x)} {_n(cap_top + 3)}q{_n(dice.uniform(-2, 2))} {_n(cap_height / 2)} 0 "
                 f"{_n(cap_height - 6)}" for x in (-cap_half * 0.55, -cap_half * 0.1, cap_half * 0.35, cap_half * 0.7)]
        d.group([_e("path", d=g) for g in grain], fill="none", stroke=INK, stroke_width=0.6, opacity=0.18)
    d.add("rect", x=CENTRE - cap_half + 2, y=cap_top + 0.8, width=2 * cap_half - 4, height=1.2, fill="#ffffff",
          opacity=0.4)


def _flask(d: _Drawing) -> None:
    """An indie bottle: a round flask with a corked, wax-sealed neck and a kraft tag on a string."""
    dice = d.dice
    radius = dice.uniform(52, 60)
    cy = GROUND - radius * 0.9
    chord = math.sqrt(radius ** 2 - (GROUND - cy) ** 2)
    d.shadow(chord + 6)
    body = f"M{_n(CENTRE - chord)} {_n(GROUND)}A{_n(radius)} {_n(radius)} 0 1 1 {_n(CENTRE + chord)} " \
           f"{_n(GROUND)}Z"
    d.path(body, fill=d.glass())
    clip = d.clip("body", body)
    level = cy - radius * dice.uniform(0.05, 0.45)
    d.add("rect", x=CENTRE - radius, y=level, width=2 * radius, height=GROUND - level, fill=d.liquid(),
          clip_path=clip)
    d.add("circle", cx=CENTRE, cy=cy, r=radius,
          fill=d.radial("round", ((0, "#ffffff", 0.28), (0.45, "#ffffff", 0), (1, INK, 0.3)), 0.36, 0.34, 0.75),
          clip_path=clip)
    d.add("rect", x=CENTRE - radius, y=level - 0.6, width=2 * radius, height=2, clip_path=clip,
          fill=_mix(d.juice[0], "#ffffff", 0.5), opacity=0.75)
    d.outline(body, opacity=0.42)
    d.highlight(f"M{_n(CENTRE - radius * 0.72)} {_n(cy - radius * 0.25)}A{_n(radius * 0.78)} {_n(radius * 0.78)} "
                f"0 0 1 {_n(CENTRE - radius * 0.28)} {_n(cy - radius * 0.72)}", 3.4, 0.55)
    # Neck, cork and wax.
    neck_top = cy - radius - 20
    d.add("rect", x=CENTRE - 10, y=neck_top, width=20, height=24, fill=d.glass())
    d.add("rect", x=CENTRE - 10, y=neck_top, width=20, height=24, fill="none", stroke=_mix(d.deep, INK, 0.4),
          stroke_width=0.8, stroke_opacity=0.4)
    cork_height = dice.uniform(20, 28)
    cork = _polygon(((CENTRE - 13, neck_top - cork_height), (CENTRE + 13, neck_top - cork_height),
                     (CENTRE + 10, neck_top + 6), (CENTRE - 10, neck_top + 6)))
    d.path(cork, fill=d.material("cork"))
    d.group([_e("circle", cx=CENTRE + dice.uniform(-8, 8), cy=neck_top - dice.uniform(2, cork_height - 3),
                r=dice.uniform(0.6, 1.1)) for _ in range(7)], fill="#6e5236", opacity=0.5)
    d.add("rect", x=CENTRE - 13, y=neck_top - 3, width=26, height=6, rx=3, fill=d.glass())
    d.add("rect", x=CENTRE - 13, y=neck_top - 3, width=26, height=6, rx=3, fill="none",
          stroke=_mix(d.deep, INK, 0.4), stroke_width=0.8, stroke_opacity=0.4)
    wax = _mix(d.deep, "#6b1a1a", 0.35) if _luminance(d.deep) > 0.35 else d.deep
    drip = dice.uniform(5, 9)
    seal = f"M{_n(CENTRE - 14)} {_n(neck_top - cork_height - 2)}h28v{_n(drip)}q-3 2 -5 0t-5 {_n(drip * 0.6)}" \
           f"t-6 -{_n(drip * 0.6)}q-3 {_n(drip)} -6 0t-6 -{_n(drip * 0.5)}Z"
    d.path(seal, fill=wax)
    d.add("rect", x=CENTRE - 14, y=neck_top - cork_height - 4, width=28, height=6, rx=3, fill=wax)
    d.add("rect", x=CENTRE - 11, y=neck_top - cork_height - 3, width=14, height=1.4, rx=0.7, fill="#ffffff",
          opacity=0.35)
    # The tag, hanging from the neck.
    tag_x, tag_y = CENTRE + radius * 0.55 + 10, cy - radius * 0.55
    d.path(f"M{_n(CENTRE + 10)} {_n(neck_top + 8)}Q{_n(CENTRE + 26)} {_n(neck_top + 14)} {_n(tag_x)} "
           f"{_n(tag_y)}", fill="none", stroke="#7a5a3a", stroke_width=0.9)
    angle = dice.uniform(8, 18)
    tag = _e("path", d="M-9 4L0-3 9 4V34H-9Z", fill="#d9bf97")
    tag_line = _e("path", d="M-5 16H5M-4 21H4", stroke="#6b4f33", stroke_width=0.9, opacity=0.7)
    hole = _e("circle", cx=0, cy=3, r=1.6, fill=IVORY)
    d.group((tag, tag_line, hole), transform=f"translate({_n(tag_x)} {_n(tag_y - 3)}) rotate({_n(-angle)})")


def _slim_spray(d: _Drawing) -> None:
    """A body mist: a tall slim frosted bottle with a pump."""
    dice = d.dice
    half = dice.uniform(25, 30)
    top = dice.uniform(104, 118)
    left, right = CENTRE - half, CENTRE + half
    d.shadow(half)
    body = f"M{_n(left)} {_n(GROUND - 14)}V{_n(top + 14)}Q{_n(left)} {_n(top)} {_n(left + 14)} {_n(top)}" \
           f"H{_n(right - 14)}Q{_n(right)} {_n(top)} {_n(right)} {_n(top + 14)}V{_n(GROUND - 14)}" \
           f"Q{_n(right)} {_n(GROUND)} {_n(right - 14)} {_n(GROUND)}H{_n(left + 14)}Q{_n(left)} {_n(GROUND)} " \
           f"{_n(left)} {_n(GROUND - 14)}Z"
    light, mid, deep = d.juice
    frosted = d.linear("frost", ((0, _mix(mid, deep, 0.35)), (0.25, _mix(light, "#ffffff", 0.25)),
                                 (0.55, _mix(light, mid, 0.55)), (1, _mix(mid, deep, 0.5))))
    d.path(body, fill=frosted)
    d.path(body, fill=d.shade())
    clip = d.clip("body", body)
    level = dice.uniform(top + 10, top + 30)
    d.add("rect", x=left, y=top, width=2 * half, height=level - top, fill="#ffffff", opacity=0.4,
          clip_path=clip)
    d.add("rect", x=left, y=level - 0.5, width=2 * half, height=1.4, fill="#ffffff", opacity=0.7, clip_path=clip)
    band_y = dice.uniform(182, 206)
    metal = _cap_metal(d)
    trim = d.material("gold" if metal == "lacquer" else metal)
    d.add("rect", x=left, y=band_y, width=2 * half, height=30, fill="#ffffff", opacity=0.5)
    d.add("rect", x=left, y=band_y + 3, width=2 * half, height=0.9, fill=trim)
    d.add("rect", x=left, y=band_y + 26, width=2 * half, height=0.9, fill=trim)
    d.add("rect", x=CENTRE - 12, y=band_y + 12, width=24, height=2.2, fill=_mix(deep, INK, 0.4), opacity=0.7)
    d.add("rect", x=CENTRE - 7, y=band_y + 17, width=14, height=1.2, fill=_mix(deep, INK, 0.4), opacity=0.5)
    d.outline(body, opacity=0.38)
    d.highlight(f"M{_n(left + 6)} {_n(top + 18)}V{_n(band_y - 6)}", 3, 0.55)
    # Pump: collar, stem, actuator with its nozzle, and the mist.
    d.add("rect", x=CENTRE - 13, y=top - 12, width=26, height=13, rx=2, fill=trim)
    d.add("rect", x=CENTRE - 3, y=top - 20, width=6, height=9, fill=trim)
    d.add("rect", x=CENTRE - 10, y=top - 36, width=20, height=17, rx=4, fill=d.material(metal))
    d.add("rect", x=CENTRE - 10, y=top - 36, width=20, height=17, rx=4,
          fill=d.linear("cap-shade", ((0, "#ffffff", 0.3), (0.3, "#ffffff", 0), (1, INK, 0.25)), 0, 0, 0, 1))
    d.add("circle", cx=CENTRE - 10, cy=top - 28, r=1.6, fill=INK, opacity=0.5)


def _mabkhara(d: _Drawing) -> None:
    """Bakhoor: a mabkhara burner, dark wood with gold studs, smoke rising in the family's colour."""
    dice = d.dice
    d.shadow(46)
    wood = d.linear("wood", ((0, "#1c110c"), (0.3, _mix(d.deep, "#3b2419", 0.55)), (0.6, "#2e1c14"),
                             (1, "#150d09")))
    gold, gold_v = d.material("gold"), d.material("gold", vertical=True)
    rim = dice.uniform(134, 142)
    bowl_half = dice.uniform(48, 54)
    waist = rim + 56
    # Smoke first, behind the bowl.
    smoke = d.linear("smoke", ((0, d.mid, 0), (0.55, _mix(d.mid, "#ffffff", 0.3), 0.45),
                               (1, _mix(d.mid, "#ffffff", 0.4), 0.7)), 0, 0, 0, 1)
    curls = []
    for k, x in enumerate((CENTRE - 10, CENTRE + 6, CENTRE + 18)):
        sway = dice.uniform(10, 20) * (-1 if k % 2 else 1)
        curls.append(_e("path", d=f"M{_n(x)} {_n(rim - 6)}c{_n(sway)} -20 {_n(-sway)} -34 {_n(sway * 0.4)} -52"
                                 f"s{_n(-sway * 1.2)} -34 {_n(sway * 0.3)} -52", stroke_width=3.2 - k * 0.7))
    d.group(curls, fill="none", stroke=smoke, stroke_linecap="round")
    # Embers of bakhoor on the bowl.
    chips = [_e("path", d=_polygon(((CENTRE + x - 6, rim - 1), (CENTRE + x - 2, rim - 6 - dice.uniform(0, 3)),
                                     (CENTRE + x + 5, rim - 5), (CENTRE + x + 7, rim - 1))))
             for x in (-26, -12, 3, 17)]
    d.group(chips, fill="#3b1f12")
    d.add("ellipse", cx=CENTRE, cy=rim - 2, rx=30, ry=3, fill="#e0782c", opacity=0.5)
    # Bowl, waist and foot.
    bowl = _polygon(((CENTRE - bowl_half, rim + 8), (CENTRE + bowl_half, rim + 8), (CENTRE + 24, waist),
                     (CENTRE - 24, waist)))
    d.path(bowl, fill=wood)
    d.path(_polygon(((CENTRE - bowl_half + 10, rim + 14), (CENTRE + bowl_half - 10, rim + 14),
                     (CENTRE + 21, waist - 6), (CENTRE - 21, waist - 6))), fill="none", stroke=gold,
           stroke_width=1.1, opacity=0.85)
    d.add("rect", x=CENTRE - bowl_half - 5, y=rim, width=2 * bowl_half + 10, height=9, rx=1.5, fill=gold)
    for x in (CENTRE - bowl_half - 5, CENTRE + bowl_half + 5):
        d.path(_polygon(((x - 4, rim), (x, rim - 13), (x + 4, rim))), fill=gold_v)
    gem_y = (rim + 14 + waist - 6) / 2
    _star(d, CENTRE, gem_y, 7.5, gold_v, d.mid)
    d.group([_e("circle", cx=CENTRE + x * (bowl_half - 14) / 2, cy=gem_y + abs(x) * -1.5, r=1.8)
             for x in (-2, -1, 1, 2)], fill="#e6c786")
    d.add("rect", x=CENTRE - 20, y=waist, width=40, height=5, rx=1, fill=gold)
    d.add("rect", x=CENTRE - 13, y=waist + 5, width=26, height=14, fill=wood)
    d.add("rect", x=CENTRE - 18, y=waist + 19, width=36, height=4, rx=1, fill=gold)
    foot_top = waist + 23
    foot = _polygon(((CENTRE - 16, foot_top), (CENTRE + 16, foot_top), (CENTRE + 42, GROUND - 12),
                     (CENTRE - 42, GROUND - 12)))
    d.path(foot, fill=wood)
    d.path(foot, fill=d.shade())
    d.group([_e("circle", cx=CENTRE + x, cy=GROUND - 19, r=1.8) for x in (-28, -14, 0, 14, 28)], fill="#e6c786")
    d.add("rect", x=CENTRE - 48, y=GROUND - 12, width=96, height=12, rx=1.5, fill=gold)
    d.add("rect", x=CENTRE - 48, y=GROUND - 12, width=96, height=12, rx=1.5, fill=d.shade())
    d.highlight(f"M{_n(CENTRE - bowl_half + 9)} {_n(rim + 13)}L{_n(CENTRE - 28)} {_n(waist - 10)}", 2, 0.2)


def _gift_box(d: _Drawing) -> None:
    """A gift set: a lidded box in the family's colour, tied with a gold ribbon and bow."""
    dice = d.dice
    half = dice.uniform(58, 66)
    lid_top = dice.uniform(150, 162)
    lid = 24
    d.shadow(half + 4)
    paper = d.linear("paper", ((0, _mix(d.deep, INK, 0.15)), (0.3, _mix(d.mid, d.deep, 0.35)),
                               (0.7, _mix(d.mid, d.deep, 0.5)), (1, _mix(d.deep, INK, 0.3))))
    ribbon_name = {"citrus": "satin", "musky": "rose", "powdery": "rose"}.get(d.family, "gold")
    ribbon, ribbon_v = d.material(ribbon_name), d.material(ribbon_name, vertical=True)
    d.add("rect", x=CENTRE - half, y=lid_top + lid - 2, width=2 * half, height=GROUND - lid_top - lid + 2,
          fill=paper)
    d.add("rect", x=CENTRE - half, y=lid_top + lid - 2, width=2 * half, height=GROUND - lid_top - lid + 2,
          fill=d.shade())
    d.add("rect", x=CENTRE - half - 5, y=lid_top, width=2 * half + 10, height=lid, rx=1.5, fill=paper)
    d.add("rect", x=CENTRE - half - 5, y=lid_top, width=2 * half + 10, height=lid, rx=1.5,
          fill=d.linear("lid", ((0, "#ffffff", 0.22), (0.3, "#ffffff", 0.04), (1, INK, 0.3)), 0, 0, 0, 1))
    d.add("rect", x=CENTRE - half, y=lid_top + lid, width=2 * half, height=3, fill=INK, opacity=0.25)
    # Ribbon down the front and across, then the bow.
    d.add("rect", x=CENTRE - 8, y=lid_top, width=16, height=GROUND - lid_top, fill=ribbon)
    band = lid_top + lid + (GROUND - lid_top - lid) * dice.uniform(0.42, 0.58)
    d.add("rect", x=CENTRE - half, y=band - 7, width=2 * half, height=14, fill=ribbon_v)
    d.add("rect", x=CENTRE - half, y=band + 7, width=2 * half, height=2, fill=INK, opacity=0.15)
    loop = dice.uniform(26, 34)
    lift = dice.uniform(14, 22)
    for side in (-1, 1):
        d.path(f"M120 {_n(lid_top - 2)}C{_n(CENTRE + side * loop * 0.4)} {_n(lid_top - lift - 12)} "
               f"{_n(CENTRE + side * loop * 1.15)} {_n(lid_top - lift - 6)} {_n(CENTRE + side * loop)} "
               f"{_n(lid_top - 4)}C{_n(CENTRE + side * loop * 0.7)} {_n(lid_top + 2)} "
               f"{_n(CENTRE + side * 8)} {_n(lid_top)} 120 {_n(lid_top - 2)}Z", fill=ribbon_v)
        d.path(f"M{_n(CENTRE + side * 4)} {_n(lid_top + 2)}L{_n(CENTRE + side * 22)} {_n(lid_top + 26)}"
               f"l{_n(side * 6)} -6L{_n(CENTRE + side * 10)} {_n(lid_top)}Z", fill=ribbon)
        d.path(f"M{_n(CENTRE + side * 6)} {_n(lid_top - 5)}Q{_n(CENTRE + side * loop * 0.5)} "
               f"{_n(lid_top - lift - 2)} {_n(CENTRE + side * loop * 0.85)} {_n(lid_top - lift * 0.6)}",
               fill="none", stroke=GOLD_SHADE, stroke_width=0.8, opacity=0.45)
    d.add("rect", x=CENTRE - 7, y=lid_top - 8, width=14, height=11, rx=3.5, fill=ribbon_v)
    d.add("rect", x=CENTRE - 4, y=lid_top - 6.5, width=4, height=2, rx=1, fill="#ffffff", opacity=0.5)
    d.highlight(f"M{_n(CENTRE - half + 6)} {_n(lid_top + lid + 8)}V{_n(GROUND - 10)}", 2.2, 0.25)
    # A little tag on the ribbon.
    tag_x = CENTRE + dice.uniform(22, 34)
    tag = _e("path", d="M0 0H20L26 7 20 14H0Z", fill=IVORY)
    tag_mark = _e("path", d="M4 6H16M4 9H12", stroke=GOLD_SHADE, stroke_width=0.8)
    d.group((tag, tag_mark), transform=f"translate({_n(tag_x)} {_n(band - 7)})", opacity=0.95)


def _vials(d: _Drawing) -> None:
    """Samples: three small sprays in the family's shades, held in a card sleeve."""
    dice = d.dice
    d.shadow(60)
    light, mid, deep = d.juice
    shades = (_mix(light, mid, 0.55), mid, _mix(mid, deep, 0.45))
    metal = d.material("gold" if d.style in ("arabian", "niche") else "silver")
    for k, (x, height) in enumerate(((CENTRE - 34, dice.uniform(98, 108)), (CENTRE, dice.uniform(118, 126)),
                                     (CENTRE + 34, dice.uniform(98, 108)))):
        top = GROUND - 12 - height
        body = f"M{_n(x - 11)} {_n(top + 16)}H{_n(x + 11)}V{_n(GROUND - 22)}a11 11 0 0 1 -22 0Z"
        d.path(body, fill=d.glass())
        level = top + 16 + dice.uniform(6, 22)
        d.path(f"M{_n(x - 11)} {_n(level)}H{_n(x + 11)}V{_n(GROUND - 22)}a11 11 0 0 1 -22 0Z",
               fill=d.linear(f"vial{k}", ((0, _mix(shades[k], INK, 0.3)), (0.3, _mix(shades[k], "#ffffff", 0.3)),
                                          (0.6, shades[k]), (1, _mix(shades[k], INK, 0.35)))))
        d.outline(body, opacity=0.4, width=0.8)
        d.highlight(f"M{_n(x - 6)} {_n(top + 22)}V{_n(GROUND - 30)}", 2, 0.55)
        d.add("rect", x=x - 12, y=top, width=24, height=17, rx=2.5, fill=metal)
        d.add("rect", x=x - 12, y=top + 13, width=24, height=4, fill=INK, opacity=0.18)
    # The sleeve that holds them.
    sleeve_top = GROUND - 42
    d.add("rect", x=CENTRE - 58, y=sleeve_top, width=116, height=42, rx=2, fill="#f4ecdd")
    d.add("rect", x=CENTRE - 58, y=sleeve_top, width=116, height=42, rx=2, fill=d.shade())
    d.add("rect", x=CENTRE - 52, y=sleeve_top + 6, width=104, height=30, fill="none", stroke=GOLD_LINE,
          stroke_width=0.9)
    d.add("rect", x=CENTRE - 20, y=sleeve_top + 16, width=40, height=2.4, fill=INK, opacity=0.75)
    d.add("rect", x=CENTRE - 13, y=sleeve_top + 22, width=26, height=1.3, fill=INK, opacity=0.45)
    d.add("rect", x=CENTRE - 58, y=sleeve_top, width=116, height=42, rx=2, fill="none",
          stroke=_mix(d.deep, INK, 0.4), stroke_width=0.8, stroke_opacity=0.3)


def _reed_diffuser(d: _Drawing) -> None:
    """Home fragrance: a squat glass jar of scented oil with a fan of rattan reeds."""
    dice = d.dice
    half = dice.uniform(42, 48)
    top = dice.uniform(192, 202)
    left, right = CENTRE - half, CENTRE + half
    d.shadow(half)
    reeds = []
    for k in range(7):
        lean = (k - 3) * dice.uniform(10, 14) + dice.uniform(-4, 4)
        reach = dice.uniform(56, 84)
        colour = ("#b39469", "#9a7a52", "#c9ad82")[k % 3]
        reeds.append(_e("path", d=f"M{_n(CENTRE + (k - 3) * 1.6)} {_n(top + 6)}L{_n(CENTRE + lean)} {_n(reach)}",
                        stroke=colour))
    d.group(reeds, fill="none", stroke_width=2.2, stroke_linecap="round")
    body = f"M{_n(left + 10)} {_n(top)}H{_n(right - 10)}Q{_n(right)} {_n(top)} {_n(right)} {_n(top + 12)}" \
           f"V{_n(GROUND - 12)}Q{_n(right)} {_n(GROUND)} {_n(right - 12)} {_n(GROUND)}H{_n(left + 12)}" \
           f"Q{_n(left)} {_n(GROUND)} {_n(left)} {_n(GROUND - 12)}V{_n(top + 12)}Q{_n(left)} {_n(top)} " \
           f"{_n(left + 10)} {_n(top)}Z"
    d.path(body, fill=d.glass())
    clip = d.clip("body", body)
    level = top + dice.uniform(12, 26)
    d.add("rect", x=left, y=level, width=2 * half, height=GROUND - level, fill=d.liquid(), clip_path=clip)
    d.add("rect", x=left, y=level, width=2 * half, height=GROUND - level, fill=d.shade(), clip_path=clip)
    d.add("rect", x=left, y=level - 0.6, width=2 * half, height=2, fill=_mix(d.juice[0], "#ffffff", 0.5),
          opacity=0.8, clip_path=clip)
    d.add("rect", x=left + 3, y=GROUND - 11, width=2 * half - 6, height=8, rx=3, fill="#ffffff", opacity=0.12)
    d.add("rect", x=CENTRE - 24, y=level + 14, width=48, height=26, rx=1, fill="#f7f0e3")
    d.add("rect", x=CENTRE - 21, y=level + 17, width=42, height=20, fill="none", stroke=GOLD_LINE,
          stroke_width=0.8)
    d.add("rect", x=CENTRE - 12, y=level + 25, width=24, height=2.2, fill=INK, opacity=0.75)
    d.add("rect", x=CENTRE - 8, y=level + 30, width=16, height=1.2, fill=INK, opacity=0.45)
    d.outline(body, opacity=0.42)
    d.highlight(f"M{_n(left + 6)} {_n(top + 12)}V{_n(GROUND - 16)}", 3, 0.5)
    collar = d.material("gold" if d.style == "arabian" else dice.choice(("gold", "silver", "lacquer")))
    d.add("rect", x=CENTRE - 15, y=top - 12, width=30, height=14, rx=2, fill=collar)
    d.add("rect", x=CENTRE - 15, y=top - 12, width=30, height=3, rx=1.5, fill="#ffffff", opacity=0.25)


DRAWERS = {
    "flacon": _flacon,
    "attar": _attar,
    "block": _block,
    "apothecary": _apothecary,
    "flask": _flask,
    "slim-spray": _slim_spray,
    "mabkhara": _mabkhara,
    "gift-box": _gift_box,
    "vials": _vials,
    "reed-diffuser": _reed_diffuser,
}
