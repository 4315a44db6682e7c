"""How numbers read, everywhere: 12,500 or 148.453, and a range as 40–160."""

from __future__ import annotations

from policy_timeline.source.model import Figure


def format_number(value: float) -> str:
    """12,500 or 148.453: thousands separated, no trailing .0."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def figure_amount(figure: Figure) -> str:
    """The value, or the range as low–high."""
    if figure.value is not None:
        return format_number(figure.value)
    assert figure.low is not None and figure.high is not None  # value, or low and high
    return f"{format_number(figure.low)}\u2013{format_number(figure.high)}"
