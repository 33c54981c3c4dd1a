from jineng.accounts import permissions


def viewer(request):
    user = getattr(request, "user", None)
    return {
        "viewer_role": getattr(user, "role", None),
        "can_review": permissions.user_can(user, permissions.REVIEW_REPORTS),
        "can_manage_plan": permissions.user_can(user, permissions.MANAGE_PLAN),
        "can_submit": permissions.user_can(user, permissions.SUBMIT_REPORTS),
        "can_use_desk": permissions.user_can(user, permissions.USE_DESK),
    }
