"""Copy the front-end packages installed by npm into static/vendor, so they are served locally."""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"

FILES = {
    "echarts/dist/echarts.min.js": "echarts/echarts.min.js",
    "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
    "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
    "leaflet.markercluster/dist/leaflet.markercluster.js": "leaflet.markercluster/leaflet.markercluster.js",
    "leaflet.markercluster/dist/MarkerCluster.css": "leaflet.markercluster/MarkerCluster.css",
    "leaflet.markercluster/dist/MarkerCluster.Default.css": "leaflet.markercluster/MarkerCluster.Default.css",
    "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
    "swagger-ui-dist/swagger-ui.css": "swagger-ui/swagger-ui.css",
    "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui/swagger-ui-bundle.js",
    "swagger-ui-dist/swagger-ui-standalone-preset.js": "swagger-ui/swagger-ui-standalone-preset.js",
}
DIRS = {"leaflet/dist/images": "leaflet/images"}


def main() -> None:
    for source, target in FILES.items():
        destination = VENDOR / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE / source, destination)
        # Source maps the files name: the manifest storage (make serve) refuses a reference to a missing file.
        if (NODE / f"{source}.map").exists():
            shutil.copyfile(NODE / f"{source}.map", destination.with_name(f"{destination.name}.map"))
    for source, target in DIRS.items():
        shutil.copytree(NODE / source, VENDOR / target, dirs_exist_ok=True)


if __name__ == "__main__":
    main()
