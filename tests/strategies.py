"""Hypothesis strategies for small workshop problems (plain data, no library objects)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st


@dataclass(frozen=True)
class Spec:
    """A problem as plain data: capacities per workshop and wish lists of indices."""

    capacities: tuple[int, ...]
    wishes: tuple[tuple[int, ...], ...]

    @property
    def names(self) -> list[str]:
        return [f"W{w}" for w in range(len(self.capacities))]

    def preferences(self) -> dict[str, list[str]]:
        return {f"a{i}@x.example": [f"W{w}" for w in lst] for i, lst in enumerate(self.wishes)}

    def capacity_map(self) -> dict[str, int]:
        return dict(zip(self.names, self.capacities, strict=True))


@st.composite
def specs(
    draw: st.DrawFn, max_workshops: int = 3, max_people: int = 6, max_capacity: int = 3
) -> Spec:
    """Tiny problems: often tie-heavy (wish lists drawn from a small pool), often tight."""
    n_ws = draw(st.integers(1, max_workshops))
    capacities = tuple(draw(st.lists(st.integers(0, max_capacity), min_size=n_ws, max_size=n_ws)))
    one_list = st.permutations(range(n_ws)).flatmap(
        lambda perm: st.integers(0, len(perm)).map(lambda k: tuple(perm[:k]))
    )
    pool = draw(st.lists(one_list, min_size=1, max_size=4))
    source = st.one_of(st.sampled_from(pool), one_list)
    wishes = tuple(draw(st.lists(source, min_size=0, max_size=max_people)))
    return Spec(capacities, wishes)
