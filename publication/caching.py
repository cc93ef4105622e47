"""Public pages are cached whole, per published version (publication.selectors'
`publication_version`): a new publication, a withdrawal or a changed plan moves the version,
so the next request renders afresh. A cached answer costs one small query, like the health view.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from publication.selectors import publication_version
from simba.caching import TIMEOUT

KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def cached_public_page(view):
    """Caches 200 answers by host and path (never the query string: it cannot bloat the cache)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        page = f"{publication_version()} {request.get_host()} {request.path}"
        key = "insyn:" + hashlib.sha256(page.encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            cache.set(key, (response.content, headers), TIMEOUT)
        return response

    return wrapper
