from jineng.accounts import permissions


def viewer(request):
    user = getattr(request, "user", None)
    return {
        "can_review": permissions.user_can(user, permissions.REVIEW_REPORTS),
        "can_manage_plan": permissions.user_can(user, permissions.MANAGE_PLAN),
        "can_submit": permissions.user_can(user, permissions.SUBMIT_REPORTS),
        "can_use_desk": permissions.user_can(user, permissions.USE_DESK),
        "can_supervise_training": permissions.user_can(user, permissions.SUPERVISE_TRAINING),
        "can_run_training": permissions.user_can(user, permissions.RUN_TRAINING),
        "can_claim": permissions.user_can(user, permissions.CLAIM_SUBSIDIES),
        "can_review_claims": permissions.user_can(user, permissions.REVIEW_CLAIMS),
        "can_pay_claims": permissions.user_can(user, permissions.PAY_CLAIMS),
    }
