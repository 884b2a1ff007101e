"""Admin actions on recall efforts: move the selected efforts to a status, with a source."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from articles.citations import effort_status_move
from curation.forms import StatusMoveForm
from recalls.models import EffortStatus


def status_move_action(status: str):
    label = EffortStatus(status).label

    @admin.action(description=f"Move selected efforts to “{label}” (with a source)")
    def action(modeladmin, request, queryset):
        form = StatusMoveForm(
            request.POST if "apply" in request.POST else None, initial={"status": status}
        )
        if "apply" in request.POST and form.is_valid():
            try:
                for effort in queryset:
                    effort_status_move(
                        effort=effort,
                        status=form.cleaned_data["status"],
                        date=form.cleaned_data["date"],
                        description=form.cleaned_data["description"],
                        article=form.cleaned_data["source_article"],
                        quote=form.cleaned_data["source_quote"],
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                modeladmin.message_user(
                    request, f"{queryset.count()} effort(s) moved to “{label}”.", messages.SUCCESS
                )
                return None
        return TemplateResponse(
            request,
            "admin/recalls/status_move.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": f"Move to “{label}”",
                "efforts": queryset,
                "form": form,
                "action": request.POST.get("action"),
                "opts": modeladmin.model._meta,
                "media": modeladmin.media + form.media,
            },
        )

    action.__name__ = f"move_to_{status}"
    return action
