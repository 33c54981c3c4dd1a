"""Small builders of service points for tests and the role matrix."""

import random
from decimal import Decimal
from itertools import count

from jineng.core.districts import random_point_in
from jineng.core.models import District
from jineng.servicepoints.models import ServicePoint

_numbers = count(1)


def point(*, district: str = "310115", kind: str = "station", name: str = "", lon: float | None = None,
          lat: float | None = None, is_active: bool = True) -> ServicePoint:
    n = next(_numbers)
    place = District.objects.get(code=district)
    if lon is None or lat is None:
        lon, lat = random_point_in(place.geometry, rng=random.Random(n * 7919))
    return ServicePoint.objects.create(name=name or f"测试就业服务站{n}", kind=kind, district=place,
                                       address=f"测试路{n}号", lon=Decimal(str(lon)), lat=Decimal(str(lat)),
                                       hours="周一至周五 9:00–17:00", is_active=is_active, is_synthetic=True)
