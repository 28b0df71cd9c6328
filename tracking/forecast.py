"""Forecast (prognose) of an indicator's realised figures, from the figures so far.

Method: Holt's linear trend (additive level and trend, additive errors) from
`statsmodels` (`ETSModel`), fitted by maximum likelihood, with its analytic prediction
interval, once an indicator has at least `HOLT_MIN_FIGURES` figures. With fewer (from
`LINE_MIN_FIGURES`), or when the fit fails, a plain least-squares line through the
figures with its ordinary prediction interval (Student's t). Fewer figures than that: no
forecast. The interval is `LEVEL` (80 %): four months in five should fall inside it.

A month without a figure between two figures is filled by a straight line between them
(Holt needs an unbroken monthly series); the figures themselves are never changed. A
forecast of a share is held within 0–100 %, and one of a unit that cannot be negative
(time, counts, FTE) at or above zero.

"Forventet målopfyldelse ved fuld effekt" (expected attainment at full effect) reads
the realised figure of the full-effect month where there is one, else the forecast of
that month, as attainment (value − baseline) / (target − baseline), the same rule as
the board's attainment (`tracking.rules`).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
import pandas as pd
from scipy import stats

from tracking.months import add_months, month_range, months_between
from tracking.units import NON_NEGATIVE_UNITS, Unit

__all__ = ["HOLT_MIN_FIGURES", "LEVEL", "LINE_MIN_FIGURES", "Forecast", "Method",
           "expected_attainment", "forecast"]

HOLT_MIN_FIGURES = 6
LINE_MIN_FIGURES = 3
LEVEL = 0.80


class Method(StrEnum):
    HOLT = "holt"  # Holt's linear trend (statsmodels ETSModel, AAN)
    LINE = "line"  # least-squares straight line


@dataclass(frozen=True)
class Forecast:
    """The forecast months after the last figure, up to and including `until`."""

    method: Method
    last_figure_month: date
    months: tuple[date, ...]
    mean: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]

    def value_at(self, month: date) -> float | None:
        """The forecast of `month` (None outside the forecast months)."""
        try:
            return self.mean[self.months.index(month)]
        except ValueError:
            return None

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame({"month": pd.to_datetime(list(self.months)),
                             "forecast": self.mean, "lower": self.lower,
                             "upper": self.upper})


def _monthly(figures: pd.Series) -> pd.Series:
    """The figures as an unbroken monthly series (gaps filled by a straight line)."""
    s = figures.dropna().astype("float64")
    s.index = [pd.Timestamp(m).date().replace(day=1) for m in s.index]
    s = s.groupby(level=0).last().sort_index()
    full = list(month_range(s.index[0], s.index[-1]))
    return s.reindex(full).interpolate(method="linear")


def _line(y: np.ndarray, h: int, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Least-squares line: forecasts of the next `h` steps and their interval half-widths."""
    n = len(y)
    x = np.arange(n, dtype="float64")
    slope, intercept = np.polyfit(x, y, 1)
    residuals = y - (intercept + slope * x)
    dof = n - 2
    s = math.sqrt(float(residuals @ residuals) / dof) if dof > 0 else 0.0
    x_new = np.arange(n, n + h, dtype="float64")
    sxx = float(((x - x.mean()) ** 2).sum())
    half = stats.t.ppf(0.5 + level / 2, dof) * s * np.sqrt(
        1 + 1 / n + (x_new - x.mean()) ** 2 / sxx)
    return intercept + slope * x_new, half


def _holt(y: np.ndarray, h: int, level: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Holt's linear trend with its prediction interval (raises if the fit fails)."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel  # slow import

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter on short series
        fit = ETSModel(pd.Series(y), error="add", trend="add").fit(disp=False)
        frame = fit.get_prediction(start=len(y), end=len(y) + h - 1).summary_frame(
            alpha=1 - level)
    mean, lower, upper = (frame[c].to_numpy(dtype="float64")
                          for c in ("mean", "pi_lower", "pi_upper"))
    if not (np.isfinite(mean).all() and np.isfinite(lower).all() and np.isfinite(upper).all()):
        raise ValueError("Holt fit without a finite forecast")
    return mean, lower, upper


def forecast(figures: pd.Series, until: date, unit: str | None = None,
             level: float = LEVEL) -> Forecast | None:
    """Forecast of every month after the last figure up to `until`.

    `figures` maps months (dates or timestamps) to realised values; missing values are
    ignored. None when there are too few figures or `until` is not after the last one.
    """
    if figures.dropna().shape[0] < LINE_MIN_FIGURES:
        return None
    series = _monthly(figures)
    last = series.index[-1]
    h = months_between(last, until)
    if h <= 0:
        return None
    y = series.to_numpy(dtype="float64")
    method = Method.LINE
    if len(series.dropna()) >= HOLT_MIN_FIGURES and np.ptp(y) > 0:
        try:
            mean, lower, upper = _holt(y, h, level)
            method = Method.HOLT
        except (ValueError, np.linalg.LinAlgError):
            pass
    if method is Method.LINE:
        mean, half = _line(y, h, level)
        lower, upper = mean - half, mean + half
    low_bound, high_bound = _bounds(unit)

    def clipped(a: np.ndarray) -> tuple[float, ...]:
        return tuple(float(v) for v in np.clip(a, low_bound, high_bound))

    return Forecast(method=method, last_figure_month=last,
                    months=tuple(add_months(last, k) for k in range(1, h + 1)),
                    mean=clipped(mean), lower=clipped(lower), upper=clipped(upper))


def _bounds(unit: str | None) -> tuple[float, float]:
    if unit == Unit.PCT:
        return 0.0, 100.0
    if unit is not None and unit in {u.value for u in NON_NEGATIVE_UNITS}:
        return 0.0, math.inf
    return -math.inf, math.inf


def expected_attainment(baseline: float, target: float, value: float | None) -> float | None:
    """Attainment of `value` against the planned improvement; None where none is planned
    or there is no value."""
    if value is None or pd.isna(value) or target == baseline:
        return None
    return (value - baseline) / (target - baseline)


@dataclass(frozen=True)
class BackTest:
    """How a forecast from the first `train` figures did on the next `horizon`."""

    method: Method
    actual: tuple[float, ...]
    predicted: tuple[float, ...]
    inside: int  # how many actual figures fell inside the prediction interval

    @property
    def mean_absolute_error(self) -> float:
        return float(np.mean(np.abs(np.subtract(self.actual, self.predicted))))

    @property
    def mean_absolute_percentage_error(self) -> float:
        a = np.asarray(self.actual)
        return float(np.mean(np.abs((a - np.asarray(self.predicted)) / a)))


def backtest(figures: pd.Series, train: int = 12, horizon: int = 6,
             unit: str | None = None) -> BackTest | None:
    """Forecast from the first `train` months of `figures` and compare with the next
    `horizon` months' figures (months without a figure are left out of the comparison)."""
    series = figures.dropna()
    series.index = [pd.Timestamp(m).date() for m in series.index]
    series = series.sort_index()
    if len(series) < train + 1:
        return None
    first = series.index[0]
    cut = add_months(first, train)
    fc = forecast(series[series.index < cut], add_months(cut, horizon - 1), unit)
    if fc is None:
        return None
    pairs = [(float(series[m]), fc.value_at(m), fc.lower[fc.months.index(m)],
              fc.upper[fc.months.index(m)]) for m in series.index if m in fc.months]
    return BackTest(method=fc.method, actual=tuple(p[0] for p in pairs),
                    predicted=tuple(p[1] for p in pairs),
                    inside=sum(lo <= a <= hi for a, _, lo, hi in pairs))
