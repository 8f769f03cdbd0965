"""The comparison of mechanisms as a workbook with a native Excel chart, or a PNG chart."""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd

from workshop_assign.errors import InputError
from workshop_assign.io.files import atomic_path
from workshop_assign.io.workbook import open_workbook


def comparison_workbook(table: pd.DataFrame, path: Path) -> Path:
    """The table, and a clustered column chart of people per rank per mechanism."""
    with atomic_path(path) as temporary, open_workbook(temporary) as opened:
        book, (_, sheet) = opened.book, opened.sheet("Comparison")
        bold = opened.formats["bold"]
        sheet.write_string(0, 0, "mechanism", bold)
        for column, header in enumerate(table.columns, start=1):
            sheet.write_string(0, column, str(header), bold)
        for row, (name, values) in enumerate(table.iterrows(), start=1):
            sheet.write_string(row, 0, str(name))
            for column, value in enumerate(values, start=1):
                sheet.write_number(row, column, float(value))
        sheet.set_column(0, 0, 30)
        chart = book.add_chart({"type": "column"})
        rank_columns = [
            i for i, c in enumerate(table.columns, start=1) if str(c).startswith("rank")
        ]
        rank_columns.append(list(table.columns).index("unassigned") + 1)
        for column in rank_columns:
            chart.add_series(
                {
                    "name": ["Comparison", 0, column],
                    "categories": ["Comparison", 1, 0, len(table), 0],
                    "values": ["Comparison", 1, column, len(table), column],
                }
            )
        chart.set_title({"name": "People per rank received"})
        chart.set_y_axis({"name": "people"})
        sheet.insert_chart(len(table) + 3, 0, chart, {"x_scale": 1.6, "y_scale": 1.3})
    return path


def comparison_png(table: pd.DataFrame, path: Path) -> Path:
    """A bar chart of people per rank per mechanism, for reports (needs matplotlib)."""
    try:
        matplotlib = importlib.import_module("matplotlib")
    except ImportError:
        raise InputError("--plot needs matplotlib: pip install 'workshop-assign[plot]'") from None
    matplotlib.use("Agg")
    pyplot = importlib.import_module("matplotlib.pyplot")
    columns = [c for c in table.columns if str(c).startswith("rank")] + ["unassigned"]
    figure, axes = pyplot.subplots(figsize=(10, 5))
    table[columns].plot.bar(ax=axes, rot=15)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    axes.set_ylabel("people")
    axes.set_title("People per rank received, by mechanism")
    figure.tight_layout()
    with atomic_path(path) as temporary:
        figure.savefig(temporary, format="png", dpi=120)
    pyplot.close(figure)
    return path
