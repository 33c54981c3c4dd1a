"""Which images an article may carry: the type is read from the file's first bytes, never from its name."""

from dataclasses import dataclass

MAX_IMAGE_BYTES = 2 * 1024 * 1024

# signature -> (suffix, media type); SVG is refused (it can carry script)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", ".png", "image/png"),
    (b"\xff\xd8\xff", ".jpg", "image/jpeg"),
    (b"GIF87a", ".gif", "image/gif"),
    (b"GIF89a", ".gif", "image/gif"),
)


@dataclass(frozen=True)
class ImageKind:
    suffix: str
    media_type: str


def image_kind(content: bytes) -> ImageKind | None:
    """PNG, JPEG, GIF or WebP by their signature; anything else None."""
    for signature, suffix, media_type in _SIGNATURES:
        if content.startswith(signature):
            return ImageKind(suffix, media_type)
    if len(content) >= 12 and content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return ImageKind(".webp", "image/webp")
    return None
