"""The centers as a map layer: `out/fusion_centers.geojson` (RFC 7946).

One FeatureCollection; each center is a Feature whose `id` is the center's id,
whose geometry is a Point at [longitude, latitude] (RFC 7946 §3.1.1: longitude
first, WGS 84 decimal degrees), and whose properties are the center's columns
as in fusion_centers.json (null where missing). A center that could not be
located keeps its Feature with a null geometry (RFC 7946 §3.2), so no center
is dropped from the map's data.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from pipeline.export.columns import CENTERS
from pipeline.export.tables import center_row, encoded, json_array, json_row
from pipeline.records import Center

COORDINATE_COLUMNS = ("latitude", "longitude")


def feature(c: Center) -> dict:
    """A center as a GeoJSON Feature."""
    row = json_row(CENTERS, center_row(c))
    geometry = None
    if c.latitude is not None and c.longitude is not None:
        geometry = {"type": "Point", "coordinates": [c.longitude, c.latitude]}
    properties = {k: v for k, v in row.items() if k not in COORDINATE_COLUMNS}
    return {"type": "Feature", "id": c.id, "geometry": geometry, "properties": properties}


def geojson_chunks(centers: Iterable[Center]) -> Iterator[bytes]:
    """`out/fusion_centers.geojson` for the centers, in the order of fusion_centers.csv,
    a feature at a time: the text `json.dumps(collection, ensure_ascii=False, indent=2)`
    gives, without the collection or its text whole in memory."""
    features = (feature(c) for c in sorted(centers, key=lambda c: c.id))
    return encoded(itertools.chain(('{\n  "type": "FeatureCollection",\n  "features": ',),
                                   json_array(features, level=1), ("\n}\n",)))
