"""Item 8: the published aggregate of reported demand, for training and evaluation institutions and anyone."""

from django.shortcuts import render

from jineng.core.models import District
from jineng.core.views import int_param
from jineng.demand.selectors.analysis import PUBLIC_MIN_ENTERPRISES, demand_public_cells, demand_public_years


def demand_public(request):
    years = demand_public_years()
    year = int_param(request, "year")
    year = year if year in years else (years[0] if years else None)
    district_id = int_param(request, "district")
    cells, suppressed = demand_public_cells(year=year, district_id=district_id) if year else ([], 0)
    return render(request, "portal/demand.html", {
        "cells": cells, "suppressed": suppressed, "years": years, "year": year, "district_id": district_id,
        "districts": District.objects.order_by("code"), "minimum": PUBLIC_MIN_ENTERPRISES,
    })
