from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .home_figures import home_figures
from .jobs import JOB_KINDS, job_stalled
from .models import BackgroundJob, JobStatus


def home(request: HttpRequest) -> HttpResponse:
    """What the programme is and how a resident takes part."""
    return render(request, "core/home.html", {"figures": home_figures()})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
@login_required
def job(request: HttpRequest, job_id: int) -> HttpResponse:
    """A background job's progress, for the person who started it (anyone else: 404). HTMX asks for
    the progress part every 2 seconds until the job ends, then follows it to its result; without
    JavaScript the page has a link that loads it again."""
    found = get_object_or_404(BackgroundJob, pk=job_id, started_by=request.user)
    kind = JOB_KINDS.get(found.kind)
    if kind is None or getattr(request.user, "role", None) not in kind.roles:
        raise Http404
    context = {
        "job": found,
        "kind": kind,
        "stalled": job_stalled(found),
        "percent": round(100 * found.done / found.total) if found.total else None,
    }
    if request.headers.get("HX-Request"):
        response = render(request, "core/_job_progress.html", context)
        if found.status == JobStatus.DONE and found.result_url:
            response["HX-Redirect"] = found.result_url
        return response
    return render(request, "core/job.html", context)
