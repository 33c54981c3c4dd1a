from django.http import JsonResponse
from django.urls import path

from config.urls import urlpatterns as platform

STATIC = {"result": "valid", "number": "S000031700000243000001", "holder": "张*三", "occupation": "车工",
          "level": "三级/高级工", "body": "上海测试职业技能评价中心", "issued_on": "2024-06-30", "status_date": None,
          "status_reason": None}


def static_json(request):
    return JsonResponse(STATIC, json_dumps_params={"ensure_ascii": False})


urlpatterns = [path("bench/static.json", static_json), *platform]
