"""Write the bundled example export: the Smart Cities afternoon, with invented attendees.

Run it to regenerate ``smart_cities_anmeldungen.csv`` and ``smart_cities_workshops.csv``;
the output is deterministic.  Every person is invented and has a ``.example`` address.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
WORKSHOPS = {  # name: seats; the first is the crowd-puller
    "Digitale Zwillinge": 90,
    "Mobilitätskonzepte": 110,
    "Digitale Kompetenzen für mehr Teilhabe": 130,
}
FIRST = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Elif",
    "Felix",
    "Greta",
    "Hannes",
    "Ida",
    "Jonas",
    "Karla",
    "Lukas",
    "Mia",
    "Noah",
    "Oskar",
    "Paula",
    "Quentin",
    "Rosa",
    "Sami",
    "Tilda",
]
LAST = [
    "Albrecht",
    "Bauer",
    "Conrad",
    "Dietrich",
    "Engel",
    "Fuchs",
    "Graf",
    "Hoffmann",
    "Iske",
    "Jung",
    "Krüger",
    "Lehmann",
    "Meier",
    "Neumann",
    "Otto",
    "Peters",
    "Richter",
    "Schulz",
    "Thiele",
    "Voigt",
]
PLACES = [
    "Stadt Halle (Saale)",
    "Stadt Merseburg",
    "Saalekreis",
    "Stadt Weißenfels",
    "Burgenlandkreis",
    "Stadt Naumburg",
    "Lutherstadt Eisleben",
    "Landkreis Mansfeld-Südharz",
    "Stadt Zeitz",
    "Stadt Querfurt",
]


def main(n_attendees: int = 320, seed: int = 2025) -> None:
    """Write the export and the workshop table next to this script."""
    rng = np.random.default_rng(seed)
    names = list(WORKSHOPS)
    weights = np.array([0.5, 0.3, 0.2])
    rows = []
    for i in range(n_attendees):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        order = list(rng.choice(3, size=3, replace=False, p=weights))
        wishes = [names[j] for j in order[: 3 if rng.random() > 0.1 else 2]]
        rows.append(
            {
                "E-Mail": f"{first.lower()}.{last.lower()}{i}@kommune.example",
                "Name": f"{first} {last}",
                "Organisation": str(rng.choice(PLACES)),
                "Erstwunsch": wishes[0],
                "Zweitwunsch": wishes[1],
                "Drittwunsch": wishes[2] if len(wishes) > 2 else "",
            }
        )
    with (HERE / "smart_cities_anmeldungen.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with (HERE / "smart_cities_workshops.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Workshop", "Plätze"])
        writer.writerows(WORKSHOPS.items())


if __name__ == "__main__":
    main()
