app_name = "wages"
urlpatterns: list = []
