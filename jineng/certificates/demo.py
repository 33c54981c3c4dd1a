def certificates_demo_seed(*, year: int) -> dict[str, object]:
    return {}
