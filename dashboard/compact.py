"""The page's frame held compactly: its repetitive text columns as categoricals, and back.

The page keeps one read of the store between writes (``views.common.Loaded``). At 100k events its ~20
text columns took ~40 MiB as Arrow strings: an article's 64-character id on each of its events, a visit's
title on each of its events, a dozen kinds, a few hundred places. As categoricals each keeps its distinct
values once (in sorted order, so a sort by the column is the text's order) and a small integer per row.
The filters and figures read them as they read text (``isin``, ``==``, ``astype``, factorizing); what leaves
the page as data (the downloads, the table's rows) is turned back with :func:`plain`, so the files and
the table are the same as from the store's own columns.
"""
from __future__ import annotations

import pandas as pd

SMALLER = 0.5       # a text column becomes a categorical when that takes at most this share of its size


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (the caller's own) with each text column whose categorical is small enough turned into
    one, a column at a time (never the frame twice). Returns ``frame``."""
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.StringDtype):
            coded = _coded(column)
            if coded is not None:
                frame[name] = coded
    return frame


def _coded(column: pd.Series) -> pd.Categorical | None:
    codes, distinct = pd.factorize(column, sort=True)       # missing: -1, as a categorical's
    coded = pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(distinct))
    return coded if coded.nbytes <= SMALLER * column.array.nbytes else None


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its categorical text columns as the text columns they came from (the same
    dtype: the categories'); ``frame`` itself when it has none."""
    coded = [name for name in frame.columns if isinstance(frame[name].dtype, pd.CategoricalDtype)]
    if not coded:
        return frame
    return frame.assign(**{name: frame[name].astype(frame[name].cat.categories.dtype) for name in coded})


def filled(column: pd.Series, value: str) -> pd.Series:
    """``column.fillna(value)``, a categorical's too (its categories then hold ``value``)."""
    if isinstance(column.dtype, pd.CategoricalDtype) and value not in column.cat.categories:
        column = column.cat.add_categories([value])
    return column.fillna(value)
