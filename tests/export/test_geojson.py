"""out/fusion_centers.geojson: an RFC 7946 FeatureCollection, checked by the
geojson package and by its structure, with [longitude, latitude] order."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import geojson
import pytest

from pipeline.export.geojson import feature, geojson_chunks


@pytest.fixture(scope="module")
def collection(real_build) -> dict:
    _, out = real_build
    return json.loads((out / "fusion_centers.geojson").read_text(encoding="utf-8"))


def test_the_geojson_package_finds_it_valid(real_build):
    _, out = real_build
    parsed = geojson.loads((out / "fusion_centers.geojson").read_text(encoding="utf-8"))
    assert parsed.is_valid, parsed.errors()
    assert isinstance(parsed, geojson.FeatureCollection)


def test_one_point_feature_per_center_in_the_csv_order(real_build, collection):
    _, out = real_build
    rows = list(csv.DictReader(io.StringIO((out / "fusion_centers.csv").read_text(encoding="utf-8"), newline="")))
    assert set(collection) == {"type", "features"}  # RFC 7946 §4: no "crs" member
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == [r["id"] for r in rows]
    for f, row in zip(collection["features"], rows):
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert (lat, lon) == (float(row["latitude"]), float(row["longitude"]))
        assert "latitude" not in f["properties"] and f["properties"]["name"] == row["name"]


@pytest.mark.parametrize("center_id, lon, lat", [
    ("maine-information-and-analysis-center", -69.78, 44.31),  # Augusta, Maine: 44°18′38″N 69°46′46″W
    ("mariana-regional-fusion-center-guam", 144.75, 13.48),  # Hagåtña, Guam: 13°28′45″N 144°45′00″E
])
def test_longitude_comes_first(collection, center_id, lon, lat):
    point = next(f["geometry"]["coordinates"] for f in collection["features"] if f["id"] == center_id)
    assert abs(point[0] - lon) < 0.2 and abs(point[1] - lat) < 0.2


def test_a_center_not_located_keeps_its_feature_with_a_null_geometry(real_build):
    b, _ = real_build
    center = replace(b.dataset.centers[0], latitude=None, longitude=None, coordinate_method="")
    f = feature(center)
    assert f["geometry"] is None and f["id"] == center.id
    assert geojson.loads(json.dumps({"type": "FeatureCollection", "features": [f]})).is_valid


@pytest.mark.parametrize("count", [0, 1, 78], ids=["none", "one", "all"])
def test_written_a_feature_at_a_time_it_is_the_whole_collection_dumped(real_build, count):
    """The file is made a feature at a time (a large build never holds it whole): its bytes are
    those of the collection dumped whole, with no center, one, or all of them."""
    b, _ = real_build
    centers = sorted(b.dataset.centers, key=lambda c: c.id)[:count]
    whole = {"type": "FeatureCollection", "features": [feature(c) for c in centers]}
    assert b"".join(geojson_chunks(centers)) == (json.dumps(whole, ensure_ascii=False, indent=2) + "\n").encode()
