"""Workshop names that differ in one token are different options, read exactly as written.

Exports from name families (lettered, numbered, roman numerals, shared prefixes and
suffixes, punctuation, long names that differ in one word, long and short forms of two
real options), in any order of frequency, with real misspellings of real names mixed in:
every wish is read as written (a misspelling as its name, or kept as written), or the
run stops with one line naming the cell — never a silent merge.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workshop_assign as wa
from forms import FAMILIES, chosen, people_rows, write_export
from helpers import run


@pytest.mark.parametrize("newest_first", [False, True], ids=["oldest-first", "newest-first"])
@pytest.mark.parametrize("family", list(FAMILIES))
def test_each_family_reads_every_option_exactly(
    tmp_path: Path, family: str, newest_first: bool
) -> None:
    names = FAMILIES[family]
    wishes = chosen(names, 60, seed=len(family))
    export = write_export(tmp_path / "a.csv", people_rows(wishes, newest_first=newest_first))
    parsed = wa.parse_export(export)
    assert sorted(parsed.names) == sorted({n for w in wishes for n in w})
    by_key = dict(zip(parsed.keys, map(tuple, parsed.wishes), strict=True))
    assert by_key == {f"p{i}@x.example": tuple(w) for i, w in enumerate(wishes)}
    assert not [n for n in parsed.notes if n.code == "name"]
    # with ample seats everyone gets their first choice
    problem = wa.read_export(export, workshops=dict.fromkeys(names, len(wishes)))
    result = wa.solve(problem)
    assert result.rank_counts[1] == len(wishes)
    assert result.n_unassigned == 0


@pytest.mark.parametrize("family", ["lettered", "numbered", "roman", "punctuation"])
def test_inspect_lists_every_option_and_solve_asks_for_their_seats(
    tmp_path: Path, family: str
) -> None:
    names = FAMILIES[family]
    export = write_export(tmp_path / "a.csv", people_rows(chosen(names, 40, seed=1)))
    done = run("inspect", str(export), "--lang", "en")
    assert done.returncode == 0, done.stderr
    listed = done.stdout.split("workshops, people per rank:")[1].split("no seat counts")[0]
    assert sorted(line.split("  ")[0] for line in listed.strip().splitlines()[1:]) == sorted(names)
    seats = [f"--capacity={n}=40" for n in names]
    done = run("solve", str(export), *seats, "-o", str(tmp_path / "r.xlsx"), "--lang", "en")
    assert done.returncode == 0, done.stderr


def test_a_stray_typo_of_a_real_name_is_still_read(tmp_path: Path) -> None:
    names = ["Digitale Zwillinge", "Mobilitätskonzepte", "Workshop A", "Workshop B"]
    wishes = chosen(names, 30, seed=3)
    wishes[4][0] = "Mobilitätskonzpte"  # a dropped letter
    wishes[5][1] = "Digitale Zwilinge"
    export = write_export(tmp_path / "a.csv", people_rows(wishes))
    parsed = wa.parse_export(export)
    assert sorted(parsed.names) == sorted(names)
    typos = {n.value: n.params["workshop"] for n in parsed.notes if n.code == "name"}
    assert typos == {
        "Mobilitätskonzpte": "Mobilitätskonzepte",
        "Digitale Zwilinge": "Digitale Zwillinge",
    }


def test_a_typo_equally_close_to_two_options_stops_at_its_cell(tmp_path: Path) -> None:
    table = tmp_path / "shops.csv"
    table.write_text("Workshop,Plätze\nMalen und Zeichnen,10\nMalen und Rechnen,10\n")
    wishes = [["Malen und Zeichnen"], ["Malen und Rechnen"], ["Malen und Zeicnen"]]
    wishes += [["Malen und Reichnen"]]  # one slipped letter from either name
    wishes += [["Malen und Zeichnen"], ["Malen und Rechnen"]] * 10
    export = write_export(tmp_path / "b.csv", people_rows([[*w, "", ""] for w in wishes]))
    done = run("inspect", str(export), "--workshops", str(table), "--lang", "en")
    assert done.returncode == 3
    assert done.stderr == (
        f"workshop-assign: error: {export}, cell C5: 'Malen und Reichnen' could be 'Malen und "
        "Zeichnen' or 'Malen und Rechnen' (equally close); write the workshop's name in full\n"
    )
    without_table = run("inspect", str(export), "--lang", "en")  # rare beside both
    assert without_table.returncode == 3
    assert without_table.stderr == done.stderr


# --- property: any family, any frequencies, misspellings mixed in ----------------------


def _misspelled(name: str, how: int) -> str | None:
    """One slipped letter in the longest word of ``name`` that is not a marker."""
    words = name.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long:
        return None
    i = max(long, key=lambda j: len(words[j]))
    word = words[i]
    at = 2 + how % (len(word) - 3)
    if how % 3 == 0:
        word = word[:at] + word[at + 1 :]  # dropped
    elif how % 3 == 1:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]  # swapped
    else:
        word = word[:at] + word[at] + word[at:]  # doubled
    return " ".join([*words[:i], word, *words[i + 1 :]])


@st.composite
def exports(draw: st.DrawFn) -> tuple[list[str], list[list[str]], list[list[str]], bool]:
    """(names, intended wishes, wishes as written, newest first)."""
    family = draw(st.sampled_from(sorted(FAMILIES)))
    names = draw(st.permutations(FAMILIES[family]))[: draw(st.integers(2, 6))]
    weights = draw(st.lists(st.integers(1, 20), min_size=len(names), max_size=len(names)))
    count = draw(st.integers(5, 40))
    intended = []
    for _ in range(count):
        order = draw(st.permutations(range(len(names))))
        first = max(order[:2], key=lambda i: weights[i])
        rest = [i for i in order if i != first][: draw(st.integers(0, 2))]
        intended.append([names[i] for i in [first, *rest]])
    written = [list(w) for w in intended]
    for _ in range(draw(st.integers(0, 3))):
        person = draw(st.integers(0, count - 1))
        rank = draw(st.integers(0, len(written[person]) - 1))
        typo = _misspelled(written[person][rank], draw(st.integers(0, 30)))
        if typo is not None and typo not in names:
            written[person][rank] = typo
    return names, intended, written, draw(st.booleans())


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=exports(), table=st.booleans())
def test_wishes_are_read_as_written_or_the_cell_is_named(
    tmp_path: Path, case: tuple[list[str], list[list[str]], list[list[str]], bool], table: bool
) -> None:
    names, intended, written, newest_first = case
    rows = [[*w, *[""] * (3 - len(w))] for w in written]
    export = write_export(tmp_path / "a.csv", people_rows(rows, newest_first=newest_first))
    try:
        parsed = wa.parse_export(export, workshops=dict.fromkeys(names, 99) if table else None)
    except wa.SpreadsheetError as error:
        assert " cell " in str(error) and "\n" not in str(error)
        return
    found = dict(zip(parsed.keys, map(tuple, parsed.wishes), strict=True))
    for i, (want, wrote) in enumerate(zip(intended, written, strict=True)):
        got = found[f"p{i}@x.example"]
        assert len(got) == len(want)
        for name, text, read in zip(want, wrote, got, strict=True):
            assert read == name or (text != name and read == text), (text, read)
    chosen_names = {
        n
        for w, t in zip(intended, written, strict=True)
        for n, x in zip(w, t, strict=True)
        if n == x
    }
    assert chosen_names <= set(parsed.names)


def test_a_misspelling_more_common_than_the_name_is_not_forced_onto_it(tmp_path: Path) -> None:
    """Found by the property test: "Grppe 1" written twice and "Gruppe 1" once are not
    one beside the other's rarity: each is read as written (without a table nothing says
    which is right), never one person's answer rewritten as the other's."""
    wishes = [["Grppe 1"], ["Gruppe 2"], ["Grppe 1"], ["Gruppe 1"], ["Gruppe 2"]]
    export = write_export(tmp_path / "a.csv", people_rows([[*w, "", ""] for w in wishes]))
    parsed = wa.parse_export(export)
    found = dict(zip(parsed.keys, map(tuple, parsed.wishes), strict=True))
    assert found == {f"p{i}@x.example": tuple(w) for i, w in enumerate(wishes)}
