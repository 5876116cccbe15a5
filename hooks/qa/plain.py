"""Plain-text forms of titles that contain LaTeX, for places where no formula renderer runs
(the table of contents, search results, PDF bookmarks, flashcards), and of the answers in search results."""

from __future__ import annotations

import re

SYMBOLS = {
    r"\top": "ᵀ", r"\times": "×", r"\cdot": "·", r"\sqrt": "√", r"\infty": "∞", r"\approx": "≈",
    r"\leq": "≤", r"\geq": "≥", r"\neq": "≠", r"\alpha": "α", r"\beta": "β", r"\gamma": "γ",
    r"\theta": "θ", r"\lambda": "λ", r"\sigma": "σ", r"\mu": "μ", r"\epsilon": "ε", r"\sum": "Σ",
    r"\log": "log", r"\exp": "exp", r"\operatorname": "", r"\mathrm": "", r"\text": "", r"\left": "",
    r"\right": "", r"\,": " ", r"\;": " ", r"\!": "", r"\in": "∈", r"\mathbb": "", r"\mathbf": "",
    r"\boldsymbol": "", r"\partial": "∂", r"\nabla": "∇", r"\le": "≤", r"\ge": "≥", r"\to": "→",
    r"\rightarrow": "→", r"\ldots": "…", r"\cdots": "⋯", r"\pi": "π", r"\delta": "δ", r"\eta": "η",
    r"\tau": "τ", r"\phi": "φ", r"\omega": "ω", r"\prod": "∏", r"\mid": "|", r"\hat": "", r"\bar": "",
    r"\tilde": "", r"\quad": " ", r"\qquad": " ", r"\mathcal": "", r"\big": "", r"\Big": "", r"\bigg": "",
    r"\Bigg": "", r"\vert": "|", r"\lvert": "|", r"\rvert": "|", r"\{": "\0", r"\}": "\1",
}
MATH_RE = re.compile(r"\\\((.+?)\\\)|\$([^$]+)\$")
INLINE_RE = re.compile(r"\\\(([^<]+?)\\\)")
DISPLAY_RE = re.compile(r"\\\[([^<]+?)\\\]")
FRAC_RE = re.compile(r"\\frac\{((?:[^{}]|\{[^{}]*\})*)\}\{((?:[^{}]|\{[^{}]*\})*)\}")
COMMAND_RE = re.compile(r"\\[A-Za-z]+|\\[,;!{}]")


def plain_math(tex: str) -> str:
    """`\\sqrt{d_{model}}` -> `√d_model`: a readable approximation, not a renderer."""
    text = FRAC_RE.sub(r"(\1)/(\2)", tex)
    text = COMMAND_RE.sub(lambda m: SYMBOLS.get(m.group(0), m.group(0)[1:]), text)
    text = re.sub(r"\^\s*\{?(?:T|ᵀ)\}?", "ᵀ", text)
    return re.sub(r"[{}]", "", text).replace("\0", "{").replace("\1", "}").strip()  # \{ \} are braces shown


def plain_formulas(html: str) -> str:
    """Every `\\(…\\)` and `\\[…\\]` formula of an answer's HTML (as the search index holds it) in plain form,
    a display formula as a paragraph of its own."""
    return DISPLAY_RE.sub(lambda m: f"<p>{plain_math(m.group(1))}</p>",
                          INLINE_RE.sub(lambda m: plain_math(m.group(1)), html))


def plain_title(title: str) -> str:
    """Replace every `\\(…\\)` or `$…$` formula in a title by its plain form."""
    return MATH_RE.sub(lambda m: plain_math(m.group(1) or m.group(2)), title)
