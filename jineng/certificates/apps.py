from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "jineng.certificates"
    label = "certificates"
    verbose_name = "职业技能等级证书"

    def ready(self) -> None:
        from jineng.certificates import metrics, plugin

        metrics.register()
        plugin.register()
        _issue_when_results_are_approved()


def _issue_when_results_are_approved() -> None:
    """Register the issuing function with the evaluation app's "on approved" callbacks, once it offers them."""
    import importlib

    try:
        results = importlib.import_module("jineng.evaluation.services.results")
    except ImportError:
        return
    register = getattr(results, "on_results_approved", None) or getattr(results, "register_on_approved", None)
    if callable(register):
        from jineng.certificates.services.issue import certificates_issue_on_approval

        register(certificates_issue_on_approval)
