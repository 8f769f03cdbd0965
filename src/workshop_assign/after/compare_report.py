"""The comparison of mechanisms as a workbook with a native Excel chart, or a PNG chart,
and as a table worded in German or English (``worded``) for both and the console."""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd

from workshop_assign.after.compare import FCFS, RSD
from workshop_assign.errors import InputError
from workshop_assign.text import Language, label, message
from workshop_assign.write.files import atomic_path
from workshop_assign.write.workbook import open_workbook


def comparison_table(table: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """``compare``'s table with its mechanisms and columns in ``lang``."""
    mechanisms = {FCFS: "compare.fcfs", RSD: "compare.rsd"}
    index = [
        message(mechanisms[m], lang) if m in mechanisms else label(str(m), lang)  # objectives
        for m in table.index
    ]
    columns = {
        "unassigned": message("compare.unassigned", lang),
        "worst rank": message("compare.worst", lang),
        "worse off than rank-sum": message("compare.worse_off", lang),
    }
    names = [
        columns.get(str(c))
        or message("compare.rank", lang).format(rank=str(c).removeprefix("rank "))
        for c in table.columns
    ]
    frame = table.set_axis(names, axis=1).set_axis(index, axis=0)
    frame.index.name = message("compare.mechanism", lang)
    return frame


def _charted(table: pd.DataFrame) -> list[int]:
    """Positions of the columns the charts show: each rank, then the unassigned."""
    ranks = [i for i, c in enumerate(table.columns) if str(c).startswith("rank")]
    return [*ranks, list(table.columns).index("unassigned")]


def comparison_workbook(table: pd.DataFrame, path: Path, lang: Language = "en") -> Path:
    """The table, and a clustered column chart of people per rank per mechanism."""
    charted = [i + 1 for i in _charted(table)]
    table = comparison_table(table, lang)
    sheet_name = message("compare.sheet", lang)
    with atomic_path(path) as temporary, open_workbook(temporary) as opened:
        book, (_, sheet) = opened.book, opened.sheet(sheet_name)
        bold = opened.formats["bold"]
        sheet.write_string(0, 0, str(table.index.name), bold)
        for column, header in enumerate(table.columns, start=1):
            sheet.write_string(0, column, str(header), bold)
        for row, (name, values) in enumerate(table.iterrows(), start=1):
            sheet.write_string(row, 0, str(name))
            for column, value in enumerate(values, start=1):
                sheet.write_number(row, column, float(value))
        sheet.set_column(0, 0, 30)
        chart = book.add_chart({"type": "column"})
        for column in charted:
            chart.add_series(
                {
                    "name": [sheet_name, 0, column],
                    "categories": [sheet_name, 1, 0, len(table), 0],
                    "values": [sheet_name, 1, column, len(table), column],
                }
            )
        chart.set_title({"name": message("compare.title", lang)})
        chart.set_y_axis({"name": message("compare.people", lang)})
        sheet.insert_chart(len(table) + 3, 0, chart, {"x_scale": 1.6, "y_scale": 1.3})
    return path


def comparison_png(table: pd.DataFrame, path: Path, lang: Language = "en") -> Path:
    """A bar chart of people per rank per mechanism, for reports (needs matplotlib)."""
    try:
        matplotlib = importlib.import_module("matplotlib")
    except ImportError:
        raise InputError("--plot needs matplotlib: pip install 'workshop-assign[plot]'") from None
    matplotlib.use("Agg")
    pyplot = importlib.import_module("matplotlib.pyplot")
    charted = _charted(table)
    shown = comparison_table(table, lang)
    figure, axes = pyplot.subplots(figsize=(10, 5))
    shown.iloc[:, charted].plot.bar(ax=axes, rot=15)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    axes.set_ylabel(message("compare.people", lang))
    axes.set_title(message("compare.plot_title", lang))
    figure.tight_layout()
    with atomic_path(path) as temporary:
        figure.savefig(temporary, format="png", dpi=120)
    pyplot.close(figure)
    return path
