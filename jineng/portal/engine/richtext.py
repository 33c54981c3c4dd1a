"""Article bodies are rich text from staff editors; only a small set of tags survives (nh3, the Rust ammonia
sanitiser): no script, no style, no event handlers, links only to http(s) and mail, opened without referrer."""

import nh3

TAGS = {"p", "br", "strong", "em", "b", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "table",
        "thead", "tbody", "tr", "th", "td", "figure", "figcaption"}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}


def body_clean(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer",
                     strip_comments=True).strip()


def text_plain(html: str) -> str:
    """The body without any tag (for a summary or a length check)."""
    return nh3.clean(html, tags=set()).strip()
