from django.apps import AppConfig


class SubsidiesConfig(AppConfig):
    name = "jineng.subsidies"
    label = "subsidies"
    verbose_name = "补贴"

    def ready(self) -> None:
        from jineng.subsidies import metrics, plugin

        metrics.register()
        plugin.register()

        from jineng.certificates.services.status import on_certificate_withdrawn
        from jineng.subsidies.services.certificate_checks import claims_recheck_for_certificate

        on_certificate_withdrawn(claims_recheck_for_certificate)
