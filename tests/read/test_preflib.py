"""PrefLib files: strict and tied orders, voters counted, the .dat file's project seats
and supervisors (shared capacities), and lines that cannot be read named."""

from __future__ import annotations

from pathlib import Path

import pytest

import workshop_assign as wa

HEADER = """# FILE NAME: 99999-00000001.{kind}
# TITLE: invented projects
# DATA TYPE: {kind}
# NUMBER ALTERNATIVES: 4
# NUMBER VOTERS: 5
# ALTERNATIVE NAME 1: Project 0
# ALTERNATIVE NAME 2: Project 1
# ALTERNATIVE NAME 3: Project 2
# ALTERNATIVE NAME 4: Project 3
"""
DAT = """Project,Capacity,Supervisor
Project 0,2,Supervisor 0
Project 1,2,Supervisor 0
Project 2,1,Supervisor 1
Project 3,1,Supervisor 1
Supervisor,Capacity,Projects
Supervisor 0,2,0 1
Supervisor 1,1,2 3
"""


def write(tmp_path: Path, kind: str, lines: str, dat: str | None = DAT) -> Path:
    path = tmp_path / f"instance.{kind}"
    path.write_text(HEADER.format(kind=kind) + lines, encoding="utf-8")
    if dat is not None:
        path.with_suffix(".dat").write_text(dat, encoding="utf-8")
    return path


def test_a_tied_order_file_with_its_dat(tmp_path: Path) -> None:
    path = write(tmp_path, "toi", "3: 1,{2,3},4\n2: 3,1\n")
    data = wa.read_preflib(path)
    problem = data.problem
    assert problem.keys == ("voter 1", "voter 2", "voter 3", "voter 4", "voter 5")
    assert problem.wishes_of(0) == ("Project 0", "Project 1", "Project 2", "Project 3")
    assert problem.wish_ranks[problem.wish_list_of[0]] == (0, 1, 1, 2)
    assert problem.wishes_of(4) == ("Project 2", "Project 0")
    assert [w.capacity for w in problem.workshops] == [2, 2, 1, 1]
    assert [(p.name, tuple(p.workshops), p.seats) for p in data.shared_capacities] == [
        ("Supervisor 0", ("Project 0", "Project 1"), 2),
        ("Supervisor 1", ("Project 2", "Project 3"), 1),
    ]
    assert data.header["title"] == "invented projects"
    result = wa.solve(problem, rules=data.rules, objective="rank-maximal")
    held = result.to_frame()["workshop"].value_counts()
    assert held["Project 0"] + held["Project 1"] <= 2 and held["Project 2"] + held["Project 3"] <= 1
    assert result.n_unassigned == 2 and result.check() == []


def test_seats_given_instead_of_a_dat(tmp_path: Path) -> None:
    path = write(tmp_path, "soi", "1: 2,1\n", dat=None)
    with pytest.raises(
        wa.InputError, match="no seats for 'Project 0' and 3 more; give capacities="
    ):
        wa.read_preflib(path)
    data = wa.read_preflib(path, capacities=1)
    assert [w.capacity for w in data.problem.workshops] == [1, 1, 1, 1]
    assert data.shared_capacities == ()


@pytest.mark.parametrize(
    ("lines", "said"),
    [
        ("two: 1,2\n", "line 10: 'two: 1,2' is not 'count: order'"),
        ("1: 1,x\n", "line 10: '1: 1,x' is not 'count: order'"),
        ("1 1,2\n", "line 10: '1 1,2' is not 'count: order'"),
        ("1: 1,9\n", "alternative 9"),
    ],
)
def test_a_line_that_is_no_order_is_named(tmp_path: Path, lines: str, said: str) -> None:
    with pytest.raises(wa.InputError, match=said):
        wa.read_preflib(write(tmp_path, "soi", lines), capacities=1)
